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
    void syncUnitHistogramsCarryTheSubtaskLabels() throws Exception {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        SyncObserver observer = new SyncObserver(clock);
        io.dm4j.worker.db.SqlExecutor timed = observer.timed(statements -> { });
        timed.executeTransaction(List.of());
        timed.executeTransaction(List.of());
        now.addAndGet(3_000);
        observer.transactionEnd(1_000_000); // 3 s behind
        observer.transactionEnd(0); // no timestamp: counted, no lag observed
        observer.ddlExecuted(2_000_000);
        now.addAndGet(40_000);
        observer.checkpointFlushed(); // 43 s after the start
        SubTaskSample a = new SubTaskSample("orders", "mysql-01", Stage.RUNNING, sync("", "", 0), null, List.of(),
                observer, null, null, null, null);
        SubTaskSample b = new SubTaskSample("audit", "mysql-01", Stage.RUNNING, sync("", "", 0), null, List.of(),
                new SyncObserver(clock), null, null, null, null);

        String text = scrape(List.of(a, b));

        String orders = "source_id=\"mysql-01\",task=\"orders\",worker=\"worker1\"";
        assertTrue(text.contains("# TYPE dm_syncer_txn_duration_time histogram"), text);
        assertTrue(text.contains("dm_syncer_txn_duration_time_count{" + orders + "} 2"), text);
        assertTrue(text.contains("dm_syncer_query_duration_time_count{" + orders + "} 3"), text);
        assertTrue(text.contains("dm_syncer_stmt_duration_time_count{source_id=\"mysql-01\",task=\"orders\",type=\"ddl\",worker=\"worker1\"} 1"), text);
        assertTrue(text.contains("dm_syncer_replication_lag_bucket{" + orders + ",le=\"2.0\"} 0"), text);
        assertTrue(text.contains("dm_syncer_replication_lag_bucket{" + orders + ",le=\"4.0\"} 1"), text);
        assertTrue(text.contains("dm_syncer_replication_lag_sum{" + orders + "} 3.0"), text);
        assertTrue(text.contains("dm_syncer_flush_checkpoints_time_interval_bucket{" + orders + ",le=\"51.0\"} 1"), text);
        assertTrue(text.contains("dm_syncer_flush_checkpoints_time_interval_sum{" + orders + "} 43.0"), text);
        assertTrue(text.contains("dm_syncer_finished_transaction_total{" + orders + "} 2.0"), text);
        assertTrue(text.contains("dm_syncer_txn_duration_time_count{source_id=\"mysql-01\",task=\"audit\",worker=\"worker1\"} 0"), text);
        assertEquals(1, text.lines().filter(l -> l.equals("# TYPE dm_syncer_txn_duration_time histogram")).count(), text);
    }

    @Test
    void exitsWithErrorAreCountedPerUnitAndResumability() throws IOException {
        UnitExits exits = new UnitExits();
        exits.record(io.dm4j.worker.unit.UnitType.SYNC, false);
        exits.record(io.dm4j.worker.unit.UnitType.SYNC, false);
        exits.record(io.dm4j.worker.unit.UnitType.LOAD, true);

        String text = scrape(List.of(new SubTaskSample("t", "s", Stage.PAUSED, null, null, List.of(), null, exits,
                null, null, null)));

        assertTrue(text.contains("dm_syncer_exit_with_error_count{resumable_err=\"false\",source_id=\"s\",task=\"t\"} 2.0"), text);
        assertTrue(text.contains("dm_syncer_exit_with_error_count{resumable_err=\"true\",source_id=\"s\",task=\"t\"} 0.0"), text);
        assertTrue(text.contains("dm_loader_exit_with_error_count{resumable_err=\"true\",source_id=\"s\",task=\"t\"} 1.0"), text);
        assertTrue(text.contains("dm_dumpling_exit_with_error_count{resumable_err=\"false\",source_id=\"s\",task=\"t\"} 0.0"), text);
    }

    @Test
    void dumpAndLoadProgress() throws IOException {
        var dump = new io.dm4j.worker.dump.DumpStatus(4, 1, 2048, 300, 1200, 0, "25.00 %", "dumping", 8, 2, -1,
                "snapshot", -1, io.dm4j.worker.progress.TableProgressList.EMPTY);
        var load = new io.dm4j.worker.load.LoadStatus(250, 1000, "25.00 %", "(mysql-bin.000001, 4)", "", 0, "loading",
                6, 1, -1, io.dm4j.worker.progress.TableProgressList.EMPTY);

        String dumping = scrape(List.of(new SubTaskSample("d", "s", Stage.RUNNING, null, null, List.of(), null, null,
                dump, null, null)));
        String loading = scrape(List.of(new SubTaskSample("l", "s", Stage.RUNNING, null, null, List.of(), null, null,
                null, load, null)));

        assertTrue(dumping.contains("dumpling_dump_finished_size{source_id=\"s\",task=\"d\"} 2048.0"), dumping);
        assertTrue(dumping.contains("dumpling_dump_finished_rows{source_id=\"s\",task=\"d\"} 300.0"), dumping);
        assertTrue(dumping.contains("dumpling_dump_estimate_total_rows{source_id=\"s\",task=\"d\"} 1200.0"), dumping);
        assertTrue(dumping.contains("dumpling_dump_finished_tables{source_id=\"s\",task=\"d\"} 1.0"), dumping);
        assertFalse(dumping.contains("dm_loader_progress{"), dumping);
        assertTrue(loading.contains("dm_loader_progress{source_id=\"s\",task=\"l\"} 0.25"), loading);
        assertTrue(loading.contains("dm_loader_data_size_gauge{source_id=\"s\",task=\"l\"} 1000.0"), loading);
        assertTrue(loading.contains("dm_loader_data_file_gauge{source_id=\"s\",task=\"l\"} 6.0"), loading);
    }

    @Test
    void perTableProgress() throws IOException {
        var t = new io.dm4j.worker.sync.TableProgress.Applied(new io.dm4j.common.model.TableId("app", "orders"), 12,
                new BinlogPosition("mysql-bin.000007", 4711), 1_700_000_000_500L);
        String text = scrape(List.of(new SubTaskSample("t", "s", Stage.RUNNING, null, null, List.of(), null, null,
                null, null, List.of(t))));

        String labels = "{source_id=\"s\",table=\"" + t.table() + "\",task=\"t\"}";
        assertTrue(text.contains("dm_syncer_table_applied_rows_total" + labels + " 12.0"), text);
        assertTrue(text.contains("dm_syncer_table_applied_event_time_seconds" + labels + " 1.7000000005E9"), text);
        assertTrue(text.contains("dm_syncer_table_applied_binlog_file" + labels + " 7.0"), text);
        assertTrue(text.contains("dm_syncer_table_applied_binlog_pos" + labels + " 4711.0"), text);
    }

    @Test
    void relayHookIsServedWithTheRest() {
        var relay = io.prometheus.metrics.model.snapshots.GaugeSnapshot.builder().name("dm_relay_binlog_pos")
                .help("relay position").dataPoint(io.prometheus.metrics.model.snapshots.GaugeSnapshot
                        .GaugeDataPointSnapshot.builder().value(4).build()).build();
        WorkerMetrics m = new WorkerMetrics("w", List::of, () -> List.of(relay));

        assertTrue(m.collect().stream().anyMatch(s -> s.getMetadata().getName().equals("dm_relay_binlog_pos")));
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
