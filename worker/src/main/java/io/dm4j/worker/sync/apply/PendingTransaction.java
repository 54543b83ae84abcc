package io.dm4j.worker.sync.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes of the upstream transaction the dispatcher is reading, held until its end so that the whole
 * transaction goes to one queue and commits downstream in one transaction (so that {@code binlog skip} or
 * {@code replace} of a rejected transaction leaves none of its rows behind); with split-transactions its changes
 * are then placed one by one. Not thread-safe: the applier's dispatcher owns it.
 */
final class PendingTransaction {
    private final List<QueuedChange> changes = new ArrayList<>();
    /** Causality keys of the changes of tables with a key, each once, in first-seen order. */
    private final Set<String> keys = new LinkedHashSet<>();
    private long bytes;
    private boolean keyless;

    /** @param changeKeys the change's causality keys; empty for a change of the keyless lane */
    void add(QueuedChange change, List<String> changeKeys, long changeBytes) {
        changes.add(change);
        keys.addAll(changeKeys);
        bytes += changeBytes;
        keyless |= change.lanePoint() != null;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Whether a change of a table without a usable key is part of it (it then runs on the keyless lane). */
    boolean hasKeyless() {
        return keyless;
    }

    /** Whether a change of a table with a key is part of it. */
    boolean hasKeyed() {
        return !keys.isEmpty();
    }

    List<String> keys() {
        return List.copyOf(keys);
    }

    /** The changes, in order; the transaction is empty afterwards. */
    List<QueuedChange> take() {
        List<QueuedChange> out = List.copyOf(changes);
        changes.clear();
        keys.clear();
        bytes = 0;
        keyless = false;
        return out;
    }
}
