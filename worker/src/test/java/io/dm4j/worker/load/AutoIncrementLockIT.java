package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load's serial targets are the AUTO_INCREMENT tables, as long as InnoDB locks them for a whole load, and the
 * load gives such tables one connection each instead of queueing its connections on one table's lock.
 */
@ExtendWith(DatabasesExtension.class)
class AutoIncrementLockIT {

    @Test
    void tablesWithAnAutoIncrementColumnAreSerialUnderTheTableLevelLock(TestDatabases dbs) throws Exception {
        String s = dbs.freshSchema("dl_autoinc");
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + s + "`", "USE `" + s + "`",
                "CREATE TABLE counted (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)",
                "CREATE TABLE keyed (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE second_key (id INT PRIMARY KEY, n BIGINT NOT NULL AUTO_INCREMENT, UNIQUE KEY (n))",
                "CREATE TABLE not_loaded (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)");
        Set<TableId> targets = Set.of(new TableId(s, "counted"), new TableId(s, "keyed"), new TableId(s, "second_key"),
                new TableId(s, "missing"));
        try (Connection c = dbs.connectDown()) {
            int mode = Integer.parseInt(dbs.queryDown("SELECT @@GLOBAL.innodb_autoinc_lock_mode").get(0).get(0));
            Set<TableId> expected = mode == 2 ? Set.of()
                    : Set.of(new TableId(s, "counted"), new TableId(s, "second_key"));
            assertEquals(expected, AutoIncrementLock.serialTargets(c, targets),
                    "innodb_autoinc_lock_mode=" + mode + ": the loaded tables with an AUTO_INCREMENT column, no others");
            assertEquals(Set.of(), AutoIncrementLock.serialTargets(c, Set.of()));
        }
    }

    @Test
    void twoConnectionsLoadTwoAutoIncrementTablesSideBySide(TestDatabases dbs, @TempDir Path dir) throws Exception {
        int lockMode = Integer.parseInt(dbs.queryDown("SELECT @@GLOBAL.innodb_autoinc_lock_mode").get(0).get(0));
        for (String importMode : List.of("physical", "logical")) {
            String s = dbs.freshSchema("dl_autoinc_" + importMode);
            for (String t : List.of("a", "b")) {
                dbs.execUp("USE `" + s + "`",
                        "CREATE TABLE `" + t + "` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(60))",
                        "INSERT INTO `" + t + "` (v) SELECT CONCAT('row ', seq) FROM seq_1_to_24000");
            }
            SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "autoinc", "full", dir.resolve(importMode), s,
                    "threads: 2\nrows: 4000", "pool-size: 2\nimport-mode: " + importMode, "", "");
            DumpLoadFixture.dump(dbs, cfg);
            LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
            List<String> commits = new ArrayList<>(); // each file once, as its first transaction commits
            unit.setCommitHook((file, offset) -> {
                synchronized (commits) {
                    if (!commits.contains(file)) {
                        commits.add(file);
                    }
                }
            });
            DumpLoadFixture.ok(unit);
            TableChecksum.assertSameContent(dbs, s + ".a");
            TableChecksum.assertSameContent(dbs, s + ".b");
            List<String> tables = commits.stream().map(f -> f.contains(".a.") ? "a" : "b").toList();
            assertTrue(tables.size() >= 10 && tables.contains("a"), "five or more files per table: " + commits);
            // a's files are queued before b's (about equal sizes, then by name); with both connections on a, b
            // starts once a's last file is taken, after a's fourth has committed at the earliest
            int firstB = tables.indexOf("b");
            if (importMode.equals("physical") && lockMode != 2) {
                assertTrue(firstB >= 0 && firstB < 4, "LOAD DATA holds a's AUTO-INC lock: b loads beside a: " + tables);
            } else {
                assertTrue(firstB >= 4, importMode + ": no lock to avoid, a's files go first to both: " + tables);
            }
        }
    }
}
