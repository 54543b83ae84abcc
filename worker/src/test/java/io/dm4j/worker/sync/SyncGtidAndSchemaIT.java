package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.unit.UnitResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabasesExtension.class)
class SyncGtidAndSchemaIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void gtidModeStartsAndResumesByGtidAndRestoresTrackedSchemaFromTheCheckpoint(TestDatabases dbs) throws Exception {
        var up = dbs.upstream();
        String gtid = new Upstream(up.host(), up.port(), up.user(), up.password()).gtidExecuted(io.dm4j.common.position.Flavor.MARIADB);
        String db = dbs.freshSchema("sync_gtid");
        SyncFixture f = new SyncFixture(dbs, db, "binlog-gtid: \"" + gtid + "\"", true, null, "", "");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, a VARCHAR(10))",
                "INSERT INTO `" + db + "`.t VALUES (1, 'x'), (2, 'y')");
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, up, WAIT);
            TableChecksum.assertSameContent(dbs, db + ".t");
            r.stop();
        }
        List<List<String>> cp = dbs.queryDown("SELECT binlog_gtid FROM dm_meta.`" + f.taskName
                + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
        assertTrue(cp.get(0).get(0).startsWith("0-1-"), "the checkpoint carries the MariaDB GTID position: " + cp);
        // While the unit is stopped the table changes shape upstream. Rows written before the ALTER must be decoded
        // with the structure stored in the checkpoint, not with the upstream's current one.
        dbs.execUp("INSERT INTO `" + db + "`.t VALUES (3, 'before')",
                "ALTER TABLE `" + db + "`.t ADD COLUMN b INT NOT NULL DEFAULT 7 FIRST, DROP COLUMN a",
                "INSERT INTO `" + db + "`.t (id, b) VALUES (4, 8)");
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, up, WAIT);
            TableChecksum.assertSameContent(dbs, db + ".t");
            assertFalse(r.unit.status().safeMode());
        }
    }

    @Test
    void purgedBinlogStopsTheUnitWithTheWayOut(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("sync_purged");
        SyncFixture f = new SyncFixture(dbs, db, new BinlogPosition("up-bin.000000", 4), null);
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.await(r::finished, WAIT, "the unit to stop");
            UnitResult result = r.result();
            assertFalse(result.ok());
            assertEquals(StreamErrors.BINLOG_PURGED, result.errors().get(0).code());
            String msg = result.errors().get(0).getMessage();
            // other tests purge the shared upstream's binlog: the message names whatever file is oldest now
            String oldest = dbs.queryUp("SHOW BINARY LOGS").get(0).get(0);
            assertTrue(msg.contains("up-bin.000000") && msg.contains(oldest) && msg.contains("--remove-meta"), msg);
        }
    }

    @Test
    void routesAndFiltersApplyToRowsAndDdl(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_route");
        String target = db + "_r";
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`");
        String routes = """
                routes:
                  r1:
                    schema-pattern: "%s"
                    target-schema: "%s"
                  r2:
                    schema-pattern: "%s"
                    table-pattern: "shard_*"
                    target-schema: "%s"
                    target-table: "merged"
                filters:
                  f1:
                    schema-pattern: "%s"
                    table-pattern: "*"
                    events: ["delete", "drop table"]
                    action: Ignore
                """.formatted(db, target, db, target, db);
        SyncFixture f = new SyncFixture(dbs, db, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(),
                false, null, routes, "route-rules: [\"r1\", \"r2\"]\nfilter-rules: [\"f1\"]");
        dbs.execUp("CREATE TABLE `" + db + "`.plain (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE `" + db + "`.shard_1 (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE `" + db + "`.shard_2 (id INT PRIMARY KEY, v INT)",
                "INSERT INTO `" + db + "`.plain VALUES (1, 1), (2, 2)",
                "INSERT INTO `" + db + "`.shard_1 VALUES (10, 1)",
                "INSERT INTO `" + db + "`.shard_2 VALUES (20, 2)",
                "DELETE FROM `" + db + "`.plain WHERE id = 1",
                "UPDATE `" + db + "`.shard_2 SET v = 3",
                "DROP TABLE `" + db + "`.shard_1");
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        }
        assertEquals(List.of(List.of("1", "1"), List.of("2", "2")),
                dbs.queryDown("SELECT id, v FROM `" + target + "`.plain ORDER BY id"), "the ignored DELETE is not applied");
        assertEquals(List.of(List.of("10", "1"), List.of("20", "3")),
                dbs.queryDown("SELECT id, v FROM `" + target + "`.merged ORDER BY id"), "both shards merged, update applied");
        assertEquals(List.of(), dbs.queryDown("SHOW DATABASES LIKE '" + db + "'"), "nothing lands under the source name");
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`");
    }

    @Test
    void startTimeSkipsEverythingBeforeIt(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("sync_start_time");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.t VALUES (1), (2)");
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + db + "`", "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        Thread.sleep(1100);
        java.time.Instant startTime = java.time.Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Thread.sleep(java.time.Duration.between(java.time.Instant.now(), startTime).toMillis() + 100);
        dbs.execUp("INSERT INTO `" + db + "`.t VALUES (3), (4)");
        SyncFixture f = new SyncFixture(dbs, db, "binlog-name: \"up-bin.000001\"\nbinlog-pos: 4", true, null, "", "");
        SyncUnit unit = new SyncUnit(f.subTask(), f.source(), SyncStart.at(startTime));
        try (SyncFixture.Running r = new SyncFixture.Running(unit)) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        }
        assertEquals(List.of(List.of("3"), List.of("4")), dbs.queryDown("SELECT id FROM `" + db + "`.t ORDER BY id"),
                "only the rows written at or after the start time arrive");
    }
}
