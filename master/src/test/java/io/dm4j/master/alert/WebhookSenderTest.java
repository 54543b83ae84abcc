package io.dm4j.master.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dm4j.common.config.AlertConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Posts to a local HTTP receiver that refuses the first attempts. */
class WebhookSenderTest {
    @Test
    void postsJsonAndRetriesUntilAccepted() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger attempts = new AtomicInteger();
        BlockingQueue<String> accepted = new LinkedBlockingQueue<>();
        BlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = attempts.incrementAndGet() <= 2 ? 503 : 204;
            if (status == 204) {
                // the header first: the test reads it as soon as the body arrives
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                accepted.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        try (WebhookSender sender = new WebhookSender(new AlertConfig(List.of(url), Duration.ofSeconds(60),
                Duration.ofSeconds(1), 5, Duration.ofMillis(10)), "master-1", clock)) {
            sender.send(new Alert(Alert.WORKER_FAILOVER, "worker w1 is offline",
                    Map.of("source", "s1", "from_worker", "w1", "to_worker", "w2")));

            String body = accepted.poll(30, TimeUnit.SECONDS);
            assertNotNull(body, "never accepted");
            JsonNode json = new ObjectMapper().readTree(body);
            assertEquals("worker_failover", json.get("kind").asText());
            assertEquals("master-1", json.get("master").asText());
            assertEquals("2026-01-02T03:04:05Z", json.get("time").asText());
            assertEquals("w2", json.get("to_worker").asText());
            assertEquals("application/json", contentTypes.poll(5, TimeUnit.SECONDS));
            assertEquals(3, attempts.get(), "two refusals, then accepted");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesUpAfterRetryAttempts() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(attempts.incrementAndGet());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        try (WebhookSender sender = new WebhookSender(new AlertConfig(List.of(url), Duration.ZERO, Duration.ofSeconds(1),
                3, Duration.ofMillis(5)), "m", Clock.systemUTC())) {
            sender.send(new Alert(Alert.LAG_ABOVE_THRESHOLD, "lag", Map.of()));
            sender.send(new Alert(Alert.LAG_ABOVE_THRESHOLD, "second", Map.of())); // queued behind the first's retries
            for (int i = 1; i <= 6; i++) {
                assertEquals(i, seen.poll(30, TimeUnit.SECONDS));
            }
        } finally {
            server.stop(0);
        }
    }
}
