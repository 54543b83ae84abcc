package io.dm4j.worker.sync.apply;

import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.model.RowPoint;
import java.util.List;
import java.util.Objects;

/**
 * A row change on its way downstream, with the safe-mode flag it was dispatched with.
 *
 * @param lanePoint the change's place in the binlog when it runs on the {@link KeylessLane}, else null
 * @param keys      its {@link RowKeys#causalityKeys} when the dispatcher computed them already, else null
 */
public record QueuedChange(RowChange change, boolean safeMode, RowPoint lanePoint, List<String> keys) {
    public QueuedChange {
        Objects.requireNonNull(change, "change");
    }

    public QueuedChange(RowChange change, boolean safeMode, RowPoint lanePoint) {
        this(change, safeMode, lanePoint, null);
    }

    /** The causality keys, computed once. */
    List<String> causalityKeys() {
        return keys != null ? keys : RowKeys.causalityKeys(change);
    }

    public QueuedChange(RowChange change, boolean safeMode) {
        this(change, safeMode, null);
    }
}
