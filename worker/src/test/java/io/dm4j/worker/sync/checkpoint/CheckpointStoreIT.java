package io.dm4j.worker.sync.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.CheckpointErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.sync.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabasesExtension.class)
class CheckpointStoreIT {
    private static final String TABLE_INFO = "{\"id\":45,\"name\":{\"O\":\"t1\",\"L\":\"t1\"},\"cols\":[{\"name\":\"id\"}]}";

    private static Downstream open(DbEndpoint db) {
        return Downstream.open(DownstreamConfig.of(db.host(), db.port(), db.user(), db.password(), 2), "cp");
    }

    @Test
    void createLoadFlushExitSafeRemoveRoundTrip(TestDatabases dbs) throws SQLException {
        String meta = dbs.freshSchema("cp_meta");
        TestDatabases.exec(dbs.downstream(), "DROP DATABASE IF EXISTS `" + meta + "`");
        try (Downstream down = open(dbs.downstream())) {
            CheckpointStore store = new CheckpointStore(down.dataSource(), meta, "task-1", Flavor.MARIADB);
            assertEquals("`" + meta + "`.`task-1_syncer_checkpoint`", store.tableName());
            store.prepare();
            store.prepare();
            assertTrue(store.load("src-1").isEmpty());
            assertColumns(down, store);

            Location global = Location.of("up-bin.000003", 4_000_000_000L);
            Location exitSafe = Location.of("up-bin.000004", 1234);
            Map<TableId, TablePoint> tables = new LinkedHashMap<>();
            tables.put(new TableId("db1", "t1"), new TablePoint(Location.of("up-bin.000002", 99), TABLE_INFO));
            tables.put(new TableId("db1", "t2"), new TablePoint(Location.of("up-bin.000001", 4), null));
            store.flush("src-1", global, exitSafe, tables);
            store.flush("src-2", Location.of("other-bin.000001", 4), null, Map.of());

            SyncCheckpoint cp = store.load("src-1").orElseThrow();
            assertEquals(global, cp.global());
            assertEquals(exitSafe, cp.exitSafe());
            assertEquals(2, cp.tables().size());
            TablePoint t1 = cp.tables().get(new TableId("db1", "t1"));
            assertEquals(Location.of("up-bin.000002", 99), t1.location());
            assertJsonEquals(down, TABLE_INFO, t1.tableInfoJson());
            assertEquals("null", cp.tables().get(new TableId("db1", "t2")).tableInfoJson());
            assertNull(store.load("src-2").orElseThrow().exitSafe());

            Instant created = createTime(down, store, "src-1");
            sleepPastSecond();
            Location later = Location.of("up-bin.000005", 77);
            store.flush("src-1", later, null, Map.of(new TableId("db1", "t1"),
                    new TablePoint(Location.of("up-bin.000005", 10), "{\"v\":2}")));
            cp = store.load("src-1").orElseThrow();
            assertEquals(later, cp.global());
            assertNull(cp.exitSafe(), "a flush without exit point clears it");
            assertEquals(Location.of("up-bin.000005", 10), cp.tables().get(new TableId("db1", "t1")).location());
            assertEquals(Location.of("up-bin.000001", 4), cp.tables().get(new TableId("db1", "t2")).location(),
                    "tables not flushed keep their point");
            assertEquals(created, createTime(down, store, "src-1"), "ON DUPLICATE KEY UPDATE keeps create_time");

            store.saveExitSafe("src-1", Location.of("up-bin.000006", 5));
            assertEquals(Location.of("up-bin.000006", 5), store.load("src-1").orElseThrow().exitSafe());
            store.clearExitSafe("src-1");
            assertNull(store.load("src-1").orElseThrow().exitSafe());

            store.removeTable("src-1", new TableId("db1", "t2"));
            assertEquals(1, store.load("src-1").orElseThrow().tables().size());
            store.removeAll("src-1");
            assertTrue(store.load("src-1").isEmpty());
            assertFalse(store.load("src-2").isEmpty(), "other sources keep their rows");

            store.drop();
            DmException gone = assertThrows(DmException.class, () -> store.load("src-2"));
            assertEquals(CheckpointErrors.LOAD_FAILED, gone.code());
            assertTrue(gone.rawCause().contains("1146"), gone.rawCause());
        }
    }

    @Test
    void gtidSetsRoundTripForBothFlavors(TestDatabases dbs) throws SQLException {
        String meta = dbs.freshSchema("cp_gtid");
        try (Downstream down = open(dbs.downstream())) {
            String[][] cases = {
                {"mysql", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,8f2b0a2c-0000-11e1-9e33-c80aa9429562:1-3"},
                {"mariadb", "0-1-100,1-2-7"},
            };
            for (String[] c : cases) {
                Flavor flavor = Flavor.parse(c[0]);
                CheckpointStore store = new CheckpointStore(down.dataSource(), meta, "gtid_" + c[0], flavor);
                store.prepare();
                GtidSet set = GtidSet.parse(flavor, c[1]);
                Location global = Location.of("bin.000001", 1234).withGtid(set);
                Location exit = Location.of("bin.000002", 4).withGtid(set);
                store.flush("s", global, exit, Map.of(new TableId("d", "t"),
                        new TablePoint(Location.of("bin.000001", 500).withGtid(set), "{}")));
                SyncCheckpoint cp = store.load("s").orElseThrow();
                assertEquals(set.toString(), cp.global().gtidText());
                assertEquals(set.toString(), cp.exitSafe().gtidText());
                assertEquals(set.toString(), cp.tables().get(new TableId("d", "t")).location().gtidText());
                assertEquals(global.position(), cp.global().position());
                try (Connection conn = down.connection(); Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT binlog_gtid FROM " + store.tableName()
                             + " WHERE is_global = 1")) {
                    rs.next();
                    assertEquals(set.toString(), rs.getString(1), "stored as the canonical GTID text");
                }
            }
            TestDatabases.exec(dbs.downstream(), "DROP DATABASE `" + meta + "`");
        }
    }

    @Test
    void invalidStoredGtidIsReported(TestDatabases dbs) throws SQLException {
        String meta = dbs.freshSchema("cp_bad");
        try (Downstream down = open(dbs.downstream())) {
            CheckpointStore store = new CheckpointStore(down.dataSource(), meta, "bad", Flavor.MYSQL);
            store.prepare();
            TestDatabases.exec(dbs.downstream(), "INSERT INTO " + store.tableName() + " (id, cp_schema, cp_table,"
                    + " binlog_name, binlog_pos, binlog_gtid, table_info, is_global) VALUES"
                    + " ('s', '', '', 'bin.000001', 4, 'not a gtid set', 'null', 1)");
            DmException e = assertThrows(DmException.class, () -> store.load("s"));
            assertEquals(CheckpointErrors.INVALID_ROW, e.code());
            TestDatabases.exec(dbs.downstream(), "DROP DATABASE `" + meta + "`");
        }
    }

    @Test
    void trackerWritesOnlyAfterTheApplierDrained(TestDatabases dbs) throws SQLException {
        String meta = dbs.freshSchema("cp_tracker");
        try (Downstream down = open(dbs.downstream())) {
            CheckpointStore store = new CheckpointStore(down.dataSource(), meta, "trk", Flavor.MYSQL);
            store.prepare();
            AtomicInteger drains = new AtomicInteger();
            Location start = Location.of("bin.000001", 4);
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            CheckpointTracker tracker = new CheckpointTracker(store, "s", new SyncCheckpoint(start, null, Map.of()),
                    () -> {
                        drains.incrementAndGet();
                        // the store must still hold the old point while the applier drains
                        SyncCheckpoint now = store.load("s").orElse(null);
                        assertTrue(now == null || now.global().equals(start));
                    }, clock);
            tracker.markTransactionEnd(Location.of("bin.000001", 400));
            tracker.saveTablePoint(new TableId("d", "t"), Location.of("bin.000001", 300), "{\"x\":1}");
            assertEquals(start, tracker.flushed());
            assertFalse(tracker.isDue(Duration.ofSeconds(30)));
            clock.advance(Duration.ofSeconds(31));
            assertTrue(tracker.isDue(Duration.ofSeconds(30)));
            tracker.flush();
            assertEquals(1, drains.get());
            assertFalse(tracker.isDue(Duration.ofSeconds(30)));
            assertEquals(Location.of("bin.000001", 400), tracker.flushed());
            SyncCheckpoint stored = store.load("s").orElseThrow();
            assertEquals(Location.of("bin.000001", 400), stored.global());
            assertEquals(Location.of("bin.000001", 300), stored.tables().get(new TableId("d", "t")).location());

            tracker.saveExitSafe(Location.of("bin.000001", 900));
            assertEquals(Location.of("bin.000001", 900), store.load("s").orElseThrow().exitSafe());
            tracker.clearExitSafe();
            assertNull(store.load("s").orElseThrow().exitSafe());
            store.drop();
        }
    }

    @Test
    void droppedTableRowGoesOnlyWithTheFlushOfItsDrop(TestDatabases dbs) throws SQLException {
        try (Downstream down = open(dbs.downstream())) {
            CheckpointStore store = new CheckpointStore(down.dataSource(), dbs.freshSchema("cp_drop"), "drp",
                    Flavor.MYSQL);
            store.prepare();
            TableId t = new TableId("d", "t");
            TableId kept = new TableId("d", "k");
            CheckpointTracker tracker = new CheckpointTracker(store, "s",
                    new SyncCheckpoint(Location.of("bin.000001", 4), null, Map.of()), () -> { },
                    new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
            tracker.saveTablePoint(t, Location.of("bin.000001", 100), "{\"x\":1}");
            tracker.saveTablePoint(kept, Location.of("bin.000001", 100), "{\"x\":2}");
            tracker.markTransactionEnd(Location.of("bin.000001", 200));
            tracker.flush();

            // DROP TABLE d.t at 500: until the checkpoint passes 500, a replay from 200 still needs d.t's structure.
            tracker.removeTable(t);
            assertNull(tracker.tablePoint(t));
            SyncCheckpoint before = store.load("s").orElseThrow();
            assertEquals(Location.of("bin.000001", 200), before.global());
            assertTrue(before.tables().containsKey(t), "the row must survive until the DROP's checkpoint is flushed");

            tracker.markTransactionEnd(Location.of("bin.000001", 500));
            tracker.flush();
            SyncCheckpoint after = store.load("s").orElseThrow();
            assertEquals(Location.of("bin.000001", 500), after.global());
            assertFalse(after.tables().containsKey(t), "removed together with the flush past the DROP");
            assertTrue(after.tables().containsKey(kept));

            // dropped and created again before a flush: the new structure is stored, not deleted
            tracker.removeTable(kept);
            tracker.saveTablePoint(kept, Location.of("bin.000001", 600), "{\"x\":3}");
            tracker.markTransactionEnd(Location.of("bin.000001", 700));
            tracker.flush();
            assertEquals("{\"x\":3}", store.load("s").orElseThrow().tables().get(kept).tableInfoJson());
            store.drop();
        }
    }

    private static void assertColumns(Downstream down, CheckpointStore store) throws SQLException {
        StringBuilder cols = new StringBuilder();
        try (Connection c = down.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW COLUMNS FROM " + store.tableName())) {
            while (rs.next()) {
                cols.append(rs.getString(1)).append(' ');
            }
        }
        assertEquals("id cp_schema cp_table binlog_name binlog_pos binlog_gtid exit_safe_binlog_name"
                + " exit_safe_binlog_pos exit_safe_binlog_gtid table_info is_global create_time update_time ",
                cols.toString());
        try (Connection c = down.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW INDEX FROM " + store.tableName())) {
            assertTrue(rs.next());
            assertEquals("uk_id_schema_table", rs.getString("Key_name"));
            assertEquals(0, rs.getInt("Non_unique"));
        }
    }

    private static void assertJsonEquals(Downstream down, String expected, String actual) throws SQLException {
        try (Connection c = down.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT JSON_EQUALS('" + expected + "', '" + actual + "')")) {
            rs.next();
            assertEquals(1, rs.getInt(1), actual);
        }
    }

    private static Instant createTime(Downstream down, CheckpointStore store, String id) throws SQLException {
        try (Connection c = down.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT create_time FROM " + store.tableName()
                     + " WHERE is_global = 1 AND id = '" + id + "'")) {
            rs.next();
            Timestamp ts = rs.getTimestamp(1);
            return ts.toInstant();
        }
    }

    private static void sleepPastSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
