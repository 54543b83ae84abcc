package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the relay across an upstream switch, on real MariaDB 10.11 binlog files of a primary and its GTID replica
 * ({@code relay/switch/}): {@code up-bin.000002} of server 1 and {@code rep-bin.000002} of server 3, which holds the
 * same six transactions replicated (0-1-1 CREATE DATABASE, 0-1-2 CREATE TABLE, 0-1-3 row 1, 0-1-4 row 2, 0-1-5 rows 3
 * and 4, 0-1-6 row 5). The old sub-directory ends somewhere in that history, the new one starts at the beginning of
 * the replica's file: every row must come out exactly once.
 */
class RelaySwitchReadTest {
    private static final String OLD = "0-1.000001";
    private static final String NEW = "0-3.000002";
    private static final String UP = "up-bin.000002";
    private static final String REP = "rep-bin.000002";
    private static final int XID = 16;
    private static final int WRITE_ROWS = 23;

    @TempDir
    java.nio.file.Path dir;

    private static List<byte[]> upEvents() throws Exception {
        return RealBinlogs.events("switch/" + UP);
    }

    /** The number of events of the primary's file up to and including the {@code n}-th of {@code type}. */
    private static int through(int type, int n) throws Exception {
        List<byte[]> events = upEvents();
        int seen = 0;
        for (int i = 0; i < events.size(); i++) {
            if (RawEvents.type(events.get(i)) == type && ++seen == n) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + n + "th event of type " + type);
    }

    /** The offset in the replica's file after its {@code n}-th XID event. */
    private static long afterXid(int n) throws Exception {
        long at = RawEvents.MAGIC.length;
        int xids = 0;
        for (byte[] e : RealBinlogs.events("switch/" + REP)) {
            at += e.length;
            if (RawEvents.type(e) == XID && ++xids == n) {
                return at;
            }
        }
        throw new AssertionError("no " + n + "th XID");
    }

    /** Old sub-directory: the primary's file cut after {@code oldEvents} events; new one: the replica's file as {@code newName}. */
    private RelayLayout relay(int oldEvents, String newName) throws Exception {
        RelayLayout layout = new RelayLayout(dir.resolve("relay")).create();
        layout.appendSubDir("0-1");
        Files.write(layout.file(OLD, UP), RealBinlogs.file(upEvents().subList(0, oldEvents)));
        layout.writeMeta(OLD, new RelayMeta(UP, 4, ""));
        layout.appendSubDir("0-3");
        Files.write(layout.file(NEW, newName), RealBinlogs.bytes("switch/" + REP));
        return layout;
    }

    private static Location start(String file, long pos, String gtid) {
        return new Location(new BinlogPosition(file, pos), GtidSet.parse(Flavor.MARIADB, gtid));
    }

    private static EventSource open(RelayLayout layout, String subDir, Location from) {
        EventSource s = new RelayEventSource(layout, subDir, new RelayNotifier(), BinlogDeserializers::create, () -> { });
        s.start(from);
        return s;
    }

    /** The ids of the rows the source hands out until nothing more is on disk; the last location in {@code last}. */
    private static List<Integer> rows(EventSource s, Location[] last) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (StreamEvent e = s.poll(1, TimeUnit.MILLISECONDS); e != null; e = s.poll(1, TimeUnit.MILLISECONDS)) {
            if (e.event().getHeader().getEventType() == EventType.WRITE_ROWS) {
                for (Serializable[] row : ((WriteRowsEventData) e.event().getData()).getRows()) {
                    ids.add((Integer) row[0]);
                }
            }
            if (e.transactionEnd() && e.event().getHeader().getEventType() != EventType.ROTATE) {
                last[0] = e.location(); // a checkpoint (after the last ROTATE it would name a file not written yet)
            }
        }
        return ids;
    }

    @Test
    void readsOnIntoTheNewServersSubDirectoryAndSkipsWhatTheOldOneHadAlready() throws Exception {
        RelayLayout layout = relay(through(XID, 2), REP); // the old server's relay ends after 0-1-4 (row 2)
        Location[] last = new Location[1];
        try (EventSource s = open(layout, OLD, start(UP, 4, ""))) {
            assertEquals(List.of(1, 2, 3, 4, 5), rows(s, last), "each row once: 0-1-1..0-1-4 of the replica skipped");
        }
        assertEquals("0-1-6", last[0].gtidText());
        assertEquals(new BinlogPosition(REP, afterXid(4)), last[0].position(),
                "the checkpoint names the new server's file, after 0-1-6");
    }

    @Test
    void aCheckpointAtTheEndOfTheOldSubDirectoryResumesInTheNewOne() throws Exception {
        RelayLayout layout = relay(through(XID, 2), REP);
        long end = RealBinlogs.file(upEvents().subList(0, through(XID, 2))).length;
        Location checkpoint = start(UP, end, "0-1-4"); // a worker restart right after the switch
        assertEquals(OLD, LocationSubDir.of(layout, checkpoint).orElseThrow());
        Location[] last = new Location[1];
        try (EventSource s = open(layout, OLD, checkpoint)) {
            assertEquals(List.of(3, 4, 5), rows(s, last));
        }
        Location inNew = last[0];
        assertEquals(NEW, LocationSubDir.of(layout, inNew).orElseThrow());
        try (EventSource s = open(layout, NEW, inNew)) {
            assertEquals(List.of(), rows(s, last), "nothing after the last checkpoint");
        }
    }

    @Test
    void aTransactionTheOldServerDidNotFinishSendingIsReadWholeFromTheNewOne() throws Exception {
        RelayLayout layout = relay(through(WRITE_ROWS, 3), REP); // torn: 0-1-5 has row 3 only, no XID
        Location[] last = new Location[1];
        try (EventSource s = open(layout, OLD, start(UP, 4, ""))) {
            DmException e = assertThrows(DmException.class, () -> rows(s, last));
            assertEquals(RelayErrors.SWITCH_IN_TRANSACTION, e.code(), e.getMessage());
        }
        Location checkpoint = last[0];
        assertEquals("0-1-4", checkpoint.gtidText(), "the checkpoint is the last transaction end: " + checkpoint);

        // what the relay does when it starts the new sub-directory: the torn transaction is cut off the old one
        Location oldEnd = new RelaySwitch("src", layout).closeAtLastTransaction(OLD, Flavor.MARIADB);
        assertEquals(checkpoint.position(), oldEnd.position());
        assertEquals("0-1-4", oldEnd.gtidText());
        assertEquals(oldEnd.position().pos(), Files.size(layout.file(OLD, UP)));
        assertEquals(new RelayMeta(UP, oldEnd.position().pos(), "0-1-4"), layout.readMeta(OLD).orElseThrow());

        // the sync unit restarts from its checkpoint: rows 3 and 4 once, from the replica's copy of 0-1-5
        try (EventSource s = open(layout, OLD, checkpoint)) {
            assertEquals(List.of(3, 4, 5), rows(s, last));
        }
        assertEquals("0-1-6", last[0].gtidText());
    }

    @Test
    void whenBothServersUseTheSameFileNameTheGtidSetTellsTheSubDirectory() throws Exception {
        RelayLayout layout = relay(through(XID, 2), UP); // the replica's file stored under the primary's name
        long afterFive = afterXid(3); // 0-1-3, 0-1-4, 0-1-5
        new RelaySwitch("src", layout).closeAtLastTransaction(OLD, Flavor.MARIADB); // relay.meta holds 0-1-4 now
        Location inNew = start(UP, afterFive, "0-1-5");
        assertEquals(NEW, LocationSubDir.of(layout, inNew).orElseThrow());
        Location[] last = new Location[1];
        try (EventSource s = open(layout, NEW, inNew)) {
            assertEquals(List.of(5), rows(s, last));
        }
        long oldEnd = Files.size(layout.file(OLD, UP));
        assertEquals(OLD, LocationSubDir.of(layout, start(UP, oldEnd, "0-1-4")).orElseThrow(),
                "the end of the old sub-directory is in the old one");
        assertEquals(OLD, LocationSubDir.of(layout, start(UP, 4, "")).orElseThrow());
    }
}
