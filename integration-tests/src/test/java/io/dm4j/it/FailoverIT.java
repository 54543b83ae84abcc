package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.it.Cluster.Ctl;
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
 * Two workers, one source: {@code kill -9} of the bound worker while it syncs; the master notices the lapsed
 * keepalive (TTL 3 s here), binds the source to the other worker, which resumes the subtask, and the tables end up
 * identical. Then transfer-source moves it back by hand and offline-member removes a dead worker.
 */
@ExtendWith(DatabasesExtension.class)
class FailoverIT {
    static final int TTL = 3;

    /** A master, workers wa and wb (both free), a source and an {@code all} task of {@code db} on it. */
    static Map<String, Proc> twoWorkersAndATask(Cluster cluster, TestDatabases dbs, int ttl, String source, String task,
            String db) throws Exception {
        cluster.startMaster();
        Map<String, Proc> workers = Map.of("wa", cluster.startWorker("wa", ttl), "wb", cluster.startWorker("wb", ttl));
        awaitTrue("both workers free", Duration.ofSeconds(30),
                () -> cluster.workerStages().equals(Map.of("wa", "free", "wb", "free")));
        Path src = cluster.writeFile("source.yaml", Samples.source(source, dbs.upstream()));
        assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
        Path taskFile = cluster.writeFile("task.yaml", Samples.task(task, "all", source, db, dbs.downstream()));
        Ctl start = cluster.dmctl("start-task", taskFile.toString());
        assertEquals(0, start.exit(), start.out());
        return workers;
    }

    @Test
    void killedWorkersSourceIsReboundWithinTheTtl(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("fo");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-fo-it"))) {
            Map<String, Proc> workers = twoWorkersAndATask(cluster, dbs, TTL, "fo-src", "fotask", db);
            dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c')");
            cluster.awaitSynced("fotask", Duration.ofSeconds(60));
            TableChecksum.assertSameContent(dbs, t);

            String first = cluster.boundWorker("fo-src");
            String other = first.equals("wa") ? "wb" : "wa";
            long killedAt = System.nanoTime();
            cluster.kill9(workers.get(first));
            dbs.execUp("INSERT INTO " + t + " VALUES (4, 'written after the kill')", "UPDATE " + t + " SET v = 'bb' WHERE id = 2");
            awaitTrue("source rebound to " + other, Duration.ofSeconds(TTL + 20), () -> other.equals(cluster.boundWorker("fo-src")));
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            assertTrue(seconds < TTL + 10, "rebound after " + seconds + " s");
            assertEquals("offline", cluster.workerStages().get(first));
            cluster.awaitSynced("fotask", Duration.ofSeconds(60));
            awaitTrue("rows after the kill arrived", Duration.ofSeconds(30), () -> {
                try {
                    return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("4");
                } catch (Exception e) {
                    return false;
                }
            });
            TableChecksum.assertSameContent(dbs, t);
            assertEquals(other, cluster.subtaskWorker("fotask"));
            assertTrue(cluster.logOf(cluster.master).contains("worker " + first + " is offline"));

            // offline-member removes the dead worker; a live one cannot be removed
            assertEquals(1, cluster.dmctl("offline-member", "--worker", "--name", other).exit());
            Ctl off = cluster.dmctl("offline-member", "--worker", "--name", first);
            assertEquals(0, off.exit(), off.out());
            assertEquals(Map.of(other, "bound"), cluster.workerStages());

            // a new worker comes; transfer-source moves the source to it by hand
            cluster.startWorker("wc", TTL);
            awaitTrue("wc free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("wc")));
            Ctl tr = cluster.dmctl("transfer-source", "fo-src", "wc");
            assertEquals(0, tr.exit(), tr.out());
            assertEquals("wc", cluster.boundWorker("fo-src"));
            assertEquals("free", cluster.workerStages().get(other));
            assertNotEquals(0, cluster.dmctl("transfer-source", "fo-src", "nobody").exit());
            dbs.execUp("INSERT INTO " + t + " VALUES (5, 'after transfer')");
            cluster.awaitSynced("fotask", Duration.ofSeconds(60));
            awaitTrue("rows after the transfer arrived", Duration.ofSeconds(30), () -> {
                try {
                    return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("5");
                } catch (Exception e) {
                    return false;
                }
            });
            TableChecksum.assertSameContent(dbs, t);
        }
    }

    /**
     * SIGTERM (systemctl stop) of the bound worker with a long keepalive TTL: the worker pauses its subtask, tells
     * the master it leaves, and the source moves to the other worker at once instead of a TTL later (DM's worker
     * revokes its etcd lease on a graceful stop); rows written meanwhile arrive, each once.
     */
    @Test
    void aGracefullyStoppedWorkersSourceMovesAtOnceNotATtlLater(TestDatabases dbs) throws Exception {
        int longTtl = 60;
        String db = dbs.freshSchema("fo_term");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-fo-term-it"))) {
            Map<String, Proc> workers = twoWorkersAndATask(cluster, dbs, longTtl, "fot-src", "fottask", db);
            cluster.awaitSynced("fottask", Duration.ofSeconds(60));

            String first = cluster.boundWorker("fot-src");
            String other = first.equals("wa") ? "wb" : "wa";
            long stoppedAt = System.nanoTime();
            assertEquals(0, cluster.term(workers.get(first), Duration.ofSeconds(30)));
            dbs.execUp("INSERT INTO " + t + " VALUES (2, 'written after the stop')");
            awaitTrue("source rebound to " + other, Duration.ofSeconds(longTtl),
                    () -> other.equals(cluster.boundWorker("fot-src")));
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertTrue(seconds < 15, "rebound " + seconds + " s after SIGTERM; the keepalive TTL is " + longTtl + " s");
            assertEquals("offline", cluster.workerStages().get(first));
            assertTrue(cluster.logOf(cluster.master).contains("worker " + first + " is stopping"),
                    "the master logs why the worker went offline");
            cluster.awaitSynced("fottask", Duration.ofSeconds(60));
            awaitTrue("the row written after the stop arrived", Duration.ofSeconds(30), () -> {
                try {
                    return dbs.queryDown("SELECT COUNT(*) FROM " + t).get(0).get(0).equals("2");
                } catch (Exception e) {
                    return false;
                }
            });
            TableChecksum.assertSameContent(dbs, t);
            assertEquals(other, cluster.subtaskWorker("fottask"));
        }
    }
}
