package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.MixedWorkload;
import io.dm4j.testsupport.Replicas;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.relay.RelayLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay across an upstream switch through dm-master, dm-worker and dmctl: a source with {@code enable-relay:
 * true} and {@code enable-gtid: true}, an {@code all} task (keyed, keyless and nullable-unique-key tables) reading
 * the relay under writes, then paused so that it falls behind the relay; the upstream's writers stop, the replica
 * catches up and is promoted, the source is moved to it (stop-task, operate-source stop, operate-source create,
 * start-task) and the writers go on against it. The relay starts a second sub-directory for the replica where the
 * first ends by GTID set, the task reads the rest of the old sub-directory and on into the new one ({@code local}
 * throughout), a kill -9 of the worker right after the switch resumes in the new sub-directory, and every table
 * ends identical to the new primary: no row lost or doubled.
 */
@ExtendWith(DatabasesExtension.class)
class RelaySwitchClusterIT {
    private static final String SOURCE = "rsw-src";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void theTaskReadsTheRelayAcrossTheSwitchToTheReplicaAndAKill9AfterIt(TestDatabases dbs) throws Exception {
        Assumptions.assumeTrue(Cluster.REAL_UNITS, "needs the real units");
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("rsw");
        MixedWorkload writers = new MixedWorkload(db);
        writers.createTables(up);
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-relay-switch-it"))) {
            cluster.startMaster();
            Cluster.Proc worker = cluster.startWorker("worker1", 5);
            awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
            assertOk(cluster.dmctl("operate-source", "create", cluster.writeFile("source-up.yaml", source(up)).toString()));
            String name = db;
            Path task = cluster.writeFile("rsw.yaml", Samples.task(name, "all", SOURCE, db, dbs.downstream()));
            writers.start(up, 1);
            assertOk(cluster.dmctl("start-task", task.toString()));
            awaitTrue("the task syncs from the relay and has applied rows", WAIT, () -> {
                JsonNode sub = cluster.subtask(name);
                return sub != null && "Sync".equals(sub.get("unit").asText())
                        && "local".equals(sub.get("sync").get("binlogType").asText())
                        && sub.get("sync").get("totalRows").asLong() > 200;
            });
            // the task falls behind the relay: at the switch it still has part of the old sub-directory to read
            assertOk(cluster.dmctl("pause-task", name));
            long before = writers.statements();
            awaitTrue("more writes on the upstream", WAIT, () -> writers.statements() > before + 300);

            // the switch: writers stop on the old primary, the replica catches up and is promoted
            writers.stop();
            Replicas.promote(up, rep, WAIT);
            assertOk(cluster.dmctl("stop-task", name));
            assertOk(cluster.dmctl("operate-source", "stop", SOURCE));
            assertOk(cluster.dmctl("operate-source", "create", cluster.writeFile("source-rep.yaml", source(rep)).toString()));
            assertOk(cluster.dmctl("start-task", task.toString()));
            writers.start(rep, 2);
            awaitTrue("the relay writes the replica's sub-directory", WAIT,
                    () -> relayStatus(cluster, name).get("relaySubDir").asText().startsWith("0-3."));

            // kill -9 right after the switch: the worker resumes the relay and the task in the new sub-directory
            cluster.kill9(worker);
            worker = cluster.restartWorker(worker, 5);
            long afterRestart = writers.statements();
            awaitTrue("writes on the promoted replica after the restart", WAIT,
                    () -> writers.statements() > afterRestart + 300);
            writers.stop();

            GtidFailoverIT.awaitIdentical(writers, rep, dbs.downstream(), WAIT);
            JsonNode sub = cluster.subtask(name);
            assertEquals("Running", sub.get("stage").asText(), sub.toString());
            assertEquals("local", sub.get("sync").get("binlogType").asText(), "still reading the relay: " + sub);
            assertTrue(sub.get("sync").get("syncerBinlog").asText().contains("rep-bin."),
                    "the checkpoint names the replica's binlog: " + sub);
            JsonNode relay = relayStatus(cluster, name);
            assertEquals("Running", relay.get("stage").asText(), relay.toString());
            RelayLayout layout = new RelayLayout(cluster.dir.resolve("relay-dir"));
            List<String> dirs = layout.subDirs();
            assertEquals(2, dirs.size(), dirs.toString());
            assertTrue(dirs.get(0).startsWith("0-1.") && dirs.get(1).startsWith("0-3."), dirs.toString());
            assertEquals(dirs.get(1), relay.get("relaySubDir").asText(), relay.toString());
            assertFalse(cluster.logOf(worker).contains("ErrRelay"), "no relay error after the restart");
            assertOk(cluster.dmctl("stop-task", name));
        }
    }

    private static JsonNode relayStatus(Cluster cluster, String task) {
        return cluster.dmctl("query-status", task).json().get("sources").get(0).get("sourceStatus").get("relayStatus");
    }

    private static String source(DbEndpoint server) {
        return Samples.source(SOURCE, server).replace("enable-gtid: false", "enable-gtid: true") + "enable-relay: true\n";
    }

    private static void assertOk(Ctl c) {
        assertEquals(0, c.exit(), c.out());
    }
}
