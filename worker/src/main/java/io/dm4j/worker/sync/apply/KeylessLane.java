package io.dm4j.worker.sync.apply;

import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.sync.model.RowPoint;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the applier records how far the changes of tables without a usable key are applied. Those changes run on
 * one queue, in binlog order, and every downstream transaction of that queue also runs {@link #markApplied}, so the
 * stored point and the rows commit together: after a crash the replay skips exactly what is already there.
 */
public interface KeylessLane {

    /** The statement that stores {@code last} as the newest applied change; runs inside the rows' transaction. */
    SqlStatement markApplied(RowPoint last);

    /** The stored point, read afresh (after a failed COMMIT: it tells whether that commit happened). */
    Optional<RowPoint> applied() throws SQLException;
}
