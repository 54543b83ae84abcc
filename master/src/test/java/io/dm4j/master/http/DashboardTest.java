package io.dm4j.master.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.http.HttpQuery;
import io.dm4j.proto.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private static HttpQuery post(Map<String, String> headers) {
        return new HttpQuery("POST", "/dashboard/api/tasks/t1/pause", Map.of(), headers, new byte[0]);
    }

    @Test
    void writesFromAnotherWebOriginAreRefused() throws Exception {
        assertFalse(SameOrigin.crossOrigin(post(Map.of("host", "10.0.0.5:8261"))));
        assertFalse(SameOrigin.crossOrigin(post(Map.of("host", "10.0.0.5:8261", "origin", "http://10.0.0.5:8261"))));
        assertTrue(SameOrigin.crossOrigin(post(Map.of("host", "10.0.0.5:8261", "origin", "https://evil.example"))));
        assertTrue(SameOrigin.crossOrigin(post(Map.of("host", "10.0.0.5:8261", "origin", "null"))));
        HttpReply refused = new Dashboard(null).handle(post(Map.of("host", "a:1", "origin", "http://b:2")));
        assertEquals(403, refused.status());
    }

    @Test
    void pageAndItsFilesComeFromTheJar() throws Exception {
        Dashboard d = new Dashboard(null);
        HttpReply page = d.handle(new HttpQuery("/dashboard", Map.of()));
        assertEquals(200, page.status());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/dashboard/dashboard.js") && !html.contains("http"), html);
        assertEquals(200, d.handle(new HttpQuery("/dashboard/dashboard.js", Map.of())).status());
        assertTrue(d.handle(new HttpQuery("/dashboard/dashboard.css", Map.of())).contentType().startsWith("text/css"));
        assertEquals(404, d.handle(new HttpQuery("/dashboard/nothing", Map.of())).status());
        assertEquals(405, d.handle(new HttpQuery("/dashboard/api/tasks/t1/pause", Map.of())).status());
    }
}
