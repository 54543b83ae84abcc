package io.dm4j.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.worker.relay.RelayStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayMetricsTest {

    @Test
    void relayPositionsStageAndSpaceWithDmsNames(@TempDir Path dir) throws Exception {
        RelayStatus st = new RelayStatus("(up-bin.000007, 4096)", "0-1-42", "0-1.000001", "(up-bin.000006, 1200)",
                "0-1-40", false, "Running", "");
        String text = text(new MetricSnapshots(RelayMetrics.snapshots("mariadb-01", st, dir)));
        assertTrue(text.contains("dm_relay_binlog_file{node=\"master\",source_id=\"mariadb-01\"} 7.0"), text);
        assertTrue(text.contains("dm_relay_binlog_file{node=\"relay\",source_id=\"mariadb-01\"} 6.0"), text);
        assertTrue(text.contains("dm_relay_binlog_pos{node=\"master\",source_id=\"mariadb-01\"} 4096.0"), text);
        assertTrue(text.contains("dm_relay_binlog_pos{node=\"relay\",source_id=\"mariadb-01\"} 1200.0"), text);
        assertTrue(text.contains("dm_relay_stage{source_id=\"mariadb-01\"} 2.0"), text);
        assertTrue(text.contains("dm_relay_space{source_id=\"mariadb-01\",type=\"capacity\"}"), text);
        assertTrue(text.contains("dm_relay_space{source_id=\"mariadb-01\",type=\"available\"}"), text);
    }

    @Test
    void aWorkerWithoutRelayServesNoRelayFamilies() {
        assertEquals(List.of(), RelayMetrics.of(Optional::empty).get());
    }

    private static String text(MetricSnapshots s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, s);
        return out.toString(StandardCharsets.UTF_8);
    }
}
