package io.dm4j.worker.sync.model;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.GtidSet;
import java.util.Objects;

/**
 * The exact place of one row change in the upstream binlog: the end position of its rows event and its index among
 * the changes that event produced, and with GTIDs also the transaction it belongs to (the GTID set executed before
 * it) and its index among that transaction's changes. Orders changes the way the binlog does, so "applied up to
 * here" is exact even inside an event.
 *
 * <p>When both points carry GTID sets they are ordered by the sets, and within one transaction by the index in it:
 * that order holds on any server with the same GTID history, so a point stored while reading one server still says
 * what is applied after the task switched to another (file and position differ there). Without sets, or for sets
 * neither of which contains the other, file and position decide.
 *
 * @param event         where the rows event ends (the stream's location after it)
 * @param row           index of the change among the event's changes, from 0
 * @param transaction   the GTID set executed before the change's transaction; null without GTIDs
 * @param inTransaction index of the change among the changes of its transaction, from 0
 */
public record RowPoint(BinlogPosition event, int row, GtidSet transaction, int inTransaction)
        implements Comparable<RowPoint> {

    public RowPoint {
        Objects.requireNonNull(event, "event");
        if (row < 0 || inTransaction < 0) {
            throw new IllegalArgumentException("row index must not be negative: " + row + ", " + inTransaction);
        }
    }

    /** A point without GTIDs. */
    public RowPoint(BinlogPosition event, int row) {
        this(event, row, null, 0);
    }

    @Override
    public int compareTo(RowPoint o) {
        if (transaction != null && o.transaction != null && transaction.flavor() == o.transaction.flavor()) {
            boolean mineHasTheirs = transaction.contains(o.transaction);
            boolean theirsHasMine = o.transaction.contains(transaction);
            if (mineHasTheirs && theirsHasMine) {
                return Integer.compare(inTransaction, o.inTransaction);
            }
            if (mineHasTheirs) {
                return 1;
            }
            if (theirsHasMine) {
                return -1;
            }
        }
        int c = event.compareTo(o.event);
        return c != 0 ? c : Integer.compare(row, o.row);
    }

    @Override
    public String toString() {
        return event + "#" + row + (transaction == null ? "" : " [" + transaction + "]#" + inTransaction);
    }
}
