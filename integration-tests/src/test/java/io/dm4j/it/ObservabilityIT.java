package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.Dm4jVersion;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dm-master and dm-worker answer HTTP on their RPC ports: {@code /metrics} in the Prometheus text format with DM's
 * metric names and labels for a syncing task, and {@code /status} with the build and uptime.
 */
@ExtendWith(DatabasesExtension.class)
class ObservabilityIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(Proc proc, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + proc.addr() + path))
                .timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(Proc proc) throws IOException, InterruptedException {
        HttpResponse<String> response = get(proc, "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of the one sample written exactly as {@code series} (name and labels), or NaN when absent. */
    static double sample(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    private static double finishedJobs(String metrics) {
        double sum = 0;
        for (String type : new String[] {"insert", "update", "delete"}) {
            sum += sample(metrics, "dm_syncer_finished_jobs_total{source_id=\"obs-src\",task=\"obstask\",type=\""
                    + type + "\",worker=\"w1\"}");
        }
        return sum;
    }

    @Test
    void metricsAndStatusOnTheRpcPorts(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("obs");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-obs-it"))) {
            cluster.startMaster();
            Proc worker = cluster.startWorker("w1", 10);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("obs-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Path task = cluster.writeFile("task.yaml", Samples.task("obstask", "all", "obs-src", db, dbs.downstream()));
            Ctl start = cluster.dmctl("start-task", task.toString(), "--remove-meta");
            assertEquals(0, start.exit(), start.out());
            cluster.awaitSynced("obstask", Duration.ofSeconds(60));
            dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c'), (4, 'd')", "INSERT INTO " + t + " VALUES (5, 'e')",
                    "UPDATE " + t + " SET v = 'bb' WHERE id = 2", "DELETE FROM " + t + " WHERE id = 1");
            cluster.awaitSynced("obstask", Duration.ofSeconds(60));

            String task1 = "{source_id=\"obs-src\",task=\"obstask\",worker=\"w1\"}";
            awaitTrue("the worker's metrics show the committed row changes", Duration.ofSeconds(30), () -> {
                try {
                    String m = metrics(worker);
                    return sample(m, "dm_syncer_finished_jobs_total{source_id=\"obs-src\",task=\"obstask\",type=\"insert\",worker=\"w1\"}") >= 3;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
            String m = metrics(worker);
            assertEquals(2.0, sample(m, "dm_worker_task_state" + task1), m); // Running
            double lag = sample(m, "dm_syncer_replication_lag_gauge" + task1);
            assertTrue(lag >= 0 && lag < 600, m);
            String masterNode = "{node=\"master\",source_id=\"obs-src\",task=\"obstask\"}";
            String syncerNode = "{node=\"syncer\",source_id=\"obs-src\",task=\"obstask\"}";
            assertTrue(sample(m, "dm_syncer_binlog_file" + masterNode) >= 1, m);
            assertTrue(sample(m, "dm_syncer_binlog_file" + syncerNode) >= 1, m);
            assertTrue(sample(m, "dm_syncer_binlog_pos" + syncerNode) > 4, m);
            // node=master is the upstream position as last polled (periodically), so it may trail node=syncer
            assertTrue(sample(m, "dm_syncer_binlog_pos" + masterNode) > 4, m);
            for (String type : new String[] {"insert", "update", "delete"}) {
                String series = "{source_id=\"obs-src\",task=\"obstask\",type=\"" + type + "\",worker=\"w1\"}";
                double added = sample(m, "dm_syncer_added_jobs_total" + series);
                double finished = sample(m, "dm_syncer_finished_jobs_total" + series);
                assertTrue(finished >= (type.equals("insert") ? 3 : 1) && added >= finished, type + "\n" + m);
            }
            double queued = sample(m, "dm_syncer_queue_size{queue_id=\"q_0\",source_id=\"obs-src\",task=\"obstask\"}");
            assertTrue(queued >= 0 && queued <= 1024, m); // within worker queue-size (DM's default 1024)
            assertTrue(sample(m, "dm_syncer_txn_duration_time_count" + task1) >= 1, m);
            assertTrue(sample(m, "dm_syncer_txn_duration_time_sum" + task1) > 0, m);
            assertTrue(sample(m, "dm_syncer_query_duration_time_count" + task1)
                    >= sample(m, "dm_syncer_txn_duration_time_count" + task1), m);
            assertTrue(sample(m, "dm_syncer_replication_lag_count" + task1) >= 3, m); // the 3 upstream transactions
            assertTrue(sample(m, "dm_syncer_finished_transaction_total" + task1) >= 3, m);
            assertTrue(sample(m, "dm_syncer_conflict_detect_duration_count" + task1) >= 3, m); // one per transaction
            assertTrue(sample(m, "dm_syncer_read_binlog_duration_count" + task1) >= 1, m); // sampled, the first timed
            assertTrue(sample(m, "dm_syncer_binlog_transform_cost_count{source_id=\"obs-src\",stage=\"gen-write-rows\","
                    + "task=\"obstask\",worker=\"w1\"}") >= 1, m); // the first rows event, an insert, is timed
            awaitTrue("the remaining time is known once synced", Duration.ofSeconds(30), () -> {
                try {
                    return sample(metrics(worker), "dm_syncer_remaining_time" + task1) >= 0;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
            awaitTrue("a checkpoint flush is observed", Duration.ofSeconds(30), () -> {
                try {
                    return sample(metrics(worker), "dm_syncer_flush_checkpoints_time_interval_count" + task1) >= 1;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
            String exits = "{resumable_err=\"false\",source_id=\"obs-src\",task=\"obstask\"}";
            assertEquals(0.0, sample(m, "dm_syncer_exit_with_error_count" + exits), m);
            assertEquals(0.0, sample(m, "dm_loader_exit_with_error_count" + exits), m);
            assertEquals(0.0, sample(m, "dm_dumpling_exit_with_error_count" + exits), m);
            assertTrue(m.contains("# TYPE jvm_memory_used_bytes gauge"), m);

            String mm = metrics(cluster.master);
            assertEquals(2.0, sample(mm, "dm_master_worker_state{worker=\"w1\"}"), mm); // bound
            assertEquals(1.0, sample(mm, "dm_master_start_leader_counter"), mm); // led once, since it started
            assertTrue(mm.contains("# TYPE jvm_threads_current gauge"), mm);

            for (Proc proc : new Proc[] {cluster.master, worker}) {
                HttpResponse<String> status = get(proc, "/status");
                assertEquals(200, status.statusCode(), status.body());
                JsonNode json = Cluster.JSON.readTree(status.body());
                assertEquals(proc == worker ? "dm-worker" : "dm-master", json.get("component").asText(), status.body());
                assertEquals(Dm4jVersion.version(), json.get("version").asText(), status.body());
                assertEquals(Dm4jVersion.commit(), json.get("git_hash").asText(), status.body());
                assertTrue(json.get("uptime_seconds").asLong() >= 0, status.body());
                assertEquals(404, get(proc, "/no-such-page").statusCode());
            }
            // RPC on the same port still works after the HTTP connections
            assertEquals(0, cluster.dmctl("query-status", "obstask").exit());

            // Per table: every row change the sync unit committed (the task's only table: as many as
            // dm_syncer_finished_jobs_total counts, which includes the rows replayed in safe mode after the load).
            String table = "{source_id=\"obs-src\",table=\"" + t + "\",task=\"obstask\"}";
            String mt = metrics(worker);
            for (int i = 0; i < 60 && sample(mt, "dm_syncer_table_applied_rows_total" + table) != finishedJobs(mt); i++) {
                Thread.sleep(500);
                mt = metrics(worker);
            }
            assertTrue(finishedJobs(mt) >= 5, mt);
            assertEquals(finishedJobs(mt), sample(mt, "dm_syncer_table_applied_rows_total" + table), mt);
            assertTrue(sample(mt, "dm_syncer_table_applied_binlog_file" + table) >= 1, mt);
            assertTrue(sample(mt, "dm_syncer_table_applied_binlog_pos" + table) > 4, mt);
            double eventTime = sample(mt, "dm_syncer_table_applied_event_time_seconds" + table);
            assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - eventTime) < 600, mt);

            // A DDL the task skips (another schema), then an idle upstream: caught up, lag 0, and it stays 0.
            String other = dbs.freshSchema("obs_other");
            dbs.execUp("CREATE TABLE " + other + ".x (id INT PRIMARY KEY)");
            cluster.awaitSynced("obstask", Duration.ofSeconds(60));
            Thread.sleep(4000); // longer than a poll of the upstream position, with nothing written upstream
            Ctl idle = cluster.dmctl("query-status", "obstask");
            JsonNode sync = idle.json().get("sources").get(0).get("subTaskStatus").get(0).get("sync");
            assertTrue(sync.get("synced").asBoolean(), idle.out());
            assertEquals(0, sync.get("secondsBehindMaster").asLong(), idle.out());
            assertEquals(0.0, sample(metrics(worker), "dm_syncer_replication_lag_gauge" + task1));

            // dmctl renders the same status as a table, and watches it.
            Ctl table1 = cluster.dmctl("query-status", "obstask", "-o", "table");
            assertEquals(0, table1.exit(), table1.out());
            assertTrue(table1.out().lines().anyMatch(l -> l.matches("obstask +obs-src +w1 +Running +Sync +lag 0s \\(synced\\), at \\(.*")),
                    table1.out());
            Ctl watched = cluster.dmctl("query-status", "-o", "table", "--watch", "200ms", "--watch-count", "2");
            assertEquals(0, watched.exit(), watched.out());
            assertEquals(2, watched.out().lines().filter(l -> l.startsWith("--- Every 0.2s: query-status")).count(),
                    watched.out());
            assertEquals(2, watched.out().lines().filter(l -> l.matches("obstask +Running +obs-src")).count(),
                    watched.out());
        }
    }
}
