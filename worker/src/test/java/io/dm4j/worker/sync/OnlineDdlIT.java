package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Online schema changes executed upstream as gh-ost and pt-osc execute them, replicated by the sync unit with
 * {@code online-ddl: true}: the ghost and trash tables never appear downstream, the ghost table's ALTER is applied
 * to the real table at the cut-over rename (also after a restart in between), and rows copied into the ghost table
 * are not applied a second time.
 */
@ExtendWith(DatabasesExtension.class)
class OnlineDdlIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static List<List<String>> downTables(TestDatabases dbs, String db) throws Exception {
        return dbs.queryDown("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", db);
    }

    static List<List<String>> columns(TestDatabases dbs, boolean up, String db, String table) throws Exception {
        String sql = "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION";
        return up ? dbs.queryUp(sql, db, table) : dbs.queryDown(sql, db, table);
    }

    @Test
    void ghostStyleChangeIsAppliedAtCutOverAcrossARestart(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("oddl_gh");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        String t = "`" + db + "`.t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        try (SyncFixture.Running r = f.start()) {
            // gh-ost: clean up, changelog table, ghost table, ALTER on the ghost, row copy, binlog apply to the ghost
            dbs.execUp("DROP TABLE IF EXISTS `" + db + "`.`_t_gho`", "DROP TABLE IF EXISTS `" + db + "`.`_t_del`",
                    "CREATE TABLE `" + db + "`.`_t_ghc` (id BIGINT AUTO_INCREMENT PRIMARY KEY, last_update TIMESTAMP NOT NULL"
                            + " DEFAULT CURRENT_TIMESTAMP, hint VARCHAR(64) NOT NULL, value TEXT, UNIQUE KEY hint_uidx (hint))",
                    "CREATE TABLE `" + db + "`.`_t_gho` LIKE " + t,
                    "ALTER TABLE `" + db + "`.`_t_gho` ADD COLUMN c INT NOT NULL DEFAULT 7, ADD INDEX iv (v)",
                    "INSERT INTO `" + db + "`.`_t_ghc` (hint, value) VALUES ('state', 'GhostTableMigrated')",
                    "INSERT IGNORE INTO `" + db + "`.`_t_gho` (id, v) SELECT id, v FROM " + t,
                    "INSERT INTO " + t + " VALUES (4, 'during')",
                    "REPLACE INTO `" + db + "`.`_t_gho` (id, v) VALUES (4, 'during')");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            r.stop();
        }
        List<List<String>> recorded = dbs.queryDown("SELECT ghost_schema, ghost_table, ddls FROM dm_meta.`" + f.taskName
                + "_onlineddl` WHERE id = ?", f.sourceId);
        assertEquals(1, recorded.size(), recorded.toString());
        assertEquals(List.of(db, "_t_gho"), recorded.get(0).subList(0, 2));
        assertTrue(recorded.get(0).get(2).contains("ADD COLUMN c INT NOT NULL DEFAULT 7"), recorded.toString());
        assertEquals(List.of(List.of("t")), downTables(dbs, db), "ghost and trash tables are not replicated");

        // a new unit (restart) continues from the checkpoint and finds the recorded ALTER
        try (SyncFixture.Running r = f.start()) {
            dbs.execUp("INSERT INTO " + t + " VALUES (5, 'before cut-over')",
                    "REPLACE INTO `" + db + "`.`_t_gho` (id, v) VALUES (5, 'before cut-over')",
                    "RENAME TABLE " + t + " TO `" + db + "`.`_t_del`, `" + db + "`.`_t_gho` TO " + t,
                    "DROP TABLE IF EXISTS `" + db + "`.`_t_del`", "DROP TABLE IF EXISTS `" + db + "`.`_t_ghc`",
                    "INSERT INTO " + t + " (id, v, c) VALUES (6, 'after', 9)",
                    "UPDATE " + t + " SET c = 8 WHERE id = 1");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        }
        assertEquals(columns(dbs, true, db, "t"), columns(dbs, false, db, "t"), "the real table got the ghost's ALTER");
        assertEquals(1, dbs.queryDown("SHOW INDEX FROM " + t + " WHERE Key_name = 'iv'").size());
        TableChecksum.assertSameContent(dbs, db + ".t");
        assertEquals(6L, Long.parseLong(dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0)));
        assertEquals(List.of(List.of("t")), downTables(dbs, db));
        assertEquals(List.of(), dbs.queryDown("SELECT ddls FROM dm_meta.`" + f.taskName + "_onlineddl` WHERE id = ?", f.sourceId),
                "the record is gone after the cut-over");
    }

    @Test
    void ptOscStyleChangeWithTriggersEndsIdentical(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("oddl_pt");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        String p = "`" + db + "`.p";
        String pnew = "`" + db + "`.`_p_new`";
        dbs.execUp("CREATE TABLE " + p + " (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + p + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        try (SyncFixture.Running r = f.start()) {
            dbs.execUp("CREATE TABLE " + pnew + " (id INT PRIMARY KEY, v VARCHAR(20))",
                    "ALTER TABLE " + pnew + " ADD COLUMN c INT NOT NULL DEFAULT 3",
                    "CREATE TRIGGER `" + db + "`.`pt_osc_" + db + "_p_del` AFTER DELETE ON " + p + " FOR EACH ROW"
                            + " DELETE IGNORE FROM " + pnew + " WHERE " + pnew + ".id <=> OLD.id",
                    "CREATE TRIGGER `" + db + "`.`pt_osc_" + db + "_p_upd` AFTER UPDATE ON " + p + " FOR EACH ROW"
                            + " REPLACE INTO " + pnew + " (id, v) VALUES (NEW.id, NEW.v)",
                    "CREATE TRIGGER `" + db + "`.`pt_osc_" + db + "_p_ins` AFTER INSERT ON " + p + " FOR EACH ROW"
                            + " REPLACE INTO " + pnew + " (id, v) VALUES (NEW.id, NEW.v)",
                    "INSERT LOW_PRIORITY IGNORE INTO " + pnew + " (id, v) SELECT id, v FROM " + p + " LOCK IN SHARE MODE",
                    "INSERT INTO " + p + " VALUES (10, 'x')",
                    "UPDATE " + p + " SET v = 'y' WHERE id = 1",
                    "DELETE FROM " + p + " WHERE id = 2",
                    "RENAME TABLE " + p + " TO `" + db + "`.`_p_old`, " + pnew + " TO " + p,
                    "DROP TABLE IF EXISTS `" + db + "`.`_p_old`",
                    "DROP TRIGGER IF EXISTS `" + db + "`.`pt_osc_" + db + "_p_del`",
                    "INSERT INTO " + p + " (id, v, c) VALUES (11, 'after', 5)");
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
        }
        assertEquals(columns(dbs, true, db, "p"), columns(dbs, false, db, "p"), "the real table got the ALTER");
        TableChecksum.assertSameContent(dbs, db + ".p");
        assertEquals(List.of(List.of("p")), downTables(dbs, db), "no ghost or trash table downstream");
    }
}
