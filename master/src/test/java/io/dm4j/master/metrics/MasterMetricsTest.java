package io.dm4j.master.metrics;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.WorkerEntry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterMetricsTest {
    @Test
    void workerStateUsesDmNumbers() throws Exception {
        ClusterState state = new ClusterState(1,
                Map.of("bound-w", new WorkerEntry("bound-w", "h:1", 60), "free-w", new WorkerEntry("free-w", "h:2", 60),
                        "gone-w", new WorkerEntry("gone-w", "h:3", 60)),
                Map.of(), Map.of(), Map.of("mysql-01", "bound-w"), Map.of());
        MasterMetrics metrics = new MasterMetrics(() -> state, () -> Set.of("bound-w", "free-w"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.collect());
        String text = out.toString(StandardCharsets.UTF_8);

        assertTrue(text.contains("# TYPE dm_master_worker_state gauge"), text);
        assertTrue(text.contains("dm_master_worker_state{worker=\"bound-w\"} 2.0"), text);
        assertTrue(text.contains("dm_master_worker_state{worker=\"free-w\"} 1.0"), text);
        assertTrue(text.contains("dm_master_worker_state{worker=\"gone-w\"} 0.0"), text);
    }
}
