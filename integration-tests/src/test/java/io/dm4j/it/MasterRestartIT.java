package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the master while a task runs: replication goes on without it, and the restarted master comes
 * back with its sources, tasks (and their stages) and bindings from data-dir. Then SIGTERM stops worker and master
 * cleanly (exit status 0 within 10 s).
 */
@ExtendWith(DatabasesExtension.class)
class MasterRestartIT {

    @Test
    void restartedMasterKnowsEverythingAndReplicationNeverStopped(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("mr");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-mr-it"))) {
            Proc master = cluster.startMaster();
            Proc worker = cluster.startWorker("w1", 3);
            awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("w1"));
            Path src = cluster.writeFile("source.yaml", Samples.source("mr-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Path task = cluster.writeFile("task.yaml", Samples.task("mrtask", "all", "mr-src", db, dbs.downstream()));
            assertEquals(0, cluster.dmctl("start-task", task.toString()).exit());
            Path task2 = cluster.writeFile("task2.yaml", Samples.task("mrpaused", "incremental", "mr-src", db + "_none", dbs.downstream()));
            assertEquals(0, cluster.dmctl("start-task", task2.toString()).exit());
            assertEquals(0, cluster.dmctl("pause-task", "mrpaused").exit());
            cluster.awaitSynced("mrtask", Duration.ofSeconds(60));

            cluster.kill9(master);
            dbs.execUp("INSERT INTO " + t + " VALUES (2, 'while the master is down')");
            awaitTrue("replication continued without the master", Duration.ofSeconds(30), () -> {
                try {
                    return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("2");
                } catch (Exception e) {
                    return false;
                }
            });
            Cluster.sleep(4000); // longer than the worker's keepalive TTL: the worker must keep running regardless
            dbs.execUp("INSERT INTO " + t + " VALUES (3, 'still down')");

            Proc restarted = cluster.startMaster();
            assertEquals(master.port(), restarted.port());
            JsonNode sources = cluster.dmctl("operate-source", "show").json().get("sources");
            assertEquals("mr-src", sources.get(0).get("source").asText());
            assertEquals("w1", sources.get(0).get("worker").asText());
            awaitTrue("worker alive again", Duration.ofSeconds(30), () -> cluster.workerStages().equals(Map.of("w1", "bound")));
            JsonNode tasks = cluster.dmctl("query-status").json().get("tasks");
            assertEquals(2, tasks.size(), tasks.toString());
            cluster.awaitSynced("mrtask", Duration.ofSeconds(60));
            awaitTrue("paused task still paused", Duration.ofSeconds(10),
                    () -> "Paused".equals(cluster.subtask("mrpaused").get("stage").asText()));
            awaitTrue("all rows", Duration.ofSeconds(30), () -> {
                try {
                    return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("3");
                } catch (Exception e) {
                    return false;
                }
            });
            TableChecksum.assertSameContent(dbs, t);
            String log = cluster.logOf(worker);
            assertEquals(1, count(log, "subtask mrtask on source mr-src created"),
                    "the worker kept its subtask through the master restart (not recreated):\n" + log);

            // clean stops
            long t0 = System.nanoTime();
            assertEquals(0, cluster.term(worker, Duration.ofSeconds(10)), "dm-worker exits 0 on SIGTERM");
            assertTrue(cluster.logOf(worker).contains("stopping subtask mrtask on source mr-src: the worker is shutting down"));
            assertEquals(0, cluster.term(restarted, Duration.ofSeconds(10)), "dm-master exits 0 on SIGTERM");
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos());
        }
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
