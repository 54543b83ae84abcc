package io.dm4j.worker.sync.apply;

import io.dm4j.worker.db.FailedStatementException;
import io.dm4j.worker.db.SqlFailures;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A COMMIT that failed because the connection broke: the server may or may not have committed. Re-running the
 * transaction as it was could then apply it twice (an INSERT fails on its own row, an UPDATE that moves a key
 * cannot find it), so the retry writes every change idempotently, as safe mode does. A connection lost before the
 * COMMIT was sent rolls the transaction back on the server, and its retry keeps the mode it had.
 */
final class UnknownCommit {
    private UnknownCommit() {
    }

    /** Whether the failure leaves the transaction's outcome unknown. */
    static boolean is(SQLException e) {
        return e instanceof FailedStatementException f && f.statement() != null
                && "COMMIT".equalsIgnoreCase(f.statement().sql())
                && SqlFailures.classify(e) == SqlFailures.Kind.CONNECTION;
    }

    /** The same changes, each written in safe mode. */
    static List<QueuedChange> inSafeMode(List<QueuedChange> batch) {
        List<QueuedChange> out = new ArrayList<>(batch.size());
        for (QueuedChange qc : batch) {
            out.add(qc.safeMode() ? qc : new QueuedChange(qc.change(), true));
        }
        return out;
    }
}
