package io.dm4j.worker.sync;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;

/**
 * The safe-mode exit mark pushed ahead of the dispatched changes during a run, so that after a crash the replay in
 * safe mode covers every change that may be downstream. Without GTIDs it is a binlog position {@code stride} bytes
 * ahead in the same file. With a GTID set it is also that set plus the next {@link #TRANSACTIONS} transactions of
 * each source: the set, not the position, then decides (see {@link Location#compareTo}), so the mark still bounds the
 * replay when the task restarts on another server with the same GTID history, where positions differ.
 */
final class SafeMark {
    /** How many transactions past the dispatched one a GTID mark covers (one mark write per that many). */
    static final long TRANSACTIONS = 1000;

    private SafeMark() {
    }

    /** Whether a change at {@code at} is covered by {@code mark}: no new mark is needed before dispatching it. */
    static boolean covers(Location mark, Location at) {
        if (mark.gtidSet() != null && at.gtidSet() != null && mark.gtidSet().flavor() == at.gtidSet().flavor()) {
            // Strictly inside: a change whose set equals the mark's would be ordered by position on a restart, and
            // a position read from another server says nothing.
            return mark.gtidSet().contains(at.gtidSet()) && !at.gtidSet().contains(mark.gtidSet());
        }
        return at.position().compareTo(mark.position()) < 0 && at.position().file().equals(mark.position().file());
    }

    /** The mark to store before dispatching a change at {@code at}. */
    static Location ahead(Location at, long stride) {
        BinlogPosition pos = new BinlogPosition(at.position().file(), at.position().pos() + stride);
        return new Location(pos, at.gtidSet() == null ? null : at.gtidSet().withNextTransactions(TRANSACTIONS));
    }
}
