package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.MixedWorkload;
import io.dm4j.testsupport.Replicas;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GTID failover through dm-master, dm-worker and dmctl: an {@code all} task with {@code enable-gtid: true} is moved
 * from the upstream to its replica mid-stream by the operator procedure of docs/operations.md (stop-task,
 * operate-source stop, operate-source create with the replica's address, start-task), under write load, and ends
 * identical to the new primary: keyed, keyless and nullable-unique-key tables, no row lost or doubled.
 *
 * <p>The failover as it runs in practice: writers keep writing to the old primary during the switch (the changes
 * reach the replica by replication), then stop; the replica catches up and is promoted (STOP SLAVE) and the writers
 * go on against it.
 */
@ExtendWith(DatabasesExtension.class)
class GtidFailoverIT {
    private static final String SOURCE = "gfo-src";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void allTaskSwitchedToTheReplicaUnderWritesEndsIdenticalWithoutDuplicates(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("gfo");
        MixedWorkload writers = new MixedWorkload(db);
        writers.createTables(up);
        try (Cluster cluster = Cluster.withOneWorker("dm4j-gtid-failover-it", "worker1")) {
            awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
            Path onUp = cluster.writeFile("source-up.yaml", gtidSource(up));
            assertOk(cluster.dmctl("operate-source", "create", onUp.toString()));
            String name = db; // unique per run: a task name of an earlier run would resume from its old checkpoint
            Path task = cluster.writeFile("gfo.yaml", Samples.task(name, "all", SOURCE, db, dbs.downstream()));
            writers.start(up, 1); // writes during the full copy and after it
            assertOk(cluster.dmctl("start-task", task.toString()));
            awaitTrue("the task syncs and has applied rows", WAIT, () -> {
                JsonNode sub = cluster.subtask(name);
                return sub != null && "Sync".equals(sub.get("unit").asText())
                        && sub.get("sync").get("totalRows").asLong() > 200;
            });

            // The switch, while the old primary is still written to.
            assertOk(cluster.dmctl("stop-task", name));
            assertOk(cluster.dmctl("operate-source", "stop", SOURCE));
            Path onRep = cluster.writeFile("source-rep.yaml", gtidSource(rep));
            assertOk(cluster.dmctl("operate-source", "create", onRep.toString()));
            assertOk(cluster.dmctl("start-task", task.toString()));
            long before = writers.statements();
            awaitTrue("more writes while the task reads the replica", WAIT, () -> writers.statements() > before + 300);

            // The old primary goes away: the replica catches up, is promoted and takes the writes.
            writers.stop();
            Replicas.promote(up, rep, WAIT);
            writers.start(rep, 2);
            awaitTrue("writes on the promoted replica", WAIT, () -> writers.statements() > before + 600);
            writers.stop();

            awaitIdentical(writers, rep, dbs.downstream(), WAIT);
            JsonNode sub = cluster.subtask(name);
            assertEquals("Running", sub.get("stage").asText(), sub.toString());
            assertTrue(sub.get("sync").get("syncerBinlog").asText().contains("rep-bin."),
                    "the task reads the replica's binlog: " + sub);
            assertOk(cluster.dmctl("stop-task", name));
        }
    }

    /** Waits until every table of {@code writers} is the same downstream as on {@code primary}, then asserts it. */
    static void awaitIdentical(MixedWorkload writers, DbEndpoint primary, DbEndpoint downstream, Duration wait)
            throws Exception {
        awaitTrue("every table identical to the new primary", wait, () -> {
            try {
                for (String t : writers.tables()) {
                    TableChecksum.assertSameContent(primary, t, downstream, t);
                }
                return true;
            } catch (AssertionError | java.sql.SQLException e) {
                return false;
            }
        });
        for (String t : writers.tables()) {
            TableChecksum.assertSameContent(primary, t, downstream, t); // with its message, if it ever differs
        }
    }

    private static String gtidSource(DbEndpoint server) {
        return Samples.source(SOURCE, server).replace("enable-gtid: false", "enable-gtid: true");
    }

    private static void assertOk(Ctl c) {
        assertEquals(0, c.exit(), c.out());
    }
}
