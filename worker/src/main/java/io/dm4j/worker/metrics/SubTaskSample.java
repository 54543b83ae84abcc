package io.dm4j.worker.metrics;

import io.dm4j.proto.message.Stage;
import io.dm4j.worker.subtask.SubTask;
import io.dm4j.worker.sync.SyncStatus;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.sync.apply.ApplyStats;

import java.util.List;
import java.util.Optional;

/**
 * What /metrics shows of one subtask, read from the state query-status already keeps.
 *
 * @param sync  the sync unit's status; null while the subtask is not in its sync unit
 * @param apply the sync unit's applier counters; null before the unit first started
 * @param queueLengths changes waiting in each of the applier's queues; empty without an applier
 */
public record SubTaskSample(String task, String sourceId, Stage stage, SyncStatus sync, ApplyStats apply,
                            List<Integer> queueLengths) {
    public SubTaskSample {
        queueLengths = queueLengths == null ? List.of() : List.copyOf(queueLengths);
    }

    public static SubTaskSample of(SubTask subTask) {
        Optional<SyncUnit> sync = subTask.currentUnit(SyncUnit.class);
        return new SubTaskSample(subTask.name(), subTask.sourceId(), subTask.stage(),
                sync.map(SyncUnit::status).orElse(null), sync.map(SyncUnit::applyStats).orElse(null),
                sync.map(SyncUnit::applyQueueLengths).orElse(List.of()));
    }
}
