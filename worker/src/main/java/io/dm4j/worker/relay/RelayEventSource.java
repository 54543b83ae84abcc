package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.PositionTracker;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sync unit's events read from relay files ({@code binlogType: local}): each event's bytes go through the same
 * deserializers and the same {@link PositionTracker} as events from the upstream, so the sync unit cannot tell the
 * difference, except that it never waits longer than the writer takes to append (the reader sleeps on the
 * {@link RelayNotifier}, which the writer signals after every event).
 *
 * <p>Like a replication connection it starts with a rotate to the start position, and it announces every new file
 * with a rotate when the previous file did not end with one (after a STOP event or an upstream crash).
 */
final class RelayEventSource implements EventSource {
    private final RelayLayout layout;
    private final String subDir;
    private final RelayNotifier notifier;
    private final Supplier<EventDeserializer> deserializers;
    private final Runnable onClose;
    private RelayReader reader;
    private EventDeserializer deserializer;
    private PositionTracker tracker;
    private StreamEvent pending;
    private boolean primed;
    private boolean lastWasRotate;
    private String currentDir;
    private SwitchSkip skip = SwitchSkip.NONE;
    private volatile boolean closed;

    RelayEventSource(RelayLayout layout, String subDir, RelayNotifier notifier,
                     Supplier<EventDeserializer> deserializers, Runnable onClose) {
        this.layout = layout;
        this.subDir = subDir;
        this.notifier = notifier;
        this.deserializers = deserializers;
        this.onClose = onClose;
    }

    @Override
    public void start(Location from) {
        BinlogPosition p = from.position();
        reader = new RelayReader(layout, subDir, p.file(), p.pos());
        currentDir = subDir;
        skip = SwitchSkip.after(layout, subDir);
        deserializer = deserializers.get();
        tracker = new PositionTracker(from);
        pending = rotateTo(p.file(), p.pos());
    }

    @Override
    public StreamEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (closed) {
            throw StreamErrors.STREAM_CLOSED.error();
        }
        if (pending != null) {
            StreamEvent p = pending;
            pending = null;
            return p;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!closed) {
            long seen = notifier.version();
            RelayEvent e = reader.next();
            if (e != null) {
                StreamEvent ev = deliver(e);
                if (ev != null) {
                    return ev;
                }
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            notifier.await(seen, left);
        }
        return null;
    }

    private StreamEvent deliver(RelayEvent e) {
        boolean crossed = !e.subDir().equals(currentDir);
        if (crossed) {
            enterSubDir(e);
        }
        try {
            if (e.type() == RawEvents.FORMAT_DESCRIPTION) {
                deserializer.nextEvent(new ByteArrayInputStream(e.raw())); // the file's checksum setting
                primed = true;
                if (e.start() == RawEvents.MAGIC.length && (crossed || !lastWasRotate && tracker.position().pos() > 0
                        && !tracker.position().file().equals(e.file()))) {
                    lastWasRotate = true;
                    return rotateTo(e.file(), RawEvents.MAGIC.length);
                }
                return null;
            }
            if (!primed && reader.formatDescription() != null) {
                deserializer.nextEvent(new ByteArrayInputStream(reader.formatDescription()));
                primed = true;
            }
            Event ev = deserializer.nextEvent(new ByteArrayInputStream(e.raw()));
            if (skip.skips(ev, tracker)) {
                return null;
            }
            boolean end = tracker.advance(ev);
            lastWasRotate = ev.getHeader().getEventType() == EventType.ROTATE;
            return new StreamEvent(ev, tracker.location(), end);
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof io.dm4j.common.errors.DmException dm) {
                throw dm;
            }
            throw StreamErrors.DECODE_EVENT.wrap(ex, e.file() + ":" + e.start() + " (relay " + e.subDir() + ")",
                    String.valueOf(ex.getMessage()));
        }
    }

    /**
     * The relay continues in the next sub-directory (another upstream server): a transaction begun in the previous
     * one can no longer be ended there, so the sync unit restarts from its checkpoint (the relay closed the previous
     * sub-directory at its last complete transaction, the new server's sub-directory has the transaction whole).
     * From here on, transactions the executed GTID set already contains are sent again by the new server and skipped.
     */
    private void enterSubDir(RelayEvent e) {
        String from = currentDir;
        currentDir = e.subDir();
        skip = SwitchSkip.after(layout, currentDir);
        if (tracker.midTransaction()) {
            throw RelayErrors.SWITCH_IN_TRANSACTION.error(layout.root(), currentDir, from,
                    "the sync unit restarts from its checkpoint " + tracker.location());
        }
    }

    /** The rotate a replication connection sends first: the stream is at {@code pos} of {@code file}. */
    private StreamEvent rotateTo(String file, long pos) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(EventType.ROTATE);
        h.setTimestamp(0);
        RotateEventData d = new RotateEventData();
        d.setBinlogFilename(file);
        d.setBinlogPosition(pos);
        Event rotate = new Event(h, d);
        boolean end = tracker.advance(rotate);
        return new StreamEvent(rotate, tracker.location(), end);
    }

    @Override
    public int reconnects() {
        return 0;
    }

    @Override
    public String binlogType() {
        return "local";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reader != null) {
            reader.close();
        }
        onClose.run();
    }
}
