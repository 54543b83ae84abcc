package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RelayReader} on real MariaDB binlog bytes: contiguous files read through, gaps and overlaps refused. */
class RelayReaderTest {
    @TempDir
    Path dir;

    private static List<RelayEvent> readAll(RelayReader r) {
        List<RelayEvent> out = new ArrayList<>();
        for (RelayEvent e = r.next(); e != null; e = r.next()) {
            out.add(e);
        }
        return out;
    }

    @Test
    void readsConsecutiveFilesEventByEventWithTheirOriginalBytes() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.FIRST, RealBinlogs.SECOND);
        List<byte[]> expected = new ArrayList<>(RealBinlogs.events(RealBinlogs.FIRST));
        expected.addAll(RealBinlogs.events(RealBinlogs.SECOND));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.FIRST, 4)) {
            List<RelayEvent> got = readAll(r);
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i).raw(), "event " + i);
            }
            assertEquals(RealBinlogs.SECOND, r.file(), "crossed into the file the ROTATE names");
            assertEquals(RealBinlogs.bytes(RealBinlogs.SECOND).length, r.position());
            assertNull(r.next(), "nothing more until the writer appends");
        }
    }

    @Test
    void opensInTheMiddleOfAFileAndKnowsItsFormatDescription() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.SECOND);
        List<byte[]> events = RealBinlogs.events(RealBinlogs.SECOND);
        long at = 4 + events.get(0).length + events.get(1).length;
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.SECOND, at)) {
            RelayEvent first = r.next();
            assertEquals(at, first.start());
            assertArrayEquals(events.get(2), first.raw());
            assertArrayEquals(events.get(0), r.formatDescription());
        }
    }

    @Test
    void anEventNotYetCompleteIsNotHandedOut() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        byte[] whole = RealBinlogs.bytes(RealBinlogs.SECOND);
        Path f = layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND);
        Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 7));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.SECOND, 4)) {
            List<RelayEvent> got = readAll(r);
            assertEquals(RealBinlogs.events(RealBinlogs.SECOND).size() - 1, got.size());
            Files.write(f, whole); // the writer completes it
            RelayEvent rotate = r.next();
            assertEquals(RawEvents.ROTATE, rotate.type());
        }
    }

    @Test
    void aMissingFileBetweenTwoRelayFilesIsAGap() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.FIRST);
        // the ROTATE at the end of 000002 names 000003, but the next relay file is 000004
        Files.write(layout.file(RealBinlogs.SUB_DIR, "up-bin.000004"), RealBinlogs.bytes(RealBinlogs.SECOND));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.FIRST, 4)) {
            DmException e = assertThrows(DmException.class, () -> readAll(r));
            assertEquals(RelayErrors.GAP, e.code());
            assertTrue(e.getMessage().contains("up-bin.000003") && e.getMessage().contains("up-bin.000004"), e.getMessage());
        }
    }

    @Test
    void aFileEndingWithoutRotateFollowedByALaterFileIsAGap() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.SECOND);
        List<byte[]> events = RealBinlogs.events(RealBinlogs.FIRST);
        // 000002 without its last events (no ROTATE) and then a file that is not its successor by number
        Files.write(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.FIRST), RealBinlogs.file(events.subList(0, 5)));
        Files.move(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND), layout.file(RealBinlogs.SUB_DIR, "up-bin.000005"));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.FIRST, 4)) {
            DmException e = assertThrows(DmException.class, () -> readAll(r));
            assertEquals(RelayErrors.GAP, e.code());
        }
    }

    @Test
    void eventsMissingInsideAFileAreAGap() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        List<byte[]> events = new ArrayList<>(RealBinlogs.events(RealBinlogs.SECOND));
        events.remove(4); // the table map of the first transaction
        Files.write(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND), RealBinlogs.file(events));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.SECOND, 4)) {
            DmException e = assertThrows(DmException.class, () -> readAll(r));
            assertEquals(RelayErrors.GAP, e.code());
        }
    }

    @Test
    void anEventWrittenTwiceIsAnOverlap() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        List<byte[]> events = new ArrayList<>(RealBinlogs.events(RealBinlogs.SECOND));
        events.add(5, events.get(4)); // the same table map again
        Files.write(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND), RealBinlogs.file(events));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.SECOND, 4)) {
            DmException e = assertThrows(DmException.class, () -> readAll(r));
            assertEquals(RelayErrors.OVERLAP, e.code());
        }
    }

    @Test
    void aDamagedEventFailsItsChecksum() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        byte[] f = RealBinlogs.bytes(RealBinlogs.SECOND);
        f[620] ^= 0x40; // inside the body of the second GTID event
        Files.write(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND), f);
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.SECOND, 4)) {
            DmException e = assertThrows(DmException.class, () -> readAll(r));
            assertEquals(RelayErrors.CORRUPT, e.code());
        }
    }
}
