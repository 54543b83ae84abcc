package io.dm4j.master.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.config.AlertConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts as JSON to every configured webhook, on one background thread, in the order raised. A post that
 * fails (no connection, or a status other than 2xx) is retried after {@code retry-backoff}, doubled each time, up
 * to {@code retry-attempts} attempts; then the alert is dropped for that URL and logged.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertConfig config;
    private final String master;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dm4j-alert-webhook");
        t.setDaemon(true);
        return t;
    });

    public WebhookSender(AlertConfig config, String master, Clock clock) {
        this.config = config;
        this.master = master;
        this.clock = clock;
    }

    /** Queues the alert for every URL; returns at once. */
    public void send(Alert alert) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(alert.body(master, clock.instant().toString()));
        } catch (JsonProcessingException e) {
            LOG.error("alert {} cannot be written as JSON: {}", alert.kind(), e.getMessage());
            return;
        }
        LOG.warn("alert {}: {}", alert.kind(), alert.summary());
        for (String url : config.webhookUrls()) {
            thread.execute(() -> post(url, body, alert));
        }
    }

    private void post(String url, byte[] body, Alert alert) {
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= config.retryAttempts(); attempt++) {
            String failure;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                failure = "HTTP status " + r.statusCode();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == config.retryAttempts()) {
                LOG.error("alert {} could not be posted to {} after {} attempts ({}); dropped: {}", alert.kind(), url,
                        attempt, failure, alert.summary());
                return;
            }
            LOG.warn("alert {} post to {} failed ({}), attempt {}/{}; retrying in {} ms", alert.kind(), url, failure,
                    attempt, config.retryAttempts(), backoff);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff *= 2;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
