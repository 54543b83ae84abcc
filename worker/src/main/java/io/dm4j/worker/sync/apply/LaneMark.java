package io.dm4j.worker.sync.apply;

import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.sync.model.RowPoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link KeylessLane} point of one batch: the statement that stores it, and whether it is already stored. */
final class LaneMark {
    private final KeylessLane lane;
    private final RowPoint last;

    private LaneMark(KeylessLane lane, RowPoint last) {
        this.lane = lane;
        this.last = last;
    }

    /** The mark of the batch's newest change; null when no change of the batch carries a point. */
    static LaneMark of(KeylessLane lane, List<QueuedChange> batch) {
        RowPoint last = null;
        for (QueuedChange c : batch) {
            if (c.lanePoint() != null && (last == null || c.lanePoint().compareTo(last) > 0)) {
                last = c.lanePoint();
            }
        }
        return last == null ? null : new LaneMark(lane, last);
    }

    /** The batch's statements followed by the one storing the point, so both commit in one transaction. */
    List<SqlStatement> appendTo(List<SqlStatement> statements) {
        List<SqlStatement> out = new ArrayList<>(statements.size() + 1);
        out.addAll(statements);
        out.add(lane.markApplied(last));
        return out;
    }

    /**
     * Whether the stored point has reached this batch: after an attempt failed (for example the connection broke
     * during COMMIT) this tells whether its transaction committed. When the point cannot be read, the attempt
     * failing will say so.
     */
    boolean committedEarlier() throws SQLException {
        Optional<RowPoint> stored = lane.applied();
        return stored.isPresent() && stored.get().compareTo(last) >= 0;
    }
}
