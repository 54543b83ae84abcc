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

@ExtendWith(DatabasesExtension.class)
class SyncUnitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void replicatesDdlAndDmlAndResumesFromItsCheckpoint(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_basic");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        dbs.execUp("CREATE TABLE `" + db + "`.t1 (id INT PRIMARY KEY, name VARCHAR(32), price DECIMAL(10,2), "
                        + "u INT UNSIGNED, note TEXT) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO `" + db + "`.t1 VALUES (1,'a',1.50,4294967295,'x'),(2,'b😀',2.25,0,NULL),(3,'c',3,7,'')",
                "UPDATE `" + db + "`.t1 SET name='bb', price=9.99 WHERE id=2",
                "DELETE FROM `" + db + "`.t1 WHERE id=3",
                "CREATE TABLE `" + db + "`.t2 (a INT NOT NULL, b VARCHAR(10) NOT NULL, UNIQUE KEY uk(a))");
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            TableChecksum.assertSameContent(dbs, db + ".t1");
            // DDL interleaved with DML: rows after each DDL must land in the new shape.
            dbs.execUp("ALTER TABLE `" + db + "`.t1 ADD COLUMN qty INT NOT NULL DEFAULT 5 AFTER name",
                    "INSERT INTO `" + db + "`.t1 (id, name, qty, price, u) VALUES (4, 'd', 9, 4.00, 1)",
                    "ALTER TABLE `" + db + "`.t1 DROP COLUMN note, MODIFY name VARCHAR(64)",
                    "UPDATE `" + db + "`.t1 SET name = CONCAT(name, '!') WHERE id IN (1, 4)",
                    "RENAME TABLE `" + db + "`.t2 TO `" + db + "`.t3",
                    "INSERT INTO `" + db + "`.t3 VALUES (1, 'one'), (2, 'two')",
                    "ALTER TABLE `" + db + "`.t3 ADD INDEX ib (b), DROP INDEX uk, ADD PRIMARY KEY (a)",
                    "UPDATE `" + db + "`.t3 SET a = 3 WHERE a = 1",
                    "CREATE TABLE `" + db + "`.t4 LIKE `" + db + "`.t3",
                    "INSERT INTO `" + db + "`.t4 SELECT * FROM `" + db + "`.t3",
                    "TRUNCATE TABLE `" + db + "`.t4",
                    "INSERT INTO `" + db + "`.t4 VALUES (7, 'seven')",
                    "CREATE INDEX i_name ON `" + db + "`.t1 (name)",
                    "DROP INDEX i_name ON `" + db + "`.t1");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            for (String t : List.of("t1", "t3", "t4")) {
                TableChecksum.assertSameContent(dbs, db + "." + t);
            }
            assertEquals(List.of(), dbs.queryDown("SHOW TABLES FROM `" + db + "` LIKE 't2'"), "t2 was renamed");
            UnitResult paused = r.stop();
            assertTrue(paused.canceled() && paused.ok(), paused.toString());
        }
        // Writes while stopped arrive after a restart from the checkpoint, without safe mode (clean stop).
        dbs.execUp("INSERT INTO `" + db + "`.t1 (id, name, qty, price, u) VALUES (5, 'e', 1, 5.00, 2)",
                "DELETE FROM `" + db + "`.t3 WHERE a = 2");
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            assertFalse(r.unit.status().safeMode(), "a clean stop must not need safe mode on resume");
            for (String t : List.of("t1", "t3", "t4")) {
                TableChecksum.assertSameContent(dbs, db + "." + t);
            }
            List<List<String>> cp = dbs.queryDown("SELECT binlog_name, binlog_pos, exit_safe_binlog_name, exit_safe_binlog_pos"
                    + " FROM dm_meta.`" + f.taskName + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            assertEquals(1, cp.size(), "one global checkpoint row");
        }
    }
}
