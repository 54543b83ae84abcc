package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad day that needs no operator: the downstream server is shut down and started again in the middle of a burst of
 * writes. The applier retries in place, the task checker resumes the subtask, and the tables end identical without
 * any dmctl command.
 */
@ExtendWith(DatabasesExtension.class)
class DownstreamRestartIT {
    static final String SOURCE = "dr-src";
    static Cluster cluster;

    /** The sandbox's downstream option file: the test restarts that server the way the sandbox script starts it. */
    static Path downstreamCnf() {
        String dir = System.getenv("DM_SANDBOX_DIR");
        return Path.of(dir == null || dir.isBlank() ? "/tmp/dm-sandbox" : dir, "down", "my.cnf");
    }

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        Assumptions.assumeTrue(Cluster.REAL_UNITS, "needs the real sync unit");
        Assumptions.assumeTrue(Files.isRegularFile(downstreamCnf()), "needs the local sandbox (DM_SANDBOX_DIR) to restart its downstream");
        cluster = new Cluster(Files.createTempDirectory("dm4j-downrestart-it"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()));
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
        assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void restartDownstream(TestDatabases dbs) throws Exception {
        try {
            dbs.execDown("SHUTDOWN");
        } catch (java.sql.SQLException e) {
            // the connection may drop before the answer
        }
        awaitTrue("downstream down", Duration.ofSeconds(60), () -> {
            try {
                dbs.queryDown("SELECT 1");
                return false;
            } catch (Exception e) {
                return true;
            }
        });
        Cluster.sleep(3000);
        List<String> cmd = new ArrayList<>(List.of("mariadbd", "--defaults-file=" + downstreamCnf()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--user=root");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(downstreamCnf().resolveSibling("stdout.log").toFile()));
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
        pb.start();
        awaitTrue("downstream up again", Duration.ofSeconds(60), () -> {
            try {
                return !dbs.queryDown("SELECT 1").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aDownstreamRestartDuringAWriteBurstEndsIdenticalWithoutOperatorAction(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("dr_burst");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32), n INT)");
        Path task = cluster.writeFile("drburst.yaml", Samples.task("drburst", "all", SOURCE, db, dbs.downstream()));
        Ctl c = cluster.dmctl("start-task", task.toString());
        assertEquals(0, c.exit(), c.out());
        cluster.awaitSynced("drburst", Duration.ofSeconds(90));

        AtomicReference<Exception> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 1; i <= 400; i++) {
                    dbs.execUp("INSERT INTO " + t + " VALUES (" + i + ", 'row " + i + "', 0)",
                            "UPDATE " + t + " SET n = n + 1 WHERE id = " + Math.max(1, i / 2));
                    if (i % 40 == 0) {
                        dbs.execUp("DELETE FROM " + t + " WHERE id = " + (i - 7));
                    }
                    Thread.sleep(15);
                }
            } catch (Exception e) {
                writerFailure.set(e);
            }
        }, "upstream-writer");
        writer.start();
        Cluster.sleep(1500);
        restartDownstream(dbs);
        writer.join(120_000);
        assertEquals(null, writerFailure.get());

        awaitTrue("downstream caught up after its restart", Duration.ofSeconds(120), () -> {
            try {
                return dbs.queryUp("SELECT COUNT(*), SUM(n) FROM " + t).equals(dbs.queryDown("SELECT COUNT(*), SUM(n) FROM " + t))
                        && Cluster.synced(cluster.subtask("drburst"));
            } catch (Exception e) {
                return false;
            }
        });
        TableChecksum.assertSameContent(dbs, t);
        JsonNode sync = cluster.subtask("drburst").get("sync");
        assertTrue(Cluster.synced(cluster.subtask("drburst")), "the task runs again by itself");
        assertTrue(sync.get("downstreamRetries").asLong() > 0, "the retries are counted in query-status: " + sync);
        assertEquals(0, cluster.dmctl("stop-task", "drburst").exit());
    }
}
