package io.dm4j.worker.metrics;

import static io.dm4j.worker.metrics.Families.count;
import static io.dm4j.worker.metrics.Families.counter;
import static io.dm4j.worker.metrics.Families.gauge;
import static io.dm4j.worker.metrics.Families.point;

import io.dm4j.worker.dump.DumpStatus;
import io.dm4j.worker.load.LoadStatus;
import io.dm4j.worker.sync.TableProgress;
import io.dm4j.worker.unit.UnitType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The families of the units beyond the sync unit's positions and counters: exits with error (all units), dump and
 * load progress, per-table applied progress, and the sync unit's histograms.
 */
final class UnitFamilies {
    private static final UnitType[] EXIT_UNITS = {UnitType.DUMP, UnitType.LOAD, UnitType.SYNC};

    /**
     * DM's exit counters have no {@code _total} suffix, which the client library adds to every counter; they are
     * served as gauges under DM's exact name (the value only grows while the subtask exists).
     */
    private final GaugeSnapshot.Builder[] exits = {
            exitCounter("dm_dumpling_exit_with_error_count", "dump"),
            exitCounter("dm_loader_exit_with_error_count", "load"),
            exitCounter("dm_syncer_exit_with_error_count", "sync")};
    private final GaugeSnapshot.Builder loadProgress = gauge("dm_loader_progress",
            "share of the dump files' bytes loaded, 0 to 1");
    private final GaugeSnapshot.Builder loadSize = gauge("dm_loader_data_size_gauge", "bytes of dump files to load in total");
    private final GaugeSnapshot.Builder loadFiles = gauge("dm_loader_data_file_gauge", "dump files to load in total");
    private final GaugeSnapshot.Builder dumpSize = gauge("dumpling_dump_finished_size",
            "bytes of data files the dump has written");
    private final GaugeSnapshot.Builder dumpRows = gauge("dumpling_dump_finished_rows", "rows the dump has written");
    private final GaugeSnapshot.Builder dumpEstimate = gauge("dumpling_dump_estimate_total_rows",
            "rows the dump expects to write (from table statistics)");
    private final GaugeSnapshot.Builder dumpTables = gauge("dumpling_dump_finished_tables", "tables the dump has finished");
    private final CounterSnapshot.Builder tableRows = counter("dm_syncer_table_applied_rows",
            "row changes of an upstream table committed downstream since the sync unit started");
    private final GaugeSnapshot.Builder tableTime = gauge("dm_syncer_table_applied_event_time_seconds",
            "binlog event time (Unix seconds) of the last applied change of an upstream table");
    private final GaugeSnapshot.Builder tableFile = gauge("dm_syncer_table_applied_binlog_file",
            "binlog file index of the last applied change of an upstream table");
    private final GaugeSnapshot.Builder tablePos = gauge("dm_syncer_table_applied_binlog_pos",
            "binlog offset of the last applied change of an upstream table");
    private final Relabeled histograms = new Relabeled();

    private static GaugeSnapshot.Builder exitCounter(String name, String unit) {
        return gauge(name, "times the " + unit + " unit stopped with an error (resumable_err: whether auto-resume may "
                + "retry it)");
    }

    /**
     * @param taskSource {@code task}, {@code source_id}
     * @param taskWorker {@code task}, {@code source_id}, {@code worker}
     */
    void add(SubTaskSample s, Labels taskSource, Labels taskWorker) {
        for (int i = 0; i < EXIT_UNITS.length; i++) {
            for (boolean resumable : new boolean[] {true, false}) {
                exits[i].dataPoint(point(taskSource.add("resumable_err", String.valueOf(resumable)),
                        s.exits().count(EXIT_UNITS[i], resumable)));
            }
        }
        for (TableProgress.Applied t : s.tables()) {
            Labels table = taskSource.add("table", t.table().toString());
            tableRows.dataPoint(count(table, t.rows()));
            tableTime.dataPoint(point(table, t.eventTimeMillis() / 1000.0));
            tableFile.dataPoint(point(table, t.position().fileIndex()));
            tablePos.dataPoint(point(table, t.position().pos()));
        }
        if (s.observer() != null) {
            histograms.add(s.observer().collect(), taskWorker);
        }
        LoadStatus load = s.load();
        if (load != null) {
            loadProgress.dataPoint(point(taskSource, load.totalBytes() <= 0 ? 0
                    : Math.min(1.0, (double) load.finishedBytes() / load.totalBytes())));
            loadSize.dataPoint(point(taskSource, load.totalBytes()));
            loadFiles.dataPoint(point(taskSource, load.totalFiles()));
        }
        DumpStatus dump = s.dump();
        if (dump != null) {
            dumpSize.dataPoint(point(taskSource, dump.finishedBytes()));
            dumpRows.dataPoint(point(taskSource, dump.finishedRows()));
            dumpEstimate.dataPoint(point(taskSource, dump.estimateTotalRows()));
            dumpTables.dataPoint(point(taskSource, dump.completedTables()));
        }
    }

    List<MetricSnapshot> build() {
        List<MetricSnapshot> out = new ArrayList<>(List.of(loadProgress.build(), loadSize.build(), loadFiles.build(),
                dumpSize.build(), dumpRows.build(), dumpEstimate.build(), dumpTables.build(), tableRows.build(),
                tableTime.build(), tableFile.build(), tablePos.build()));
        for (GaugeSnapshot.Builder e : exits) {
            out.add(e.build());
        }
        out.addAll(histograms.snapshots());
        return out;
    }
}
