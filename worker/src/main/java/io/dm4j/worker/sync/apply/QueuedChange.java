package io.dm4j.worker.sync.apply;

import io.dm4j.worker.sync.model.RowChange;
import java.util.Objects;

/** A row change on its way downstream, with the safe-mode flag it was dispatched with. */
public record QueuedChange(RowChange change, boolean safeMode) {
    public QueuedChange {
        Objects.requireNonNull(change, "change");
    }
}
