package io.dm4j.worker.sync;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.operator.BinlogOp;
import io.dm4j.worker.sync.operator.BinlogOperator;
import io.dm4j.worker.sync.operator.BinlogOperators;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code binlog skip|replace|inject} for row transactions, and finding which transaction the downstream rejected.
 *
 * <p>An operator for rows is set at the transaction's first event (its GTID or BEGIN event). Skip and replace drop
 * the transaction's rows (each is logged); replace runs its statements in one downstream transaction at the
 * transaction's end; inject runs them before the transaction's rows.
 *
 * <p>The applier commits batches that mix transactions, so its failure does not tell which transaction was rejected.
 * The sync unit then replays from the checkpoint {@linkplain #isolate(Location) one transaction at a time} up to
 * where it had dispatched, waiting for each to commit, and reports the first rejected one with its start position.
 */
final class TransactionOperators {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionOperators.class);

    /** Runs an operator's statements downstream once every queued change is committed. */
    interface StatementRunner {
        void run(BinlogOperator op);
    }

    private final String task;
    private final BinlogOperators operators;
    private final StatementRunner runner;
    private BinlogPosition txnStart;
    private BinlogOperator firing;
    private boolean rowsInTransaction;
    private Location isolateUntil;

    TransactionOperators(String task, BinlogOperators operators, StatementRunner runner) {
        this.task = task;
        this.operators = operators;
        this.runner = runner;
    }

    /** A new run starts at a transaction boundary. */
    void restart() {
        txnStart = null;
        firing = null;
        rowsInTransaction = false;
    }

    /** A GTID or BEGIN event at {@code start}: a transaction starts there unless one is already open. */
    void begin(BinlogPosition start) {
        if (txnStart != null) {
            return;
        }
        txnStart = start;
        firing = operators.at(start).orElse(null);
        if (firing != null) {
            LOG.info("task {}: binlog operator {} fires on the transaction at {}", task, firing.describe(), start);
            if (firing.op() == BinlogOp.INJECT) {
                runner.run(firing);
            }
        }
    }

    /** Whether the rows of the current transaction are dropped (skip, replace). */
    boolean dropping() {
        return firing != null && firing.op() != BinlogOp.INJECT;
    }

    /** Logs the rows a skip or replace drops; rows that cannot be decoded are named by their event only. */
    void logDropped(Supplier<List<RowChange>> rows, Location at) {
        List<RowChange> changes;
        try {
            changes = rows.get();
        } catch (RuntimeException e) {
            LOG.info("task {}: binlog {} at {} drops the rows event ending at {} (not decodable: {})", task, firing.op().label(),
                    firing.positionArg(), at, e.getMessage());
            return;
        }
        for (RowChange c : changes) {
            LOG.info("task {}: binlog {} at {} drops {} {} before {} after {}", task, firing.op().label(), firing.positionArg(),
                    c.type(), c.source(), Arrays.toString(c.before()), Arrays.toString(c.after()));
        }
    }

    /** Rows of the current transaction were handed to the applier. */
    void applying() {
        rowsInTransaction = true;
    }

    /** A rows event of the current transaction cannot be decoded: {@code binlog skip} without -b drops the transaction. */
    DmException undecodable(DmException e) {
        if (txnStart == null) {
            return e;
        }
        operators.failedAt(txnStart);
        return e.withWorkaround(e.workaround() + " Or drop the whole transaction with `binlog skip " + task + " -b "
                + txnStart.file() + ":" + txnStart.pos() + "`.");
    }

    /**
     * The transaction ends (before its end becomes the checkpoint candidate): a replacement runs now. Returns the
     * operator that fired, which the caller forgets once the checkpoint is stored past it; null when none did.
     */
    BinlogOperator end() {
        BinlogOperator fired = firing;
        if (fired != null && fired.op() == BinlogOp.REPLACE) {
            runner.run(fired);
        }
        txnStart = null;
        firing = null;
        rowsInTransaction = false;
        return fired;
    }

    /** Whether the transaction now ending must be committed before the next one is read (isolating a failure). */
    boolean mustCommitEachTransaction() {
        return isolateUntil != null && rowsInTransaction;
    }

    /** Replays up to {@code until} one transaction at a time; false when already doing so (the failure is reported). */
    boolean isolate(Location until) {
        if (isolateUntil != null || until == null) {
            return false;
        }
        isolateUntil = until;
        LOG.warn("task {}: the downstream rejected a batch of rows; replaying from the checkpoint one transaction at a time"
                + " up to {} to find the rejected transaction", task, until);
        return true;
    }

    /** The stream is at {@code at}: isolation ends once past the point the failed run had reached. */
    void passed(Location at) {
        if (isolateUntil != null && at.position().compareTo(isolateUntil.position()) > 0) {
            LOG.info("task {}: one-transaction-at-a-time replay passed {} without a rejection (safe mode rewrote the rows)",
                    task, isolateUntil);
            isolateUntil = null;
        }
    }

    /** After a failure has been reported: the next run batches again until a new failure. */
    void stopIsolating() {
        isolateUntil = null;
    }

    /** An applier failure while isolating, named by its transaction; other errors unchanged. */
    DmException rejected(DmException e, Location end) {
        if (isolateUntil == null || txnStart == null) {
            return e;
        }
        operators.failedAt(txnStart);
        String pos = txnStart.file() + ":" + txnStart.pos();
        return BinlogOpErrors.DML_REJECTED.wrap(e, txnStart, end == null ? "" : end.gtidText(), e.getMessage())
                .withWorkaround("Fix the downstream and run `resume-task " + task + "`; or `binlog skip " + task + " -b " + pos
                        + "` to drop the whole transaction, or `binlog replace " + task + " -b " + pos
                        + " \"SQL; ...\"` to run these statements instead of it (its rows are logged when it fires).");
    }
}
