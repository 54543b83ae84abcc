package io.dm4j.worker.sync.operator;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.position.BinlogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending {@code binlog skip|replace|inject} operators of one subtask, shared by the worker's command handler
 * (which sets and reverts them) and the sync unit (which fires them). Every change is written through to the
 * {@link OperatorStore} before it is visible, so an operator survives a worker restart.
 *
 * <p>Exactly once: the sync unit removes an operator only after the checkpoint has moved past its event
 * ({@link #fired}). A crash before that replays the event from the older checkpoint, and the operator, still stored,
 * fires again on the replay, just as the original event would have been replayed. A crash after the checkpoint moved
 * but before the removal leaves an operator behind the checkpoint, which {@link #dropBehind} discards on the next
 * start.
 */
public final class BinlogOperators implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogOperators.class);

    private final String task;
    private final String sourceId;
    private final String subtask;
    private final OperatorStore store;
    private TreeMap<BinlogPosition, BinlogOperator> pending;
    private BinlogPosition failedAt;

    public BinlogOperators(String task, String sourceId, OperatorStore store) {
        this.task = task;
        this.sourceId = sourceId;
        this.subtask = task + "@" + sourceId;
        this.store = store;
    }

    /** Re-reads the stored operators (the sync unit's start). */
    public synchronized void reload() {
        pending = new TreeMap<>();
        for (BinlogOperator op : store.load()) {
            pending.put(op.position(), op);
        }
        if (!pending.isEmpty()) {
            LOG.info("subtask {}: {} pending binlog operators loaded from {}", subtask, pending.size(), store.describe());
        }
    }

    private TreeMap<BinlogPosition, BinlogOperator> pending() {
        if (pending == null) {
            reload();
        }
        return pending;
    }

    /**
     * Sets an operator at {@code position}, or at the event that failed when {@code position} is null; replaces one
     * already there.
     */
    public synchronized BinlogOperator set(BinlogOp op, BinlogPosition position, List<String> sqls) {
        BinlogPosition at = position != null ? position : failedAt;
        if (at == null) {
            throw BinlogOpErrors.NO_FAILED_EVENT.error(task, sourceId, op.label());
        }
        List<String> statements = SqlScript.split(sqls);
        if (op == BinlogOp.SKIP && !statements.isEmpty()) {
            throw BinlogOpErrors.BAD_REQUEST.error("skip", "skip takes no statements; use `binlog replace` to run others instead");
        }
        if (op != BinlogOp.SKIP && statements.isEmpty()) {
            throw BinlogOpErrors.BAD_REQUEST.error(op.label(), op.label() + " needs the statements to run, e.g. \"ALTER TABLE t ADD c INT\"");
        }
        BinlogOperator operator = new BinlogOperator(op, at, statements);
        store.put(operator);
        BinlogOperator old = pending().put(at, operator);
        LOG.info("subtask {}: binlog operator set: {}{}", subtask, operator.describe(),
                old == null ? "" : " (replaces " + old.describe() + ")");
        return operator;
    }

    /** Removes the operator at {@code position} (or at the failed event) before it fires. */
    public synchronized BinlogOperator revert(BinlogPosition position) {
        BinlogPosition at = position != null ? position : failedAt;
        BinlogOperator op = at == null ? null : pending().get(at);
        if (op == null) {
            throw BinlogOpErrors.NOT_PENDING.error(at == null ? "the failed event" : at.toString(), task, sourceId);
        }
        store.remove(at);
        pending().remove(at);
        LOG.info("subtask {}: binlog operator reverted: {}", subtask, op.describe());
        return op;
    }

    public synchronized List<BinlogOperator> list() {
        return new ArrayList<>(pending().values());
    }

    /** The operator for the event (or transaction) that starts at {@code start}, if any. */
    public synchronized Optional<BinlogOperator> at(BinlogPosition start) {
        return pending == null || pending.isEmpty() ? Optional.empty() : Optional.ofNullable(pending.get(start));
    }

    /** The operator has fired and the checkpoint is past its event: forget it. */
    public synchronized void fired(BinlogOperator op) {
        store.remove(op.position());
        pending().remove(op.position());
        if (op.position().equals(failedAt)) {
            failedAt = null;
        }
    }

    /** Discards operators before the checkpoint: their event is behind (it fired before a crash, or was passed). */
    public synchronized void dropBehind(BinlogPosition checkpoint) {
        for (BinlogOperator op : List.copyOf(pending().headMap(checkpoint, false).values())) {
            LOG.warn("subtask {}: binlog operator {} is behind the checkpoint {}: dropped", subtask, op.describe(), checkpoint);
            store.remove(op.position());
            pending.remove(op.position());
        }
    }

    /** Where the event (or transaction) that paused the subtask starts. */
    public synchronized void failedAt(BinlogPosition start) {
        failedAt = start;
    }

    public synchronized Optional<BinlogPosition> failedAt() {
        return Optional.ofNullable(failedAt);
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
