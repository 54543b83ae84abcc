package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.stream.StreamEvent;

/**
 * The event the sync unit stopped on, and how to say so: the statement, where the event starts and ends, and the
 * exact {@code binlog} command that gets past it.
 *
 * @param start where the event starts (DM's {@code startLocation}; what {@code binlog ... -b} takes)
 * @param end   where the stream stands after it
 */
record FailedEvent(BinlogPosition start, Location end, String statement) {

    static FailedEvent of(StreamEvent ev, String statement) {
        Location end = ev.location();
        long startPos = end.position().pos();
        if (ev.event().getHeader() instanceof EventHeaderV4 h && h.getNextPosition() > 0 && h.getEventLength() > 0) {
            startPos = h.getNextPosition() - h.getEventLength();
        }
        return new FailedEvent(new BinlogPosition(end.position().file(), startPos), end, statement);
    }

    /** {@code file:pos} for {@code -b}. */
    String positionArg() {
        return start.file() + ":" + start.pos();
    }

    /** The error with the statement and its location added, and (for errors a retry cannot fix) the binlog commands. */
    DmException explain(DmException e, String task) {
        String detail = e.detail() + "; statement: `" + statement + "`; startLocation: [position: " + start
                + "], endLocation: [position: " + end.position() + ", gtid-set: " + end.gtidText() + "]";
        String workaround = e.retryable() ? e.workaround()
                : "Run `binlog skip " + task + " -b " + positionArg() + "` to skip this statement, or `binlog replace " + task
                + " -b " + positionArg() + " \"CORRECTED SQL; ...\"` to run other statements instead (the tracked schema"
                + " follows them); or fix the downstream and run `resume-task " + task + "`. " + e.workaround();
        return new DmException(e.code(), detail, e.getCause(), workaround);
    }
}
