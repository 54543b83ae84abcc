package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RelayWriter} fed with real MariaDB event bytes, and its crash recovery on damaged real files. */
class RelayWriterTest {
    @TempDir
    Path dir;

    private final BoundaryDecoder decoder = new BoundaryDecoder();

    /** The rotate a server sends first on a replication connection (made up: log_pos 0, artificial flag). */
    private static byte[] fakeRotate(String file, long pos) {
        byte[] name = file.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(RawEvents.HEADER + 8 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).put((byte) RawEvents.ROTATE).putInt(1).putInt(RawEvents.HEADER + 8 + name.length).putInt(0)
                .putShort((short) RawEvents.ARTIFICIAL).putLong(pos).put(name);
        return b.array();
    }

    private void feed(RelayWriter w, byte[] raw) throws Exception {
        w.accept(raw, decoder.decode(raw));
    }

    private RelayWriter newWriter(RelayLayout layout) {
        return new RelayWriter(layout, RealBinlogs.SUB_DIR, new RelayNotifier(), Clock.systemUTC(), Duration.ZERO);
    }

    private static void assertMetaNotAhead(RelayLayout layout) throws Exception {
        var meta = layout.readMeta(RealBinlogs.SUB_DIR);
        if (meta.isPresent()) {
            Path f = layout.file(RealBinlogs.SUB_DIR, meta.get().binlogName());
            assertTrue(Files.exists(f) && meta.get().binlogPos() <= Files.size(f), "relay.meta " + meta.get()
                    + " is ahead of the bytes on disk");
        }
    }

    @Test
    void writesTheUpstreamBytesAndCutsFilesWhereTheUpstreamDid() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        layout.appendSubDir("0-1");
        try (RelayWriter w = newWriter(layout)) {
            feed(w, fakeRotate(RealBinlogs.FIRST, 4));
            for (String f : List.of(RealBinlogs.FIRST, RealBinlogs.SECOND)) {
                for (byte[] e : RealBinlogs.events(f)) {
                    feed(w, e);
                    assertMetaNotAhead(layout);
                }
            }
            assertEquals(new BinlogPosition("up-bin.000004", 4), w.end().orElseThrow(), "continues where the ROTATE says");
        }
        for (String f : List.of(RealBinlogs.FIRST, RealBinlogs.SECOND)) {
            assertArrayEquals(RealBinlogs.bytes(f), Files.readAllBytes(layout.file(RealBinlogs.SUB_DIR, f)), f);
        }
        assertEquals(new RelayMeta(RealBinlogs.SECOND, RealBinlogs.bytes(RealBinlogs.SECOND).length, ""),
                layout.readMeta(RealBinlogs.SUB_DIR).orElseThrow());
    }

    @Test
    void passesOverAnEventSentAgainAndRefusesOneThatLeavesAGap() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        layout.appendSubDir("0-1");
        List<byte[]> events = RealBinlogs.events(RealBinlogs.FIRST);
        try (RelayWriter w = newWriter(layout)) {
            feed(w, fakeRotate(RealBinlogs.FIRST, 4));
            for (byte[] e : events.subList(0, 6)) {
                feed(w, e);
            }
            long size = w.end().orElseThrow().pos();
            feed(w, events.get(4)); // resent after a reconnect: already on disk
            assertEquals(size, w.end().orElseThrow().pos());
            DmException gap = assertThrows(DmException.class, () -> feed(w, events.get(7)));
            assertEquals(RelayErrors.GAP, gap.code());
        }
    }

    @Test
    void refusesAnUpstreamThatContinuesInAnotherFileThanTheNext() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        layout.appendSubDir("0-1");
        try (RelayWriter w = newWriter(layout)) {
            feed(w, fakeRotate(RealBinlogs.FIRST, 4));
            for (byte[] e : RealBinlogs.events(RealBinlogs.FIRST)) {
                feed(w, e);
            }
            DmException gap = assertThrows(DmException.class, () -> feed(w, fakeRotate("up-bin.000005", 4)));
            assertEquals(RelayErrors.GAP, gap.code());
            assertTrue(gap.getMessage().contains("up-bin.000003"), gap.getMessage());
        }
    }

    @Test
    void cutsATornLastEventAndContinuesAfterTheLastCompleteOne() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.FIRST);
        byte[] second = RealBinlogs.bytes(RealBinlogs.SECOND);
        List<byte[]> events = RealBinlogs.events(RealBinlogs.SECOND);
        int lastStart = second.length - events.get(events.size() - 1).length;
        Path f = layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND);
        Files.write(f, Arrays.copyOf(second, lastStart + 11)); // killed while writing the ROTATE
        try (RelayWriter w = newWriter(layout)) {
            assertEquals(new BinlogPosition(RealBinlogs.SECOND, lastStart), w.recover(null).orElseThrow());
        }
        assertArrayEquals(Arrays.copyOf(second, lastStart), Files.readAllBytes(f));
        try (RelayReader r = new RelayReader(layout, RealBinlogs.SUB_DIR, RealBinlogs.FIRST, 4)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(RealBinlogs.events(RealBinlogs.FIRST).size() + events.size() - 1, n, "read end to end");
        }
    }

    @Test
    void cutsATailTheFileSystemLeftZeroFilled() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        byte[] second = RealBinlogs.bytes(RealBinlogs.SECOND);
        Path f = layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND);
        Files.write(f, Arrays.copyOf(second, second.length + 4096));
        try (RelayWriter w = newWriter(layout)) {
            assertEquals(new BinlogPosition(RealBinlogs.SECOND, second.length), w.recover(null).orElseThrow());
        }
        assertArrayEquals(second, Files.readAllBytes(f));
    }

    @Test
    void cutsALastEventWhoseChecksumFails() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        byte[] second = RealBinlogs.bytes(RealBinlogs.SECOND);
        byte[] damaged = second.clone();
        damaged[second.length - 20] ^= 0x01; // inside the ROTATE's file name
        Files.write(layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND), damaged);
        List<byte[]> events = RealBinlogs.events(RealBinlogs.SECOND);
        try (RelayWriter w = newWriter(layout)) {
            assertEquals(second.length - events.get(events.size() - 1).length, w.recover(null).orElseThrow().pos());
        }
    }

    @Test
    void aDamagedEventBeforeTheLastIsNotCutButReported() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir);
        byte[] damaged = RealBinlogs.bytes(RealBinlogs.SECOND);
        damaged[620] ^= 0x40;
        Path f = layout.file(RealBinlogs.SUB_DIR, RealBinlogs.SECOND);
        Files.write(f, damaged);
        try (RelayWriter w = newWriter(layout)) {
            DmException e = assertThrows(DmException.class, () -> w.recover(null));
            assertEquals(RelayErrors.CORRUPT, e.code());
        }
        assertArrayEquals(damaged, Files.readAllBytes(f), "nothing cut");
    }
}
