package io.dm4j.proto.http;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {
    @Test
    void writesJvmMetricsAndCollectorsReadAtScrapeTime() throws Exception {
        PrometheusRegistry registry = MetricsEndpoint.registryWithJvmMetrics();
        AtomicLong value = new AtomicLong(1);
        GaugeWithCallback.builder().name("dm_test_value").help("test").labelNames("task")
                .callback(cb -> cb.call(value.get(), "t1")).register(registry);
        MetricsEndpoint metrics = new MetricsEndpoint(registry);
        value.set(42);

        HttpReply reply = metrics.handle(new HttpQuery("/metrics", Map.of()));

        String text = new String(reply.body(), StandardCharsets.UTF_8);
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("text/plain; version=0.0.4"), reply.contentType());
        assertTrue(text.contains("dm_test_value{task=\"t1\"} 42.0"), text);
        assertTrue(text.contains("# TYPE jvm_memory_used_bytes gauge"), text);
        assertTrue(text.contains("jvm_threads_current "), text);
    }
}
