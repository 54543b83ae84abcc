package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Statements and failures that must neither stall the sync unit nor lose or repeat a change. */
@ExtendWith(DatabasesExtension.class)
class SyncDataSafetyIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** MariaDB 10.7+ accepts it; the DDL parser does not read it. */
    private static final String UNREADABLE = " CONVERT PARTITION p0 TO TABLE ";
    private static final String PARTITIONED = " (id INT PRIMARY KEY, v INT) PARTITION BY RANGE (id)"
            + " (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)";

    /** The upstream position before the test creates its schemas: the unit replicates their creation. */
    private static BinlogPosition start(TestDatabases dbs) throws Exception {
        return SyncFixture.masterPosition(dbs.upstream());
    }

    private static SyncFixture fixture(TestDatabases dbs, BinlogPosition start, String db, String syncerExtra,
                                       String global, String instance) {
        return new SyncFixture(dbs, db, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(), false,
                syncerExtra, global, instance);
    }

    /** A fresh schema with table {@code t} holding one row, and a task replicating it from before its creation. */
    private record Case(String db, SyncFixture f) {
    }

    private static Case withTable(TestDatabases dbs, String prefix, String syncerExtra, String columns, String row)
            throws Exception {
        BinlogPosition start = start(dbs);
        String db = dbs.freshSchema(prefix);
        dbs.execUp("CREATE TABLE `" + db + "`.t (" + columns + ")", "INSERT INTO `" + db + "`.t VALUES (" + row + ")");
        return new Case(db, fixture(dbs, start, db, syncerExtra, "", ""));
    }

    /** Starts a unit and waits until it has caught up with the upstream. */
    private static SyncFixture.Running startSynced(SyncFixture f, TestDatabases dbs) throws Exception {
        SyncFixture.Running r = f.start();
        SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        return r;
    }

    /** Waits until the unit has applied everything the upstream has, then compares the tables. */
    private static void awaitSameContent(SyncFixture.Running r, TestDatabases dbs, String... tables) throws Exception {
        SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        for (String t : tables) {
            TableChecksum.assertSameContent(dbs, t);
        }
    }

    private static List<String> globalCheckpoint(TestDatabases dbs, SyncFixture f) throws Exception {
        List<List<String>> rows = dbs.queryDown("SELECT binlog_name, binlog_pos, exit_safe_binlog_name,"
                + " exit_safe_binlog_pos FROM dm_meta.`" + f.taskName + "_syncer_checkpoint` WHERE id = ? AND is_global = 1",
                f.sourceId);
        assertEquals(1, rows.size(), "one global checkpoint row");
        return rows.get(0);
    }

    @Test
    void unreadableDdlOnTablesTheTaskDoesNotReplicateIsSkipped(TestDatabases dbs) throws Exception {
        BinlogPosition start = start(dbs);
        String db = dbs.freshSchema("ddl_skip");
        String other = dbs.freshSchema("ddl_other");
        dbs.execUp("CREATE TABLE `" + other + "`.p" + PARTITIONED, "INSERT INTO `" + other + "`.p VALUES (1, 1), (20, 2)",
                "CREATE TABLE `" + other + "`.q" + PARTITIONED,
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v INT)");
        SyncFixture f = fixture(dbs, start, db, null, "", "");
        try (SyncFixture.Running r = startSynced(f, dbs)) {
            // qualified name, no current schema; then unqualified with USE (the event's schema decides)
            dbs.execUp("ALTER TABLE `" + other + "`.p" + UNREADABLE + "`" + other + "`.p0",
                    "INSERT INTO `" + db + "`.t VALUES (1, 1)");
            try (var c = dbs.connectUp(); var st = c.createStatement()) {
                st.execute("USE `" + other + "`");
                st.execute("ALTER TABLE q" + UNREADABLE + "q0");
                st.execute("INSERT INTO `" + db + "`.t VALUES (2, 2)");
            }
            awaitSameContent(r, dbs, db + ".t");
            assertEquals(List.of(), dbs.queryDown("SHOW DATABASES LIKE '" + other + "'"));
        }
    }

    @Test
    void unreadableDdlDroppedBySqlPatternFilterIsSkipped(TestDatabases dbs) throws Exception {
        BinlogPosition start = start(dbs);
        String db = dbs.freshSchema("ddl_pattern");
        String filters = """
                filters:
                  no-convert:
                    schema-pattern: "%s"
                    table-pattern: "p"
                    sql-pattern: ["CONVERT\\\\s+PARTITION"]
                    action: Ignore
                """.formatted(db);
        SyncFixture f = fixture(dbs, start, db, null, filters, "filter-rules: [\"no-convert\"]");
        dbs.execUp("CREATE TABLE `" + db + "`.p" + PARTITIONED, "INSERT INTO `" + db + "`.p VALUES (20, 1)",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v INT)");
        try (SyncFixture.Running r = startSynced(f, dbs)) {
            dbs.execUp("ALTER TABLE `" + db + "`.p" + UNREADABLE + "`" + db + "`.p0",
                    "INSERT INTO `" + db + "`.p VALUES (30, 3)",
                    "INSERT INTO `" + db + "`.t VALUES (1, 1)");
            awaitSameContent(r, dbs, db + ".t", db + ".p");
        }
    }

    @Test
    void alreadyDoneDdlErrorsAreIgnoredOutsideSafeMode(TestDatabases dbs) throws Exception {
        Case c = withTable(dbs, "ddl_done", "safe-mode-duration: \"0s\"",
                "id INT PRIMARY KEY, a INT, b INT, KEY ib (b)", "1, 1, 1");
        String db = c.db();
        try (SyncFixture.Running r = startSynced(c.f(), dbs)) {
            assertFalse(r.unit.status().safeMode(), "the test needs normal mode");
            // the downstream was changed by hand ahead of the upstream
            dbs.execDown("ALTER TABLE `" + db + "`.t ADD COLUMN c INT, ADD INDEX ia (a), DROP INDEX ib",
                    "CREATE TABLE `" + db + "`.u (id INT PRIMARY KEY)");
            dbs.execUp("ALTER TABLE `" + db + "`.t ADD COLUMN c INT",   // 1060 duplicate column
                    "ALTER TABLE `" + db + "`.t ADD INDEX ia (a)",     // 1061 duplicate key name
                    "ALTER TABLE `" + db + "`.t DROP INDEX ib",        // 1091 can't drop
                    "CREATE TABLE `" + db + "`.u (id INT PRIMARY KEY)", // IF NOT EXISTS added: a note only
                    "INSERT INTO `" + db + "`.t VALUES (2, 2, 2, 2)",
                    "INSERT INTO `" + db + "`.u VALUES (1)");
            awaitSameContent(r, dbs, db + ".t", db + ".u");
        }
    }

    @Test
    void errorPauseRecordsTheDispatchedPointSoResumeLeavesSafeModeAtOnce(TestDatabases dbs) throws Exception {
        Case c = withTable(dbs, "err_exit", "safe-mode-duration: \"0s\"", "id INT PRIMARY KEY, v INT", "1, 1");
        String db = c.db();
        try (SyncFixture.Running r = startSynced(c.f(), dbs)) {
            // A downstream trigger rejects row 5 in any mode (a duplicate key would be absorbed by the safe-mode
            // replay that names a rejected transaction for `binlog skip`).
            dbs.execDown("CREATE TRIGGER `" + db + "`.t_reject BEFORE INSERT ON `" + db + "`.t FOR EACH ROW BEGIN"
                    + " IF NEW.id = 5 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rejected by the test'; END IF; END");
            dbs.execUp("INSERT INTO `" + db + "`.t VALUES (4, 4), (5, 5)");
            SyncFixture.await(r::finished, WAIT, "the unit to stop on the rejected row");
            UnitResult failed = r.result();
            assertFalse(failed.ok(), failed.toString());
        }
        BinlogPosition master = SyncFixture.masterPosition(dbs.upstream());
        List<String> cp = globalCheckpoint(dbs, c.f());
        assertEquals(master.file(), cp.get(2), cp.toString());
        assertTrue(Long.parseLong(cp.get(3)) <= master.pos(),
                "the exit point is where the failed run got to, not 16 MiB ahead: " + cp + " master " + master);

        dbs.execDown("DROP TRIGGER `" + db + "`.t_reject");
        // resume (as auto-resume does): the failed transaction replays in safe mode, then normal mode at once
        try (SyncFixture.Running r = c.f().start()) {
            dbs.execUp("INSERT INTO `" + db + "`.t VALUES (6, 6)");
            awaitSameContent(r, dbs, db + ".t");
            assertFalse(r.unit.status().safeMode(), "safe mode must end with the failed run's last change");
        }
    }

    @Test
    void closeWhileRunningStopsCleanlyFirst(TestDatabases dbs) throws Exception {
        Case c = withTable(dbs, "close_run", null, "id INT PRIMARY KEY, v INT", "1, 1");
        try (SyncFixture.Running r = startSynced(c.f(), dbs)) {
            r.unit.close(); // stop-task without a pause first
            UnitResult result = r.result();
            assertTrue(result.ok() && result.canceled(), "close must let the running unit stop cleanly: " + result);
        }
        List<String> cp = globalCheckpoint(dbs, c.f());
        assertEquals(List.of(cp.get(0), cp.get(1)), List.of(cp.get(2), cp.get(3)),
                "a clean stop stores the exit point at the checkpoint: " + cp);
    }

    @Test
    void statusShowsTheSafeModeWindowEndingWithoutRows(TestDatabases dbs) throws Exception {
        Case c = withTable(dbs, "safe_clock", "safe-mode-duration: \"3s\"", "id INT PRIMARY KEY", "1");
        try (SyncFixture.Running r = startSynced(c.f(), dbs)) {
            // no row arrives after the first one: the 3 s window must still end in query-status
            SyncFixture.await(() -> !r.unit.status().safeMode(), Duration.ofSeconds(30),
                    "query-status to show safe mode off once safe-mode-duration has passed");
            assertFalse(r.finished());
        }
    }
}
