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
    void writesTheServersMetricsReadAtScrapeTimeAndTheJvms() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
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

    @Test
    void eachServerShowsItsOwnMetricsAndTheSharedJvmOnes() throws Exception {
        PrometheusRegistry first = new PrometheusRegistry();
        PrometheusRegistry second = new PrometheusRegistry();
        GaugeWithCallback.builder().name("dm_first").help("test").callback(cb -> cb.call(1)).register(first);
        GaugeWithCallback.builder().name("dm_second").help("test").callback(cb -> cb.call(2)).register(second);

        String a = new String(new MetricsEndpoint(first).handle(new HttpQuery("/metrics", Map.of())).body(),
                StandardCharsets.UTF_8);
        String b = new String(new MetricsEndpoint(second).handle(new HttpQuery("/metrics", Map.of())).body(),
                StandardCharsets.UTF_8);

        assertTrue(a.contains("dm_first 1.0") && !a.contains("dm_second"), a);
        assertTrue(b.contains("dm_second 2.0") && !b.contains("dm_first"), b);
        assertTrue(a.contains("# TYPE jvm_memory_used_bytes gauge") && b.contains("# TYPE jvm_memory_used_bytes gauge"));
    }
}
