package io.dm4j.proto.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: everything in a registry, in the Prometheus text format (version 0.0.4). The collectors
 * compute their values at scrape time, so serving this costs nothing between scrapes.
 */
public final class MetricsEndpoint implements HttpEndpoint {
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** A new registry holding the JVM and process metrics ({@code jvm_*}, {@code process_*}). */
    public static PrometheusRegistry registryWithJvmMetrics() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    @Override
    public HttpReply handle(HttpQuery query) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, registry.scrape());
        return new HttpReply(200, writer.getContentType(), out.toByteArray());
    }
}
