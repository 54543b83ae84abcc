package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.MysqlGtidSet;
import io.dm4j.worker.sync.stream.PositionTracker;

/**
 * MySQL's PREVIOUS_GTIDS event, the second event of every MySQL binlog file: the executed GTID set before the file.
 * The relay takes its set from it, as DM does, because MySQL has no {@code BINLOG_GTID_POS} to ask; the GTID events
 * that follow then extend it through {@link PositionTracker}.
 */
final class PreviousGtids {
    static final int TYPE = 35;

    private PreviousGtids() {
    }

    /**
     * When {@code decoded} is a PREVIOUS_GTIDS event and {@code tracker} follows a MySQL GTID set, replaces that set
     * with the event's; returns whether it did. A tracker in file/position mode or on MariaDB is left alone.
     */
    static boolean apply(PositionTracker tracker, Event decoded) {
        if (tracker == null || decoded.getHeader().getEventType() != EventType.PREVIOUS_GTIDS
                || !(tracker.location().gtidSet() instanceof MysqlGtidSet)
                || !(decoded.getData() instanceof PreviousGtidSetEventData d)) {
            return false;
        }
        tracker.reset(new Location(tracker.position(), MysqlGtidSet.parse(d.getGtidSet())));
        return true;
    }
}
