package io.dm4j.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.RelayErrors;
import io.dm4j.worker.relay.RelayStatus;
import io.prometheus.metrics.model.snapshots.Labels;
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
    void writesReadsAndErrorsTheRelayMeasuredWithDmsNamesAndBuckets() throws Exception {
        RelayObserver o = new RelayObserver();
        o.written(300, 2_000_000); // 300 bytes in 2 ms
        o.written(20, 3_000); // 20 bytes in 3 µs
        o.read(40_000);
        o.readFailures(2);
        o.exited(RelayErrors.WRITE.wrap(new java.io.IOException("No space left on device"), "/relay/f", "no space"));
        o.exited(RelayErrors.CORRUPT.error("/relay/f", 120L, "checksum"));
        o.exited(RelayErrors.UPSTREAM_READ.wrap(new java.sql.SQLException("gone"), "up:3306", "gone"));
        String text = text(new MetricSnapshots(o.collect(Labels.of("source_id", "mysql-01"))));
        String src = "source_id=\"mysql-01\"";
        // DM's buckets: sizes 16 B doubling 20 times, durations 5 µs doubling 25 times
        assertTrue(text.contains("dm_relay_write_size_bucket{" + src + ",le=\"16.0\"} 0"), text);
        assertTrue(text.contains("dm_relay_write_size_bucket{" + src + ",le=\"32.0\"} 1"), text);
        assertTrue(text.contains("dm_relay_write_size_bucket{" + src + ",le=\"256.0\"} 1"), text);
        assertTrue(text.contains("dm_relay_write_size_bucket{" + src + ",le=\"512.0\"} 2"), text);
        assertTrue(text.contains("dm_relay_write_size_bucket{" + src + ",le=\"8388608.0\"} 2"), text);
        assertTrue(text.contains("dm_relay_write_size_sum{" + src + "} 320.0"), text);
        assertTrue(text.contains("dm_relay_write_duration_bucket{" + src + ",le=\"5.0E-6\"} 1"), text);
        assertTrue(text.contains("dm_relay_write_duration_bucket{" + src + ",le=\"0.00128\"} 1"), text);
        assertTrue(text.contains("dm_relay_write_duration_bucket{" + src + ",le=\"0.00256\"} 2"), text);
        assertTrue(text.contains("dm_relay_write_duration_bucket{" + src + ",le=\"83.88608\"} 2"), text);
        assertTrue(text.contains("dm_relay_read_binlog_duration_bucket{" + src + ",le=\"4.0E-5\"} 1"), text);
        assertTrue(text.contains("dm_relay_read_binlog_duration_bucket{" + src + ",le=\"2.0E-5\"} 0"), text);
        // DM's counters keep their names (no _total): two reconnects and the read that paused the relay; the write
        // and upstream errors are retryable (resume-relay), a damaged relay file is not
        assertTrue(text.contains("dm_relay_read_error_count{" + src + "} 3.0"), text);
        assertTrue(text.contains("dm_relay_write_error_count{" + src + "} 1.0"), text);
        assertTrue(text.contains("dm_relay_data_corruption{" + src + "} 1.0"), text);
        assertTrue(text.contains("dm_relay_exit_with_error_count{resumable_err=\"true\"," + src + "} 2.0"), text);
        assertTrue(text.contains("dm_relay_exit_with_error_count{resumable_err=\"false\"," + src + "} 1.0"), text);
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
