package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.stream.PositionTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips, in a relay sub-directory that follows an upstream switch, the transactions the reader's executed GTID set
 * already contains: the new server's sub-directory starts at the beginning of a binlog file, which may hold
 * transactions the previous sub-directory had too. Only whole transactions whose GTID is in the set are skipped;
 * their events still move the reader's position. Not used in the first sub-directory, where positions alone decide.
 */
final class SwitchSkip {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchSkip.class);
    static final SwitchSkip NONE = new SwitchSkip(false);

    private final boolean active;
    /** Follows the transaction being skipped; null outside one. */
    private PositionTracker skipping;
    private long skipped;
    private boolean reported;

    private SwitchSkip(boolean active) {
        this.active = active;
    }

    /** The skip for reading {@code subDir}: active when an earlier sub-directory is listed before it. */
    static SwitchSkip after(RelayLayout layout, String subDir) {
        return layout.subDirs().indexOf(subDir) > 0 ? new SwitchSkip(true) : NONE;
    }

    /** Whether {@code ev} belongs to a transaction already executed; then {@code tracker} is moved past it at its end. */
    boolean skips(Event ev, PositionTracker tracker) {
        if (!active) {
            return false;
        }
        if (skipping == null) {
            if (!TransactionGtid.alreadyIn(tracker.location().gtidSet(), ev)) {
                if (skipped > 0 && !reported && isGtid(ev)) {
                    reported = true;
                    LOG.info("relay reader skipped {} transaction(s) the executed GTID set already held (sent again by"
                            + " the new upstream server); continuing at {}", skipped, tracker.location());
                }
                return false;
            }
            skipping = new PositionTracker(new Location(tracker.position(), null));
        }
        if (skipping.advance(ev)) {
            tracker.reset(new Location(skipping.position(), tracker.location().gtidSet()));
            skipping = null;
            skipped++;
        }
        return true;
    }

    private static boolean isGtid(Event ev) {
        EventType type = ev.getHeader().getEventType();
        return type == EventType.MARIADB_GTID || type == EventType.GTID;
    }
}
