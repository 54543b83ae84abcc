package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three dm-masters (one Raft group), two dm-workers and an {@code all} task under a steady upstream write load, all
 * real processes on loopback: the leader killed, all masters restarted one by one, a master down while the task
 * changes, and a leader frozen with SIGSTOP. Each time the replication goes on, no source moves between workers,
 * the masters end with the same state, and the downstream ends identical. Sized for a small shared machine: one
 * table, a few thousand rows, generous timeouts.
 */
@ExtendWith(DatabasesExtension.class)
class MasterHaIT {
    static final int TTL = 6;
    static final String SRC = "ha-src";
    static final String TASK = "hatask";

    /** Inserts rows upstream from a background thread until closed (at most 5000). */
    static final class Writer implements AutoCloseable {
        private final Thread thread;
        private final AtomicInteger written = new AtomicInteger();
        private volatile boolean stop;

        Writer(TestDatabases dbs, String table, int firstId) {
            thread = new Thread(() -> {
                int id = firstId;
                while (!stop && written.get() < 5000) {
                    try {
                        dbs.execUp("INSERT INTO " + table + " VALUES (" + id + ", 'row " + id + "')");
                        id++;
                        written.incrementAndGet();
                    } catch (SQLException e) {
                        // the upstream is not what these tests disturb; try the same id again
                    }
                    Cluster.sleep(25);
                }
            }, "ha-writer");
            thread.setDaemon(true);
            thread.start();
        }

        int written() {
            return written.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
        }
    }

    /** The cluster of a test, its table and the writer. */
    record Setup(Cluster cluster, String table, Writer writer, Map<String, Proc> workers) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            writer.close();
            cluster.close();
        }
    }

    static Setup start(TestDatabases dbs, String prefix, String masterJvm) throws Exception {
        String db = dbs.freshSchema(prefix);
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'first')");
        Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-" + prefix + "-it"));
        try {
            cluster.startMasters(3, masterJvm);
            Map<String, Proc> workers = Map.of("wa", cluster.startWorker("wa", TTL), "wb", cluster.startWorker("wb", TTL));
            awaitTrue("both workers free", Duration.ofSeconds(60),
                    () -> cluster.workerStages().equals(Map.of("wa", "free", "wb", "free")));
            Path src = cluster.writeFile("source.yaml", Samples.source(SRC, dbs.upstream()));
            Ctl created = cluster.dmctl("operate-source", "create", src.toString());
            assertEquals(0, created.exit(), created.out());
            Path task = cluster.writeFile("task.yaml", Samples.task(TASK, "all", SRC, db, dbs.downstream()));
            Ctl started = cluster.dmctl("start-task", task.toString());
            assertEquals(0, started.exit(), started.out());
            cluster.awaitSynced(TASK, Duration.ofSeconds(120));
            return new Setup(cluster, t, new Writer(dbs, t, 1000), workers);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** How often the worker took a source: a needless rebinding or a double binding shows up here. */
    static int bindings(Cluster c, Proc worker) {
        String log = c.logOf(worker);
        int n = 0;
        for (int i = log.indexOf("bound to source " + SRC); i >= 0; i = log.indexOf("bound to source " + SRC, i + 1)) {
            n++;
        }
        return n;
    }

    static void assertBoundOnceTo(Setup s, String worker) {
        for (Map.Entry<String, Proc> w : s.workers().entrySet()) {
            assertEquals(w.getKey().equals(worker) ? 1 : 0, bindings(s.cluster(), w.getValue()),
                    "times worker " + w.getKey() + " took the source (it should have stayed on " + worker + ")");
        }
    }

    /** Stops the writer, waits for every row downstream and compares the table. */
    static void assertIdentical(TestDatabases dbs, Setup s) throws Exception {
        s.writer().close();
        int expected = s.writer().written() + 1;
        awaitTrue(expected + " rows downstream", Duration.ofSeconds(120), () -> {
            try {
                return dbs.queryDown("SELECT COUNT(*) FROM " + s.table()).get(0).get(0).equals(Integer.toString(expected));
            } catch (Exception e) {
                return false;
            }
        });
        TableChecksum.assertSameContent(dbs, s.table());
        assertTrue(s.writer().written() > 50, "the load was real: " + s.writer().written() + " rows");
    }

    /** The task synced, the downstream identical, and the source only ever on {@code bound}. */
    static void finish(TestDatabases dbs, Setup s, String bound) throws Exception {
        s.cluster().awaitSynced(TASK, Duration.ofSeconds(120));
        assertIdentical(dbs, s);
        assertBoundOnceTo(s, bound);
    }

    /** list-member --master names all three masters, each alive. */
    static boolean allMastersAlive(Cluster c) {
        JsonNode ms = c.dmctl("list-member", "--master").json().get("members").get(0).get("master").get("masters");
        boolean all = ms.size() == 3;
        for (JsonNode m : ms) {
            all &= m.get("alive").asBoolean();
        }
        return all;
    }

    static double stateIndex(Cluster c, String master) {
        return Cluster.metric(c.masterProc(master), "dm4j_master_state_index");
    }

    static void awaitMastersAgree(Cluster c, Duration limit) {
        awaitTrue("every master at the same state index", limit, () -> {
            double first = stateIndex(c, c.masterNames().iterator().next());
            return !Double.isNaN(first) && c.masterNames().stream().allMatch(m -> stateIndex(c, m) == first);
        });
    }

    /** The master that reports itself leader on /metrics among {@code names}, or "". */
    static String leaderAmong(Cluster c, List<String> names) {
        for (String n : names) {
            Proc p = c.masterProc(n);
            if (p != null && Cluster.metric(p, "dm4j_master_leader") == 1.0) {
                return n;
            }
        }
        return "";
    }

    /** Waits (polling /metrics) until one of {@code survivors} leads; its name. */
    static String awaitNewLeader(Cluster c, List<String> survivors) {
        String[] next = {""};
        awaitTrue("a new leader", Duration.ofSeconds(30), () -> !(next[0] = leaderAmong(c, survivors)).isEmpty());
        return next[0];
    }

    /**
     * The task's stage from query-status, asked again while the masters elect a leader (an answer without
     * {@code sources}: no leader yet); what the rolling restart checks is the task, not dmctl during an election.
     */
    static String stageOnceAnswered(Cluster c) {
        String[] stage = {""};
        Ctl[] last = {null};
        awaitTrue("query-status answered by a leader", Duration.ofSeconds(30), () -> {
            last[0] = c.dmctl("query-status", TASK);
            JsonNode sources = last[0].exit() == 0 ? last[0].json().get("sources") : null;
            if (sources == null) {
                return false;
            }
            stage[0] = stage(last[0]);
            return true;
        });
        return stage[0];
    }

    static String stage(Ctl status) {
        JsonNode subs = status.json().get("sources").get(0).get("subTaskStatus");
        return subs.get(0).get("stage").asText();
    }

    @Test
    void killedLeaderIsReplacedWithinFiveSecondsAndRejoins(TestDatabases dbs) throws Exception {
        try (Setup s = start(dbs, "hakill", "")) {
            Cluster c = s.cluster();
            String bound = c.boundWorker(SRC);
            String old = c.leaderName();
            List<String> survivors = c.masterNames().stream().filter(n -> !n.equals(old)).toList();
            long killedAt = System.nanoTime();
            c.kill9(c.masterProc(old));
            String next = awaitNewLeader(c, survivors);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("MasterHaIT: leader %s killed; %s leads after %.2f s%n", old, next, seconds);
            assertTrue(seconds < 5, "new leader after " + seconds + " s");

            // dmctl against the survivors only: pause and resume go through
            Ctl pause = c.dmctlVia(survivors, "pause-task", TASK);
            assertEquals(0, pause.exit(), pause.out());
            assertEquals("Paused", stage(c.dmctlVia(survivors, "query-status", TASK)));
            Ctl resume = c.dmctlVia(survivors, "resume-task", TASK);
            assertEquals(0, resume.exit(), resume.out());
            Cluster.sleep((TTL + 2) * 1000L); // past the grace period of the new leader
            assertEquals(bound, c.boundWorker(SRC));
            assertBoundOnceTo(s, bound);

            c.restartMaster(old);
            awaitMastersAgree(c, Duration.ofSeconds(60));
            assertTrue(allMastersAlive(c), "list-member --master: " + c.dmctl("list-member", "--master").out());
            finish(dbs, s, bound);
        }
    }

    @Test
    void rollingRestartOfAllMastersNeverStopsTheTask(TestDatabases dbs) throws Exception {
        try (Setup s = start(dbs, "haroll", "")) {
            Cluster c = s.cluster();
            String bound = c.boundWorker(SRC);
            // the dashboard's (and the OpenAPI's) operations are the leader's: a follower names the leader
            String leader = c.leaderName();
            String follower = c.masterNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + c.masterProc(follower).addr() + "/dashboard/api/overview")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("42960") && answer.body().contains(leader), answer.body());
            List<String> stages = new CopyOnWriteArrayList<>();
            for (String name : new ArrayList<>(c.masterNames())) {
                assertEquals(0, c.term(c.masterProc(name), Duration.ofSeconds(20)), name + " exits cleanly on SIGTERM");
                stages.add(stageOnceAnswered(c));
                c.restartMaster(name);
                awaitMastersAgree(c, Duration.ofSeconds(60));
                awaitTrue("all masters alive", Duration.ofSeconds(60), () -> allMastersAlive(c));
                stages.add(stageOnceAnswered(c));
            }
            assertTrue(stages.stream().allMatch("Running"::equals), "stages seen during the restarts: " + stages);
            finish(dbs, s, bound);
        }
    }

    @Test
    void aMasterDownWhileTheTaskChangesCatchesUpFromASnapshot(TestDatabases dbs) throws Exception {
        try (Setup s = start(dbs, "hasnap", "-Ddm4j.master.snapshot-every=4")) {
            Cluster c = s.cluster();
            String leader = c.leaderName();
            String down = c.masterNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
            c.kill9(c.masterProc(down));
            for (int i = 0; i < 4; i++) {
                assertEquals(0, c.dmctl("pause-task", TASK).exit());
                assertEquals(0, c.dmctl("resume-task", TASK).exit());
            }
            // the leader snapshotted while the other was down (whether the log before it is already deleted depends on
            // Ratis' segment size; RaftNodeIT covers the install of a snapshot over a deleted log)
            try (var files = Files.walk(c.dir.resolve(leader + "-data"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")), "a snapshot on the leader");
            }
            c.restartMaster(down);
            awaitMastersAgree(c, Duration.ofSeconds(60));
            c.awaitSynced(TASK, Duration.ofSeconds(120));
            assertIdentical(dbs, s);
        }
    }

    @Test
    void aFrozenLeaderStepsDownAndNoSourceIsBoundTwice(TestDatabases dbs) throws Exception {
        try (Setup s = start(dbs, "hastop", "")) {
            Cluster c = s.cluster();
            String bound = c.boundWorker(SRC);
            String old = c.leaderName();
            List<String> survivors = c.masterNames().stream().filter(n -> !n.equals(old)).toList();
            Proc frozen = c.masterProc(old);
            Cluster.signal(frozen, "STOP");
            try {
                assertNotEquals(old, awaitNewLeader(c, survivors));
                Cluster.sleep(3000); // well past the election timeout
                // the state changes while the old leader sleeps
                assertEquals(0, c.dmctlVia(survivors, "pause-task", TASK).exit());
                assertEquals(0, c.dmctlVia(survivors, "resume-task", TASK).exit());
            } finally {
                Cluster.signal(frozen, "CONT");
            }
            awaitTrue("the old leader stepped down", Duration.ofSeconds(20), () -> Cluster.metric(frozen, "dm4j_master_leader") == 0.0);
            awaitMastersAgree(c, Duration.ofSeconds(60));
            Cluster.sleep((TTL + 2) * 1000L);
            assertEquals(bound, c.boundWorker(SRC));
            finish(dbs, s, bound); // the workers' own view: the source was never taken twice, nor moved
        }
    }

    @Test
    void openApiTasksAndTemplatesAreServedByTheNewLeader(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("haapi");
        try (Cluster c = new Cluster(Files.createTempDirectory("dm4j-haapi-it"))) {
            c.withMasterFlags("--config", OpenApiIT.openApiConfig(c).toString()).startMasters(3, "");
            String old = c.leaderName();
            HttpJson api = new HttpJson(c.masterProc(old).addr());
            HttpJson.Answer src = api.send("POST", "/api/v1/sources", Map.of("source", OpenApiIT.source("haapi-src", dbs.upstream())));
            assertEquals(201, src.status(), src.toString());
            HttpJson.Answer tpl = api.send("POST", "/api/v1/tasks/templates", OpenApiIT.task("hatpl", "haapi-src", db, dbs.downstream()));
            assertEquals(201, tpl.status(), tpl.toString());
            HttpJson.Answer task = api.send("POST", "/api/v1/tasks", Map.of("task", OpenApiIT.task("haapitask", "haapi-src", db,
                    dbs.downstream())));
            assertEquals(201, task.status(), task.toString());

            List<String> survivors = c.masterNames().stream().filter(n -> !n.equals(old)).toList();
            c.kill9(c.masterProc(old));
            String next = awaitNewLeader(c, survivors);
            HttpJson nextApi = new HttpJson(c.masterProc(next).addr());
            HttpJson.Answer template = nextApi.get("/api/v1/tasks/templates/hatpl");
            assertEquals(200, template.status(), next + " after " + old + " was killed: " + template);
            assertEquals("hatpl", template.json().path("name").asText(), template.toString());
            HttpJson.Answer stopped = nextApi.get("/api/v1/tasks?stage=Stopped");
            assertEquals("haapitask", stopped.json().path("data").get(0).path("name").asText(), stopped.toString());
            assertEquals(200, nextApi.get("/api/v1/tasks/haapitask").status());
        }
    }
}
