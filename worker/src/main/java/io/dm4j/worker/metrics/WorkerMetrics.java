package io.dm4j.worker.metrics;

import static io.dm4j.worker.metrics.Families.count;
import static io.dm4j.worker.metrics.Families.point;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.server.Worker;
import io.dm4j.worker.sync.SyncStatus;
import io.dm4j.worker.sync.apply.ApplyStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The worker's DM metrics, with DM's names and labels, computed at scrape time from the subtasks' status (nothing
 * is counted per event for them):
 * <ul>
 *   <li>{@code dm_worker_task_state{task,source_id,worker}}: the subtask's stage as DM numbers it</li>
 *   <li>{@code dm_syncer_replication_lag_gauge{task,source_id,worker}}: seconds behind the upstream</li>
 *   <li>{@code dm_syncer_remaining_time{task,source_id,worker}}: seconds to catch up ({@link RemainingTime})</li>
 *   <li>{@code dm_syncer_binlog_file} / {@code dm_syncer_binlog_pos{node=master|syncer,task,source_id}}: the
 *       upstream's newest position and the applied one (file as its numeric suffix)</li>
 *   <li>{@code dm_syncer_added_jobs_total} / {@code dm_syncer_finished_jobs_total{type,task,source_id,worker}}:
 *       row changes handed to the applier / committed downstream, by {@code type} insert, update, delete</li>
 *   <li>{@code dm_syncer_queue_size{task,queue_id,source_id}}: changes waiting in each apply queue
 *       ({@code q_0} ... as DM names them)</li>
 *   <li>the sync unit's histograms ({@link SyncObserver}): {@code dm_syncer_txn_duration_time},
 *       {@code dm_syncer_query_duration_time}, {@code dm_syncer_stmt_duration_time{type}},
 *       {@code dm_syncer_replication_lag}, {@code dm_syncer_flush_checkpoints_time_interval},
 *       {@code dm_syncer_finished_transaction_total}, {@code dm_syncer_read_binlog_duration},
 *       {@code dm_syncer_binlog_transform_cost{stage}}, {@code dm_syncer_conflict_detect_duration}, each with
 *       {@code task,source_id,worker}</li>
 *   <li>{@code dm_syncer|loader|dumpling_exit_with_error_count{task,source_id,resumable_err}} ({@link UnitExits})</li>
 *   <li>load progress: {@code dm_loader_progress} (0..1), {@code dm_loader_data_size_gauge} (bytes),
 *       {@code dm_loader_data_file_gauge}; dump progress with dumpling's names: {@code dumpling_dump_finished_size},
 *       {@code dumpling_dump_finished_rows}, {@code dumpling_dump_estimate_total_rows},
 *       {@code dumpling_dump_finished_tables}, each with {@code task,source_id}</li>
 *   <li>per upstream table (dm4j's own, {@code task,source_id,table}): {@code dm_syncer_table_applied_rows_total},
 *       {@code dm_syncer_table_applied_event_time_seconds} (Unix time), {@code dm_syncer_table_applied_binlog_file}
 *       and {@code dm_syncer_table_applied_binlog_pos}</li>
 * </ul>
 *
 * <p>Relay metrics ({@code dm_relay_*}): {@link RelayMetrics}, through the third constructor argument.
 */
public final class WorkerMetrics implements MultiCollector {
    private final String worker;
    private final Supplier<List<SubTaskSample>> samples;
    private final Supplier<List<MetricSnapshot>> relay;

    public WorkerMetrics(String worker, Supplier<List<SubTaskSample>> samples) {
        this(worker, samples, List::of);
    }

    /**
     * @param relay the relay unit's metric families ({@link RelayMetrics}; empty without a relay), collected at
     *              scrape time like the rest
     */
    public WorkerMetrics(String worker, Supplier<List<SubTaskSample>> samples, Supplier<List<MetricSnapshot>> relay) {
        this.worker = worker;
        this.samples = samples;
        this.relay = relay;
    }

    public static WorkerMetrics of(Worker w) {
        return new WorkerMetrics(w.name(), () -> w.subTasks().stream().map(SubTaskSample::of).toList(),
                RelayMetrics.of(w::relay));
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> all = new ArrayList<>();
        snapshots(worker, samples.get()).forEach(all::add);
        all.addAll(relay.get());
        return new MetricSnapshots(all);
    }

    /** DM's number of a stage (its protobuf enum: InvalidStage 0, New 1, Running 2 ... Stopping 8). */
    static int stageNumber(Stage stage) {
        return switch (stage) {
            case INVALID -> 0;
            case NEW -> 1;
            case RUNNING -> 2;
            case PAUSED -> 3;
            case STOPPED -> 4;
            case FINISHED -> 5;
            case PAUSING -> 6;
            case RESUMING -> 7;
            case STOPPING -> 8;
        };
    }

    static MetricSnapshots snapshots(String worker, List<SubTaskSample> samples) {
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("dm_worker_task_state")
                .help("state of a subtask: 0 invalid, 1 new, 2 running, 3 paused, 4 stopped, 5 finished, "
                        + "6 pausing, 7 resuming, 8 stopping");
        GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name("dm_syncer_replication_lag_gauge")
                .help("seconds between now and the timestamp of the last applied binlog event; 0 when synced");
        GaugeSnapshot.Builder remaining = GaugeSnapshot.builder().name("dm_syncer_remaining_time")
                .help("seconds until the applied position reaches the upstream's, at the rate it advanced since the last "
                        + "scrape; absent while unknown (positions in different binlog files, or no rate yet)");
        GaugeSnapshot.Builder file = GaugeSnapshot.builder().name("dm_syncer_binlog_file")
                .help("binlog file index (numeric suffix) of the upstream (node=master) and of the applied "
                        + "position (node=syncer)");
        GaugeSnapshot.Builder pos = GaugeSnapshot.builder().name("dm_syncer_binlog_pos")
                .help("binlog offset of the upstream (node=master) and of the applied position (node=syncer)");
        CounterSnapshot.Builder added = CounterSnapshot.builder().name("dm_syncer_added_jobs")
                .help("row changes handed to the downstream applier, by type");
        CounterSnapshot.Builder finished = CounterSnapshot.builder().name("dm_syncer_finished_jobs")
                .help("row changes committed downstream, by type");
        GaugeSnapshot.Builder queues = GaugeSnapshot.builder().name("dm_syncer_queue_size")
                .help("row changes waiting in each apply queue (the last one holds tables without a usable key)");
        UnitFamilies units = new UnitFamilies();
        for (SubTaskSample s : samples) {
            Labels task = Labels.of("task", s.task(), "source_id", s.sourceId(), "worker", worker);
            Labels taskSource = Labels.of("task", s.task(), "source_id", s.sourceId());
            units.add(s, taskSource, task);
            state.dataPoint(point(task, stageNumber(s.stage())));
            SyncStatus sync = s.sync();
            if (sync != null) {
                lag.dataPoint(point(task, sync.secondsBehindMaster()));
                if (s.observer() != null) {
                    s.observer().remainingSeconds(sync.masterBinlog(), sync.syncerBinlog())
                            .ifPresent(v -> remaining.dataPoint(point(task, v)));
                }
                position(file, pos, "master", sync.masterBinlog(), s);
                position(file, pos, "syncer", sync.syncerBinlog(), s);
            }
            for (int i = 0; i < s.queueLengths().size(); i++) {
                queues.dataPoint(point(Labels.of("task", s.task(), "queue_id", "q_" + i, "source_id", s.sourceId()),
                        s.queueLengths().get(i)));
            }
            ApplyStats apply = s.apply();
            if (apply != null) {
                added.dataPoint(count(task.add("type", "insert"), apply.totalInsert()));
                added.dataPoint(count(task.add("type", "update"), apply.totalUpdate()));
                added.dataPoint(count(task.add("type", "delete"), apply.totalDelete()));
                finished.dataPoint(count(task.add("type", "insert"), apply.appliedInsert()));
                finished.dataPoint(count(task.add("type", "update"), apply.appliedUpdate()));
                finished.dataPoint(count(task.add("type", "delete"), apply.appliedDelete()));
            }
        }
        List<MetricSnapshot> all = new ArrayList<>(List.of(state.build(), lag.build(), remaining.build(), file.build(), pos.build(),
                added.build(), finished.build(), queues.build()));
        all.addAll(units.build());
        return new MetricSnapshots(all);
    }

    private static void position(GaugeSnapshot.Builder file, GaugeSnapshot.Builder pos, String node, String shown,
                                 SubTaskSample s) {
        BinlogPosition p = DisplayedPosition.parse(shown).orElse(null);
        if (p == null) {
            return;
        }
        Labels labels = Labels.of("node", node, "task", s.task(), "source_id", s.sourceId());
        file.dataPoint(point(labels, p.fileIndex()));
        pos.dataPoint(point(labels, p.pos()));
    }
}
