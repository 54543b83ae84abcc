package io.dm4j.worker.metrics;

import io.dm4j.proto.message.Stage;
import io.dm4j.worker.dump.DumpStatus;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.load.LoadStatus;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.subtask.SubTask;
import io.dm4j.worker.sync.SyncStatus;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.sync.TableProgress;
import io.dm4j.worker.sync.apply.ApplyStats;

import java.util.List;
import java.util.Optional;

/**
 * What /metrics shows of one subtask, read from the state query-status already keeps.
 *
 * @param sync  the sync unit's status; null while the subtask is not in its sync unit
 * @param apply the sync unit's applier counters; null before the unit first started
 * @param queueLengths changes waiting in each of the applier's queues; empty without an applier
 * @param observer     the sync unit's histograms; null while the subtask is not in its sync unit
 * @param exits        how often each unit stopped with an error
 * @param dump         the dump unit's status; null while the subtask is not dumping
 * @param load         the load unit's status; null while the subtask is not loading
 * @param tables       per upstream table: rows applied, last applied position and event time (sync unit only)
 */
public record SubTaskSample(String task, String sourceId, Stage stage, SyncStatus sync, ApplyStats apply,
                            List<Integer> queueLengths, SyncObserver observer, UnitExits exits, DumpStatus dump,
                            LoadStatus load, List<TableProgress.Applied> tables) {
    public SubTaskSample {
        queueLengths = queueLengths == null ? List.of() : List.copyOf(queueLengths);
        tables = tables == null ? List.of() : List.copyOf(tables);
        exits = exits == null ? new UnitExits() : exits;
    }

    /** A sample of a subtask in its sync unit (or in none), without dump, load or histograms. */
    public SubTaskSample(String task, String sourceId, Stage stage, SyncStatus sync, ApplyStats apply,
                         List<Integer> queueLengths) {
        this(task, sourceId, stage, sync, apply, queueLengths, null, null, null, null, List.of());
    }

    public static SubTaskSample of(SubTask subTask) {
        Optional<SyncUnit> sync = subTask.currentUnit(SyncUnit.class);
        return new SubTaskSample(subTask.name(), subTask.sourceId(), subTask.stage(),
                sync.map(SyncUnit::status).orElse(null), sync.map(SyncUnit::applyStats).orElse(null),
                sync.map(SyncUnit::applyQueueLengths).orElse(List.of()), sync.map(SyncUnit::observer).orElse(null),
                subTask.exits(), subTask.currentUnit(DumpUnit.class).map(DumpUnit::status).orElse(null),
                subTask.currentUnit(LoadUnit.class).map(LoadUnit::status).orElse(null),
                sync.map(SyncUnit::tableProgress).orElse(List.of()));
    }
}
