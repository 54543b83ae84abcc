package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.relay.RelayLayout;
import io.dm4j.worker.relay.RelayReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay log through the real processes: a source with {@code enable-relay: true}, its tasks reading the relay
 * ({@code binlogType: local}), surviving an upstream purge past their checkpoint and a kill -9 of the worker.
 */
@ExtendWith(DatabasesExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayClusterIT {
    static final String SOURCE = "relay-src";
    static final Duration WAIT = Duration.ofSeconds(120);
    static Cluster cluster;
    static Cluster.Proc worker;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        Assumptions.assumeTrue(Cluster.REAL_UNITS, "needs the real units");
        cluster = new Cluster(Files.createTempDirectory("dm4j-relay-it"));
        cluster.startMaster();
        worker = cluster.startWorker("worker1", 5);
        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()) + "enable-relay: true\n");
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

    private static JsonNode sourceStatus(String task) {
        return cluster.dmctl("query-status", task).json().get("sources").get(0).get("sourceStatus");
    }

    private static void startTask(TestDatabases dbs, String name, String schema) throws Exception {
        Path task = cluster.writeFile(name + ".yaml", Samples.task(name, "all", SOURCE, schema, dbs.downstream()));
        Ctl c = cluster.dmctl("start-task", "--remove-meta", task.toString()); // checkpoints of an earlier run: gone
        assertEquals(0, c.exit(), c.out());
        cluster.awaitSynced(name, WAIT);
    }

    /** PURGE BINARY LOGS up to the current file; MariaDB keeps a file while a replica or its checkpoint needs it. */
    private static void purgeAllButCurrent(TestDatabases dbs) {
        awaitTrue("the upstream purged its older binlogs", WAIT, () -> {
            try {
                String current = dbs.queryUp("SHOW MASTER STATUS").get(0).get(0);
                dbs.execUp("PURGE BINARY LOGS TO '" + current + "'");
                return dbs.queryUp("SHOW BINARY LOGS").get(0).get(0).equals(current);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The relay directory as the worker lays it out (the source's relay-dir, relative to the worker's directory). */
    private static RelayLayout relayLayout() {
        return new RelayLayout(cluster.dir.resolve("relay-dir"));
    }

    @Test
    @Order(1)
    void aPausedTaskResumesFromTheRelayAfterTheUpstreamPurgedPastItsCheckpoint(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("relay_purge");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(64), n BIGINT)",
                "INSERT INTO " + t + " VALUES (1, 'a', 1), (2, 'b', 2)");
        startTask(dbs, "relaypurge", db);
        dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c', 3)");
        cluster.awaitSynced("relaypurge", WAIT);
        JsonNode sub = cluster.subtask("relaypurge");
        assertEquals("local", sub.get("sync").get("binlogType").asText(), sub.toString());
        JsonNode relay = sourceStatus("relaypurge").get("relayStatus");
        assertEquals("Running", relay.get("stage").asText(), relay.toString());
        assertTrue(relay.get("relaySubDir").asText().matches("0-1\\.\\d{6}"), relay.toString());
        for (String key : List.of("masterBinlog", "masterBinlogGtid", "relayBinlog", "relayBinlogGtid", "relayCatchUpMaster")) {
            assertTrue(relay.has(key), key + " in " + relay);
        }
        // the worker's /metrics carries the relay's positions with DM's names (RelayMetrics)
        assertTrue(Cluster.metric(worker, "dm_relay_binlog_file") >= 1, "dm_relay_binlog_file on the worker's /metrics");
        assertTrue(Cluster.metric(worker, "dm_relay_binlog_pos") >= 4, "dm_relay_binlog_pos on the worker's /metrics");
        // what the relay measured as it ran, with DM's names (RelayObserver): every event written and read is counted
        assertTrue(Cluster.metric(worker, "dm_relay_write_size_count") >= 3, "dm_relay_write_size on the worker's /metrics");
        assertTrue(Cluster.metric(worker, "dm_relay_write_duration_count") >= 3, "dm_relay_write_duration");
        assertTrue(Cluster.metric(worker, "dm_relay_read_binlog_duration_count") >= 3, "dm_relay_read_binlog_duration");
        for (String errors : List.of("dm_relay_write_error_count", "dm_relay_data_corruption",
                "dm_relay_exit_with_error_count")) {
            assertEquals(0.0, Cluster.metric(worker, errors), errors + " of a relay that never failed");
        }

        Ctl p = cluster.dmctl("pause-task", "relaypurge");
        assertEquals(0, p.exit(), p.out());
        awaitTrue("task paused", WAIT, () -> "Paused".equals(cluster.subtask("relaypurge").get("stage").asText()));
        for (int i = 4; i < 300; i++) {
            dbs.execUp("INSERT INTO " + t + " VALUES (" + i + ", REPEAT('v', " + (i % 60) + "), " + i * 7 + ")");
            if (i % 100 == 0) {
                dbs.execUp("FLUSH BINARY LOGS");
            }
        }
        dbs.execUp("UPDATE " + t + " SET n = n + 1 WHERE id % 3 = 0", "DELETE FROM " + t + " WHERE id % 5 = 0",
                "FLUSH BINARY LOGS");
        purgeAllButCurrent(dbs);
        Ctl r = cluster.dmctl("resume-task", "relaypurge");
        assertEquals(0, r.exit(), r.out());
        cluster.awaitSynced("relaypurge", WAIT);
        assertEquals("local", cluster.subtask("relaypurge").get("sync").get("binlogType").asText());
        TableChecksum.assertSameContent(dbs, t);
        awaitTrue("relay caught up", WAIT, () -> sourceStatus("relaypurge").get("relayStatus").get("relayCatchUpMaster").asBoolean());
        assertEquals(0, cluster.dmctl("stop-task", "relaypurge").exit());
    }

    @Test
    @Order(2)
    void afterAKill9UnderLoadTheRelayIsValidAndTheDownstreamIdentical(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("relay_kill");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v MEDIUMTEXT, n BIGINT)");
        startTask(dbs, "relaykill", db);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger rows = new AtomicInteger();
        Thread load = new Thread(() -> {
            int i = 0;
            while (writing.get()) {
                try {
                    dbs.execUp("INSERT INTO " + t + " VALUES (" + i + ", REPEAT('k', " + (1000 + i * 37 % 20000) + "), " + i + ")",
                            "UPDATE " + t + " SET n = n + 1 WHERE id = " + (i / 2));
                    if (i % 400 == 399) {
                        dbs.execUp("FLUSH BINARY LOGS");
                    }
                    rows.incrementAndGet();
                    i++;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "upstream-load");
        load.start();
        try {
            awaitTrue("load under way", WAIT, () -> rows.get() > 300);
            cluster.kill9(worker);
            awaitTrue("more load while the worker is down", WAIT, () -> rows.get() > 900);
            worker = cluster.restartWorker(worker, 5);
            awaitTrue("load after the restart", WAIT, () -> rows.get() > 1500);
        } finally {
            writing.set(false);
            load.join(60_000);
        }
        cluster.awaitSynced("relaykill", WAIT);
        TableChecksum.assertSameContent(dbs, t);
        assertEquals("local", cluster.subtask("relaykill").get("sync").get("binlogType").asText());
        List<String> status = dbs.queryUp("SHOW MASTER STATUS").get(0);
        BinlogPosition master = new BinlogPosition(status.get(0), Long.parseLong(status.get(1)));
        awaitTrue("relay caught up", WAIT, () -> sourceStatus("relaykill").get("relayStatus").get("relayCatchUpMaster").asBoolean());

        // the relay read end to end by the file reader: every event complete, checked and contiguous
        RelayLayout layout = relayLayout();
        List<String> dirs = layout.subDirs();
        assertEquals(1, dirs.size(), dirs.toString());
        List<String> files = layout.binlogFiles(dirs.get(0));
        long events = 0;
        try (RelayReader reader = new RelayReader(layout, dirs.get(0), files.get(0), 4)) {
            while (reader.next() != null) {
                events++;
            }
            // at least up to where the upstream was (MariaDB may add a binlog checkpoint event by itself later)
            BinlogPosition readTo = new BinlogPosition(reader.file(), reader.position());
            assertTrue(readTo.compareTo(master) >= 0, "read up to " + readTo + ", the upstream was at " + master);
        }
        assertTrue(events > 3000, "events " + events);
        assertFalse(cluster.logOf(worker).contains("ErrRelay"), "no relay error after the restart");
    }
}
