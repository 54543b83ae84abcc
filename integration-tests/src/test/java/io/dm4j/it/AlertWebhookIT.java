package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dm-master's alert webhooks against a local HTTP receiver and a real master + workers: lag above the threshold
 * (rows whose binlog events are an hour old, held back by a locked downstream table), a task paused with an error
 * (its downstream table dropped), a worker failover (the bound worker killed). The receiver refuses every first
 * post, so each alert also shows the retry.
 */
@ExtendWith(DatabasesExtension.class)
class AlertWebhookIT {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final AtomicInteger posts = new AtomicInteger();

    private HttpServer receiver() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean refuse = posts.incrementAndGet() % 2 == 1; // every other post fails: each alert needs a retry
            if (!refuse) {
                received.add(Cluster.JSON.readTree(body));
            }
            exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private JsonNode await(String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode a = received.poll(500, TimeUnit.MILLISECONDS);
            if (a != null && kind.equals(a.get("kind").asText())) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " alert within " + timeout.toSeconds() + " s");
    }

    private static String metrics(Proc proc) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://" + proc.addr() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void lagPausedWithErrorAndFailoverArePostedAsJson(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("alert");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a')");
        HttpServer server = receiver();
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-alert-it"))) {
            Path toml = cluster.writeFile("dm-master.toml", "[alerts]\n"
                    + "webhook-urls = [\"http://127.0.0.1:" + server.getAddress().getPort() + "/hook\"]\n"
                    + "lag-threshold = \"10m\"\n"
                    + "check-interval = \"1s\"\n"
                    + "retry-attempts = 4\n"
                    + "retry-backoff = \"100ms\"\n");
            cluster.startMaster(List.of("--config", toml.toString()));
            Proc w1 = cluster.startWorker("w1", 5);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("alert-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Path task = cluster.writeFile("task.yaml", Samples.task("alerttask", "all", "alert-src", db, dbs.downstream()));
            Ctl start = cluster.dmctl("start-task", task.toString(), "--remove-meta");
            assertEquals(0, start.exit(), start.out());
            cluster.awaitSynced("alerttask", Duration.ofSeconds(60));

            // Lag: rows stamped an hour ago upstream, held back downstream by a table lock.
            try (Connection lock = dbs.downstream().connect(); Statement st = lock.createStatement()) {
                st.execute("LOCK TABLES " + t + " WRITE");
                dbs.execUp("SET TIMESTAMP = UNIX_TIMESTAMP() - 3600", "INSERT INTO " + t + " VALUES (2, 'old')");
                JsonNode lag = await("lag_above_threshold", Duration.ofSeconds(60));
                assertEquals("alerttask", lag.get("task").asText(), lag.toString());
                assertEquals("alert-src", lag.get("source").asText(), lag.toString());
                assertEquals("w1", lag.get("worker").asText(), lag.toString());
                assertEquals(600, lag.get("threshold_seconds").asLong(), lag.toString());
                assertTrue(lag.get("lag_seconds").asLong() >= 3000, lag.toString());
                assertEquals("master1", lag.get("master").asText(), lag.toString());
                assertNotNull(lag.get("time"), lag.toString());
            }
            cluster.awaitSynced("alerttask", Duration.ofSeconds(60));
            String m = metrics(w1);
            String series = "{source_id=\"alert-src\",task=\"alerttask\",worker=\"w1\"}";
            assertTrue(ObservabilityIT.sample(m, "dm_syncer_replication_lag_count" + series) >= 1, m);
            assertTrue(ObservabilityIT.sample(m, "dm_syncer_replication_lag_bucket{source_id=\"alert-src\",task=\"alerttask\","
                    + "worker=\"w1\",le=\"+Inf\"}") > ObservabilityIT.sample(m, "dm_syncer_replication_lag_bucket{"
                    + "source_id=\"alert-src\",task=\"alerttask\",worker=\"w1\",le=\"1024.0\"}"), "an hour-old transaction\n" + m);

            // Paused with an error: the downstream table is gone.
            dbs.execDown("DROP TABLE " + t);
            dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c')");
            JsonNode paused = await("task_paused_with_error", Duration.ofSeconds(60));
            assertEquals("alerttask", paused.get("task").asText(), paused.toString());
            assertEquals("Paused", paused.get("stage").asText(), paused.toString());
            assertTrue(paused.get("error").get("code").asInt() > 0, paused.toString());
            assertTrue(!paused.get("error").get("workaround").asText().isEmpty(), paused.toString());
            awaitTrue("the sync unit's exit is counted", Duration.ofSeconds(30), () -> {
                try {
                    String mm = metrics(w1);
                    String labels = "{resumable_err=\"%s\",source_id=\"alert-src\",task=\"alerttask\"}";
                    return ObservabilityIT.sample(mm, "dm_syncer_exit_with_error_count" + labels.formatted("true"))
                            + ObservabilityIT.sample(mm, "dm_syncer_exit_with_error_count" + labels.formatted("false")) >= 1;
                } catch (Exception e) {
                    return false;
                }
            });

            // Failover: the bound worker dies, the source moves to w2.
            cluster.startWorker("w2", 5);
            awaitTrue("w2 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w2")));
            cluster.kill9(w1);
            JsonNode failover = await("worker_failover", Duration.ofSeconds(60));
            assertEquals("alert-src", failover.get("source").asText(), failover.toString());
            assertEquals("w1", failover.get("from_worker").asText(), failover.toString());
            assertEquals("w2", failover.get("to_worker").asText(), failover.toString());
            assertTrue(posts.get() >= 6, "every alert was refused once and posted again: " + posts.get() + " posts");
        } finally {
            server.stop(0);
        }
    }
}
