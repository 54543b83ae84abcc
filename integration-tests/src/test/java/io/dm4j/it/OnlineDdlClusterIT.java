package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gh-ost style online schema change during an {@code all} task, through dm-master, dm-worker and dmctl: the
 * precheck passes, and the real table ends altered downstream with identical rows and no ghost or trash table.
 */
@ExtendWith(DatabasesExtension.class)
class OnlineDdlClusterIT {
    static final String SOURCE = "oddl-src";
    static Cluster cluster;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        cluster = new Cluster(Files.createTempDirectory("dm4j-oddl-it"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()));
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
        Ctl c = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, c.exit(), c.out());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void ghostStyleChangeDuringAnAllTask(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("oddl_cl");
        String t = "`" + db + "`.t";
        String ghost = "`" + db + "`.`_t_gho`";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
        Path task = cluster.writeFile("oddl.yaml", Samples.task("oddl", "all", SOURCE, db, dbs.downstream()));
        Ctl check = cluster.dmctl("check-task", task.toString());
        assertEquals(0, check.exit(), check.out());
        Ctl start = cluster.dmctl("start-task", task.toString());
        assertEquals(0, start.exit(), start.out());
        cluster.awaitSynced("oddl", Duration.ofSeconds(90));

        dbs.execUp("CREATE TABLE `" + db + "`.`_t_ghc` (id BIGINT AUTO_INCREMENT PRIMARY KEY, hint VARCHAR(64), value TEXT)",
                "CREATE TABLE " + ghost + " LIKE " + t,
                "ALTER TABLE " + ghost + " ADD COLUMN c INT NOT NULL DEFAULT 7",
                "INSERT INTO `" + db + "`.`_t_ghc` (hint, value) VALUES ('state', 'migrating')",
                "INSERT IGNORE INTO " + ghost + " (id, v) SELECT id, v FROM " + t,
                "INSERT INTO " + t + " VALUES (3, 'during')",
                "REPLACE INTO " + ghost + " (id, v) VALUES (3, 'during')",
                "RENAME TABLE " + t + " TO `" + db + "`.`_t_del`, " + ghost + " TO " + t,
                "DROP TABLE IF EXISTS `" + db + "`.`_t_del`", "DROP TABLE IF EXISTS `" + db + "`.`_t_ghc`",
                "INSERT INTO " + t + " VALUES (4, 'after', 9)");
        cluster.awaitSynced("oddl", Duration.ofSeconds(90));
        awaitTrue("rows arrived", Duration.ofSeconds(30), () -> {
            try {
                return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("4");
            } catch (Exception e) {
                return false;
            }
        });
        TableChecksum.assertSameContent(dbs, db + ".t");
        String columns = "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 't'"
                + " ORDER BY ORDINAL_POSITION";
        assertEquals(dbs.queryUp(columns, db), dbs.queryDown(columns, db));
        assertEquals(List.of(List.of("t")), dbs.queryDown("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", db));
        assertEquals(0, cluster.dmctl("stop-task", "oddl").exit());
    }
}
