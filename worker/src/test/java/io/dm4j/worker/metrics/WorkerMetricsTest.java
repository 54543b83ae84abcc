package io.dm4j.worker.metrics;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.sync.SyncStatus;
import io.dm4j.worker.sync.apply.ApplyStats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerMetricsTest {
    private static SyncStatus sync(String master, String syncer, long behind) {
        return new SyncStatus(10, 0, 0, master, "", syncer, "", List.of(), List.of(), false, "remote", behind, "", "",
                7, 0, 0, 4, 2, 1, false, 0, 0);
    }

    private static String scrape(List<SubTaskSample> samples) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, WorkerMetrics.snapshots("worker1", samples));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void syncingSubtaskShowsStageLagPositionsAndJobCounters() throws IOException {
        SubTaskSample task = new SubTaskSample("orders", "mysql-01", Stage.RUNNING,
                sync("(mysql-bin.000012, 4711)", "(mysql-bin.000011, 916)", 3),
                new ApplyStats(4, 2, 1, 3, 2, 0, 5, 0, 0), List.of(2, 0));

        String text = scrape(List.of(task));

        assertTrue(text.contains("dm_worker_task_state{source_id=\"mysql-01\",task=\"orders\",worker=\"worker1\"} 2.0"), text);
        assertTrue(text.contains("dm_syncer_replication_lag_gauge{source_id=\"mysql-01\",task=\"orders\",worker=\"worker1\"} 3.0"), text);
        assertTrue(text.contains("dm_syncer_binlog_file{node=\"master\",source_id=\"mysql-01\",task=\"orders\"} 12.0"), text);
        assertTrue(text.contains("dm_syncer_binlog_pos{node=\"master\",source_id=\"mysql-01\",task=\"orders\"} 4711.0"), text);
        assertTrue(text.contains("dm_syncer_binlog_file{node=\"syncer\",source_id=\"mysql-01\",task=\"orders\"} 11.0"), text);
        assertTrue(text.contains("dm_syncer_binlog_pos{node=\"syncer\",source_id=\"mysql-01\",task=\"orders\"} 916.0"), text);
        assertTrue(text.contains("# TYPE dm_syncer_added_jobs_total counter"), text);
        assertTrue(text.contains("dm_syncer_added_jobs_total{source_id=\"mysql-01\",task=\"orders\",type=\"insert\",worker=\"worker1\"} 4.0"), text);
        assertTrue(text.contains("dm_syncer_added_jobs_total{source_id=\"mysql-01\",task=\"orders\",type=\"delete\",worker=\"worker1\"} 1.0"), text);
        assertTrue(text.contains("dm_syncer_finished_jobs_total{source_id=\"mysql-01\",task=\"orders\",type=\"insert\",worker=\"worker1\"} 3.0"), text);
        assertTrue(text.contains("dm_syncer_finished_jobs_total{source_id=\"mysql-01\",task=\"orders\",type=\"delete\",worker=\"worker1\"} 0.0"), text);
        assertTrue(text.contains("dm_syncer_queue_size{queue_id=\"q_0\",source_id=\"mysql-01\",task=\"orders\"} 2.0"), text);
        assertTrue(text.contains("dm_syncer_queue_size{queue_id=\"q_1\",source_id=\"mysql-01\",task=\"orders\"} 0.0"), text);
    }

    @Test
    void subtaskOutsideItsSyncUnitShowsOnlyItsStage() throws IOException {
        String text = scrape(List.of(new SubTaskSample("bulk", "mysql-02", Stage.PAUSED, null, null, List.of())));

        assertTrue(text.contains("dm_worker_task_state{source_id=\"mysql-02\",task=\"bulk\",worker=\"worker1\"} 3.0"), text);
        assertFalse(text.contains("dm_syncer_binlog_pos{"), text);
        assertFalse(text.contains("dm_syncer_added_jobs_total{"), text);
        assertFalse(text.contains("dm_syncer_queue_size{"), text);
    }

    @Test
    void unknownPositionIsLeftOut() throws IOException {
        SubTaskSample starting = new SubTaskSample("t", "s", Stage.RUNNING, sync("", "(mysql-bin.000003, 4)", 0), null,
                List.of());

        String text = scrape(List.of(starting));

        assertFalse(text.contains("node=\"master\""), text);
        assertTrue(text.contains("dm_syncer_binlog_file{node=\"syncer\",source_id=\"s\",task=\"t\"} 3.0"), text);
    }

    @Test
    void stagesUseDmNumbers() {
        assertEquals(0, WorkerMetrics.stageNumber(Stage.INVALID));
        assertEquals(1, WorkerMetrics.stageNumber(Stage.NEW));
        assertEquals(2, WorkerMetrics.stageNumber(Stage.RUNNING));
        assertEquals(3, WorkerMetrics.stageNumber(Stage.PAUSED));
        assertEquals(4, WorkerMetrics.stageNumber(Stage.STOPPED));
        assertEquals(5, WorkerMetrics.stageNumber(Stage.FINISHED));
        assertEquals(6, WorkerMetrics.stageNumber(Stage.PAUSING));
        assertEquals(7, WorkerMetrics.stageNumber(Stage.RESUMING));
        assertEquals(8, WorkerMetrics.stageNumber(Stage.STOPPING));
    }

    @Test
    void displayedPositionReadsBackWhatBinlogPositionShows() {
        BinlogPosition p = new BinlogPosition("mysql-bin.001000", 123456);

        assertEquals(Optional.of(p), DisplayedPosition.parse(p.toString()));
        assertEquals(Optional.empty(), DisplayedPosition.parse(""));
        assertEquals(Optional.empty(), DisplayedPosition.parse("(mysql-bin.000001, x)"));
    }
}
