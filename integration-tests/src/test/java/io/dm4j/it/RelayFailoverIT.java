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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failover with relay log: two workers with their own relay directories, a source with {@code enable-relay: true}.
 * The bound worker is killed with SIGKILL while its task is paused at a checkpoint and the upstream has moved two
 * files further; the other worker takes the source and builds its relay from the file of that checkpoint (read from
 * {@code dm_meta}), not from the upstream's current file, and the resumed task reads it and ends identical.
 */
@ExtendWith(DatabasesExtension.class)
class RelayFailoverIT {
    static final int TTL = 3;
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theNewWorkerRebuildsTheRelayFromTheEarliestCheckpoint(TestDatabases dbs) throws Exception {
        try (Cluster c = new Cluster(Files.createTempDirectory("dm4j-relayfo-it"))) {
            c.startMaster();
            Path relayRoot = c.dir.resolve("relay");
            // a worker pulling a relay log is judged by relay-keepalive-ttl (1800 s by default, as DM): shortened here
            List<String> flags = List.of("--relay-dir", relayRoot.toString(), "--relay-keepalive-ttl", Integer.toString(TTL));
            Map<String, Proc> workers = Map.of("wa", c.startWorker("wa", TTL, flags), "wb", c.startWorker("wb", TTL, flags));
            awaitTrue("both workers free", WAIT, () -> c.workerStages().equals(Map.of("wa", "free", "wb", "free")));
            dbs.execUp("FLUSH BINARY LOGS");
            String first = RelayOpsIT.upstreamFile(dbs);
            String db = dbs.freshSchema("rfo");
            String t = db + ".t";
            dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(64))", "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");

            Path src = c.writeFile("source.yaml", Samples.source("rfo-src", dbs.upstream()) + "enable-relay: true\n");
            assertEquals(0, c.dmctl("operate-source", "create", src.toString()).exit());
            awaitTrue("relay Running", WAIT, () -> "Running".equals(RelayOpsIT.relayStage(c, "rfo-src")));
            String taskYaml = Samples.task("rfotask", "incremental", "rfo-src", db, dbs.downstream()).replace(
                    "    block-allow-list: \"only\"\n", "    block-allow-list: \"only\"\n    meta:\n      binlog-name: \"" + first
                            + "\"\n      binlog-pos: 4\n");
            Ctl start = c.dmctl("start-task", "--remove-meta", c.writeFile("task.yaml", taskYaml).toString());
            assertEquals(0, start.exit(), start.out());
            dbs.execUp("FLUSH BINARY LOGS", "INSERT INTO " + t + " VALUES (3, 'c')");
            String checkpointFile = RelayOpsIT.upstreamFile(dbs);
            c.awaitSynced("rfotask", WAIT);
            awaitTrue("3 rows downstream", WAIT, () -> count(dbs, "down", t) == 3);
            assertEquals(0, c.dmctl("pause-task", "rfotask").exit());
            String cp = dbs.queryDown("SELECT binlog_name FROM dm_meta.`rfotask_syncer_checkpoint` WHERE is_global = 1").get(0).get(0);
            assertEquals(checkpointFile, cp);

            // the upstream moves two files on while the task is paused
            dbs.execUp("FLUSH BINARY LOGS", "INSERT INTO " + t + " VALUES (4, 'd')", "FLUSH BINARY LOGS",
                    "INSERT INTO " + t + " VALUES (5, 'e')", "UPDATE " + t + " SET v = 'bb' WHERE id = 2");
            String current = RelayOpsIT.upstreamFile(dbs);
            assertNotEquals(checkpointFile, current);

            String firstWorker = c.boundWorker("rfo-src");
            String other = firstWorker.equals("wa") ? "wb" : "wa";
            c.kill9(workers.get(firstWorker));
            awaitTrue("source rebound to " + other, Duration.ofSeconds(TTL + 30), () -> other.equals(c.boundWorker("rfo-src")));
            awaitTrue("relay Running on " + other, WAIT, () -> "Running".equals(RelayOpsIT.relayStage(c, "rfo-src")));
            Path otherRelay = relayRoot.resolve(other);
            awaitTrue(other + "'s relay holds " + current, WAIT, () -> RelayOpsIT.names(RelayOpsIT.relayFiles(otherRelay)).contains(current));
            // the relay unit logs where it starts pulling: the checkpoint's file, not the upstream's current one
            String pulls = c.logOf(workers.get(other)).lines().filter(l -> l.contains("relay of source rfo-src pulls")).findFirst().orElse("");
            assertTrue(pulls.contains("from (" + checkpointFile + ", 4)"), "the relay on " + other + " starts at " + checkpointFile
                    + ", not at " + current + ": " + pulls);
            List<String> files = RelayOpsIT.names(RelayOpsIT.relayFiles(otherRelay));
            assertEquals(upstreamFilesAfter(checkpointFile, current), files.subList(files.size() - 2, files.size()), "files: " + files);

            assertEquals(0, c.dmctl("resume-task", "rfotask").exit());
            c.awaitSynced("rfotask", WAIT);
            awaitTrue("5 rows downstream", WAIT, () -> count(dbs, "down", t) == 5);
            TableChecksum.assertSameContent(dbs, t);
            assertEquals(other, c.subtaskWorker("rfotask"));
            assertTrue(c.logOf(workers.get(other)).contains("reads the relay log from"), "the resumed task reads the relay on " + other);
        }
    }

    /** The two files after {@code from} up to {@code to} (the test rotates twice). */
    static List<String> upstreamFilesAfter(String from, String to) {
        String base = from.substring(0, from.lastIndexOf('.') + 1);
        int n = Integer.parseInt(from.substring(from.lastIndexOf('.') + 1));
        List<String> out = List.of(String.format("%s%06d", base, n + 1), String.format("%s%06d", base, n + 2));
        assertEquals(to, out.get(1));
        return out;
    }

    static long count(TestDatabases dbs, String side, String table) {
        try {
            return Long.parseLong((side.equals("down") ? dbs.queryDown("SELECT COUNT(*) FROM " + table)
                    : dbs.queryUp("SELECT COUNT(*) FROM " + table)).get(0).get(0));
        } catch (Exception e) {
            return -1;
        }
    }
}
