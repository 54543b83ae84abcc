package io.dm4j.worker.sync;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.sync.model.RowChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per upstream table: row changes applied downstream, and the binlog position and event time of the last rows
 * event applied. Recorded once per rows event as it is dispatched (never per row), and counted as applied only
 * once the applier has nothing pending — after a checkpoint flush drained it, or when read while nothing is
 * pending — so what it shows never runs ahead of the downstream.
 */
public final class TableProgress {
    /** What one table has applied. */
    public record Applied(TableId table, long rows, BinlogPosition position, long eventTimeMillis) {
    }

    private final Map<TableId, Applied> applied = new HashMap<>();
    private final Map<TableId, Applied> pending = new HashMap<>();

    /**
     * The changes of one rows event (one table) or of an XA transaction's decision (possibly several) were handed
     * to the applier.
     */
    synchronized void dispatched(List<RowChange> changes, BinlogPosition at, long eventTimeMillis) {
        int from = 0;
        for (int i = 1; i <= changes.size(); i++) {
            if (i == changes.size() || !changes.get(i).source().equals(changes.get(from).source())) {
                dispatched(changes.get(from).source(), i - from, at, eventTimeMillis);
                from = i;
            }
        }
    }

    private void dispatched(TableId table, int rows, BinlogPosition at, long eventTimeMillis) {
        Applied p = pending.get(table);
        pending.put(table, new Applied(table, (p == null ? 0 : p.rows()) + rows, at, eventTimeMillis));
    }

    /** Everything dispatched so far is committed downstream (called right after the applier drained). */
    synchronized void allApplied() {
        pending.forEach((t, p) -> {
            Applied a = applied.get(t);
            applied.put(t, new Applied(t, (a == null ? 0 : a.rows()) + p.rows(), p.position(), p.eventTimeMillis()));
        });
        pending.clear();
    }

    /** A new run starts from the checkpoint: what the last run dispatched without draining it is replayed. */
    synchronized void dropPending() {
        pending.clear();
    }

    /**
     * The tables' applied progress; {@code pendingRows} (the applier's uncommitted changes, read under this lock
     * after any dispatch recorded here was submitted) lets a read with nothing pending count everything as applied.
     */
    public synchronized List<Applied> snapshot(LongSupplier pendingRows) {
        if (!pending.isEmpty() && pendingRows.getAsLong() == 0) {
            allApplied();
        }
        return List.copyOf(applied.values());
    }
}
