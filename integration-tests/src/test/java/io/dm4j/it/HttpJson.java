package io.dm4j.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP/1.1 requests with JSON bodies to a dm-master's port (the OpenAPI and the dashboard's endpoints). */
final class HttpJson {
    /** An answer: status, body text and the body as JSON (missing when empty or not JSON). */
    record Answer(int status, String text, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    HttpJson(String hostPort) {
        this.base = "http://" + hostPort;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : Cluster.JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json")
                    .method(method, text.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                    .build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = MissingNode.getInstance();
            if (!r.body().isBlank()) {
                try {
                    json = Cluster.JSON.readTree(r.body());
                } catch (IOException notJson) {
                    json = MissingNode.getInstance();
                }
            }
            return new Answer(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
