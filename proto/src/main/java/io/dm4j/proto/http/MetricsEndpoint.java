package io.dm4j.proto.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics}: the JVM and process metrics plus everything in a server's own registry, in the Prometheus
 * text format (version 0.0.4). The collectors compute their values at scrape time, so serving this costs nothing
 * between scrapes.
 */
public final class MetricsEndpoint implements HttpEndpoint {
    /**
     * One per process: the client library keeps every registry it instrumented for the JVM's lifetime (and adds GC
     * listeners to each), so per-server registries would pile up wherever servers are started repeatedly.
     */
    private static final class Jvm {
        static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(REGISTRY);
        }
    }

    private final PrometheusRegistry own;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** @param own the server's own metrics ({@code dm_*}); the JVM's are added by this endpoint */
    public MetricsEndpoint(PrometheusRegistry own) {
        this.own = own;
    }

    @Override
    public HttpReply handle(HttpQuery query) throws IOException {
        List<MetricSnapshot> all = new ArrayList<>();
        own.scrape().forEach(all::add);
        Jvm.REGISTRY.scrape().forEach(all::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, new MetricSnapshots(all));
        return new HttpReply(200, writer.getContentType(), out.toByteArray());
    }
}
