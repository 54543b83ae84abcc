package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Binlog event kinds beyond plain row transactions: MariaDB compressed events, XA transactions, keyless JSON rows. */
@ExtendWith(DatabasesExtension.class)
class SyncBinlogEventsIT {
    private static final Duration WAIT = Duration.ofMinutes(2);

    /** log_bin_compress=ON with a tiny threshold: DDL and rows arrive as *_COMPRESSED events and are applied. */
    @Test
    void compressedEventsUnderAMixedWorkloadEndIdentical(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_zip");
        List<List<String>> before = dbs.queryUp("SELECT @@global.log_bin_compress, @@global.log_bin_compress_min_len");
        dbs.execUp("SET GLOBAL log_bin_compress = ON", "SET GLOBAL log_bin_compress_min_len = 10");
        try {
            RandomWorkload w = new RandomWorkload(dbs.upstream(), db, 4);
            w.createTables();
            SyncFixture f = new SyncFixture(dbs, db, start, null);
            try (SyncFixture.Running r = f.start()) {
                w.run(3000, 2, 7);
                dbs.execUp("ALTER TABLE `" + db + "`.w0 ADD COLUMN extra VARCHAR(64) NOT NULL DEFAULT 'compressed ddl'",
                        "UPDATE `" + db + "`.w0 SET extra = CONCAT('row ', id) WHERE id % 3 = 0",
                        "DELETE FROM `" + db + "`.w1 WHERE id % 2 = 0");
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                for (String t : w.tableNames()) {
                    TableChecksum.assertSameContent(dbs, t);
                }
            }
            // the workload really was compressed
            List<List<String>> kinds = dbs.queryUp("SHOW BINLOG EVENTS IN '" + start.file() + "' FROM " + start.pos());
            long compressedRows = kinds.stream().filter(e -> e.get(2).matches("(?i)(write|update|delete)_rows_compressed.*")).count();
            long compressedQueries = kinds.stream().filter(e -> e.get(2).equalsIgnoreCase("Query_compressed")).count();
            assertTrue(compressedRows > 100 && compressedQueries >= 5,
                    "compressed rows events " + compressedRows + ", compressed queries " + compressedQueries);
        } finally {
            dbs.execUp("SET GLOBAL log_bin_compress = " + before.get(0).get(0),
                    "SET GLOBAL log_bin_compress_min_len = " + before.get(0).get(1));
        }
    }

    /**
     * MariaDB writes an XA transaction's rows at XA PREPARE and the decision later. The rows reach the downstream only
     * at XA COMMIT, never for XA ROLLBACK, also when the unit restarts while the transaction is prepared.
     */
    @Test
    void xaRowsApplyAtCommitAndAreDroppedAtRollbackAcrossARestart(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_xa");
        String t = "`" + db + "`.t";
        String t2 = "`" + db + "`.t2";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO " + t + " VALUES (1, 'plain')",
                "CREATE TABLE " + t2 + " (a INT PRIMARY KEY, b INT)", "INSERT INTO " + t2 + " VALUES (0, 0)");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        // a prepared XA transaction outlives its connection: unique ids keep runs apart
        String keep = "keep_" + db;
        String drop = "drop_" + db;
        String one = "one_" + db;
        try (Connection xa = dbs.connectUp(); Statement st = xa.createStatement()) {
            BinlogPosition beforeXa;
            try (SyncFixture.Running r = f.start()) {
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                beforeXa = SyncFixture.masterPosition(dbs.upstream());
                xaPrepared(st, keep, "INSERT INTO " + t + " VALUES (10, 'xa keep'), (11, 'xa keep')",
                        "UPDATE " + t + " SET v = 'xa touched' WHERE id = 1");
                dbs.execUp("INSERT INTO " + t + " VALUES (2, 'after prepare')");
                // DDL while the XA transaction is undecided: a restart replays it from the held checkpoint
                dbs.execUp("INSERT INTO " + t2 + " VALUES (1, 1)", "ALTER TABLE " + t2 + " ADD COLUMN c INT NOT NULL DEFAULT 5",
                        "INSERT INTO " + t2 + " VALUES (2, 2, 2)");
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                TableChecksum.assertSameContent(dbs, db + ".t2");
                assertEquals(List.of(List.of("1", "plain"), List.of("2", "after prepare")),
                        dbs.queryDown("SELECT id, v FROM " + t + " ORDER BY id"), "prepared rows wait for XA COMMIT");
                UnitResult paused = r.stop();
                assertTrue(paused.ok(), paused.toString());
            }
            List<List<String>> cp = dbs.queryDown("SELECT binlog_name, binlog_pos FROM dm_meta.`" + f.taskName
                    + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            BinlogPosition stored = new BinlogPosition(cp.get(0).get(0), Long.parseLong(cp.get(0).get(1)));
            assertTrue(stored.compareTo(beforeXa) <= 0,
                    "the checkpoint " + stored + " stays before the undecided XA transaction at " + beforeXa);

            // restart while 'keep' is prepared, then decide it and one more
            try (SyncFixture.Running r = f.start()) {
                st.execute("XA COMMIT '" + keep + "'");
                xaPrepared(st, drop, "INSERT INTO " + t + " VALUES (20, 'xa drop')");
                dbs.execUp("INSERT INTO " + t + " VALUES (3, 'between')");
                st.execute("XA ROLLBACK '" + drop + "'");
                st.execute("XA START '" + one + "'");
                st.execute("INSERT INTO " + t + " VALUES (30, 'xa one phase')");
                st.execute("XA END '" + one + "'");
                st.execute("XA COMMIT '" + one + "' ONE PHASE");
                dbs.execUp("INSERT INTO " + t2 + " VALUES (3, 3, 3)");
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                TableChecksum.assertSameContent(dbs, db + ".t");
                TableChecksum.assertSameContent(dbs, db + ".t2");
                assertEquals(List.of(List.of("1", "xa touched"), List.of("2", "after prepare"), List.of("3", "between"),
                        List.of("10", "xa keep"), List.of("11", "xa keep"), List.of("30", "xa one phase")),
                        dbs.queryDown("SELECT id, v FROM " + t + " ORDER BY id"));
            }
        } finally {
            for (List<String> left : dbs.queryUp("XA RECOVER")) { // a failed run must not leave locks behind
                if (left.get(3).endsWith(db)) {
                    dbs.execUp("XA ROLLBACK '" + left.get(3) + "'");
                }
            }
        }
    }

    /** A session that switches to statement-based logging writes its rows as SQL text: the unit stops there. */
    @Test
    void statementFormatDmlStopsTheUnitInsteadOfLosingRows(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_stmt");
        String t = "`" + db + "`.t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY)", "INSERT INTO " + t + " VALUES (1)");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start(); Connection c = dbs.connectUp(); Statement st = c.createStatement()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            st.execute("SET SESSION binlog_format = 'STATEMENT'");
            st.execute("INSERT INTO " + t + " VALUES (2)");
            SyncFixture.await(r::finished, WAIT, "the unit to stop at the statement-based INSERT");
            UnitResult result = r.result();
            assertEquals(io.dm4j.common.errors.BinlogEventErrors.STATEMENT_EVENT, result.errors().get(0).code(),
                    result.toString());
            assertTrue(result.errors().get(0).getMessage().contains("INSERT INTO"), result.toString());
            assertEquals(List.of(List.of("1")), dbs.queryDown("SELECT id FROM " + t + " ORDER BY id"));
        }
    }

    /** A statement-format change of a table the task does not replicate (e.g. a MEMORY table emptied) is no stall. */
    @Test
    void statementFormatDmlOnATableTheTaskDoesNotReplicateIsPassedOver(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_stmtok");
        String other = dbs.freshSchema("sync_stmtother");
        String t = "`" + db + "`.t";
        String m = "`" + other + "`.m";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY)", "CREATE TABLE " + m + " (id INT) ENGINE=MEMORY",
                "INSERT INTO " + t + " VALUES (1)");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start(); Connection c = dbs.connectUp(); Statement st = c.createStatement()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            st.execute("SET SESSION binlog_format = 'STATEMENT'");
            st.execute("INSERT INTO " + m + " VALUES (7)");
            st.execute("DELETE FROM " + m);
            st.execute("SET SESSION binlog_format = 'ROW'");
            st.execute("INSERT INTO " + t + " VALUES (2)");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            assertFalse(r.finished(), "the unit must not stop at a change of a table it does not replicate");
            assertEquals(List.of(List.of("1"), List.of("2")), dbs.queryDown("SELECT id FROM " + t + " ORDER BY id"));
        }
    }

    /** Runs {@code sql} as XA transaction {@code xid} up to its XA PREPARE. */
    private static void xaPrepared(Statement st, String xid, String... sql) throws java.sql.SQLException {
        st.execute("XA START '" + xid + "'");
        for (String s : sql) {
            st.execute(s);
        }
        st.execute("XA END '" + xid + "'");
        st.execute("XA PREPARE '" + xid + "'");
    }

    /** A table without any key, with a JSON column: updates and deletes must find their rows by all columns. */
    @Test
    void keylessTableWithJsonColumnReplicatesUpdatesAndDeletes(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_nkjson");
        String t = "`" + db + "`.nk";
        dbs.execUp("CREATE TABLE " + t + " (a INT, j JSON, note VARCHAR(10))",
                "INSERT INTO " + t + " VALUES (1, '{\"k\": [1, \"two\"], \"u\": \"é😀\"}', 'x'), (1, '{\"k\": [1, \"two\"], \"u\": \"é😀\"}', 'x'),"
                        + " (2, '[1, 2.5, null, true]', NULL), (3, NULL, 'n'), (4, '\"just a string\"', 's'), (5, '{}', 'e')");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start()) {
            dbs.execUp("UPDATE " + t + " SET note = 'y' WHERE a = 1 LIMIT 1",
                    "UPDATE " + t + " SET j = JSON_SET(j, '$[1]', 99) WHERE a = 2",
                    "UPDATE " + t + " SET j = '{\"was\": null}' WHERE a = 3",
                    "DELETE FROM " + t + " WHERE a = 4",
                    "UPDATE " + t + " SET a = 50 WHERE a = 5",
                    "DELETE FROM " + t + " WHERE a = 1 AND note = 'x'");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            // (TableChecksum sorts by whole values, which a keyless LONGTEXT table exceeds sort_buffer_size with)
            String rows = "SELECT a, HEX(CAST(j AS BINARY)), note FROM " + t + " ORDER BY 1, 2, 3";
            assertEquals(dbs.queryUp(rows), dbs.queryDown(rows));
            assertEquals(List.of(List.of("1", "y"), List.of("2", "null"), List.of("3", "n"), List.of("50", "e")),
                    dbs.queryDown("SELECT a, IFNULL(note, 'null') FROM " + t + " ORDER BY a"));
        }
    }
}
