package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.memory.ByteBudget;
import io.dm4j.worker.sync.memory.HeapShare;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream binlog as a pull stream of {@link StreamEvent}s that survives dropped connections.
 *
 * <p>A reader thread runs the replica connection. When the connection drops (dump thread killed, network lost,
 * heartbeats stop) it reconnects with exponential backoff from the end of the last complete transaction it
 * delivered, and suppresses the events it had already delivered after that point, so the consumer sees every
 * event exactly once. Failures that retrying cannot heal (purged binlog, server-id conflict, oversized event,
 * access denied, undecodable event) end the stream: {@link #poll} then throws the typed error.
 */
public final class BinlogStream implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogStream.class);
    private static final int QUEUE_CAPACITY = 2048;
    private static final int DRAIN_BATCH = 128;
    private static final long RELEASE_BATCH_BYTES = 256 * 1024;

    static {
        io.dm4j.worker.JulBridge.install();
    }

    private final StreamSettings settings;
    private final Supplier<EventDeserializer> deserializers;
    private final Function<StreamSettings, String> oldestBinlog;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Bytes of the events in {@link #queue}: a few huge rows events must not fill the heap. */
    private final ByteBudget buffered = new ByteBudget("binlog stream buffer", HeapShare.streamBytes());
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicReference<BinaryLogClient> client = new AtomicReference<>();
    private volatile boolean closed;
    private volatile long lastEventMillis;
    private Thread reader;
    private boolean terminalSeen;
    /**
     * Consumer-side state: events moved out of {@link #queue} in one lock round (taking them one by one contended
     * with the reader on every event), and the bytes of the events taken since the budget was last given back.
     */
    private final ArrayDeque<Object> taken = new ArrayDeque<>(DRAIN_BATCH);
    private long unreleased;
    private volatile boolean formatDescriptions;

    // Reader-thread state.
    private PositionTracker tracker;
    private Location resumeFrom;
    private BinlogPosition furthestDelivered;
    private BinlogPosition replayUntil;
    private volatile Exception lastFailure;
    private long deliveredCount;
    /** The upstream's server_id seen by the first connection (-1 before it), and whether this connection checked it. */
    private long upstreamServerId = -1;
    private boolean serverChecked;

    /**
     * @param deserializers a fresh, configured event deserializer per connection (table-map caches are per connection)
     * @param oldestBinlog  names the oldest binlog the upstream still has, for the purged-binlog error message
     */
    public BinlogStream(StreamSettings settings, Supplier<EventDeserializer> deserializers,
                        Function<StreamSettings, String> oldestBinlog) {
        this.settings = settings;
        this.deserializers = deserializers;
        this.oldestBinlog = oldestBinlog;
    }

    /**
     * Delivers FORMAT_DESCRIPTION events too (the relay writes them into its files); call before {@link #start}.
     */
    public BinlogStream withFormatDescriptions() {
        formatDescriptions = true;
        return this;
    }

    /** Starts reading after {@code from} (a transaction boundary: a checkpoint or a dump's metadata). */
    @Override
    public synchronized void start(Location from) {
        if (reader != null) {
            throw new IllegalStateException("binlog stream already started");
        }
        resumeFrom = from;
        tracker = new PositionTracker(from);
        reader = new Thread(this::runReader, "binlog-reader-" + settings.address() + "-" + settings.serverId());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next event, or null when none arrived within the timeout.
     *
     * @throws DmException the fatal error that ended the stream (also after {@link #close()})
     */
    @Override
    public StreamEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (terminalSeen) {
            throw StreamErrors.STREAM_CLOSED.error();
        }
        Object item = taken.poll();
        if (item == null) {
            if (queue.drainTo(taken, DRAIN_BATCH) == 0) {
                releaseTaken(); // caught up: the reader gets all its room back before this thread waits
                item = queue.poll(timeout, unit);
            } else {
                item = taken.poll();
            }
        }
        unreleased += bytesOf(item);
        if (unreleased >= RELEASE_BATCH_BYTES) {
            releaseTaken();
        }
        if (item instanceof DmException e) {
            terminalSeen = true;
            throw e;
        }
        return (StreamEvent) item;
    }

    @Override
    public String binlogType() {
        return "remote";
    }

    /** How often the connection was re-established. */
    @Override
    public int reconnects() {
        return reconnects.get();
    }

    public boolean isConnected() {
        BinaryLogClient c = client.get();
        return c != null && c.isConnected();
    }

    @Override
    public void close() {
        closed = true;
        disconnectQuietly(client.get());
        Thread r = reader;
        if (r != null) {
            r.interrupt();
            try {
                r.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runReader() {
        long backoffMs = settings.initialBackoff().toMillis();
        boolean first = true;
        while (!closed) {
            if (!first) {
                tracker.reset(resumeFrom);
                replayUntil = furthestDelivered != null && furthestDelivered.compareTo(resumeFrom.position()) > 0
                        ? furthestDelivered : null;
                reconnects.incrementAndGet();
                LOG.info("reconnecting binlog stream to {} from {} (attempt {}, skipping already delivered events up to {})",
                        settings.address(), resumeFrom, reconnects.get(), replayUntil);
            }
            first = false;
            lastFailure = null;
            serverChecked = false;
            long eventsBefore = deliveredCount;
            BinaryLogClient c = newClient(resumeFrom);
            client.set(c);
            Thread watchdog = startWatchdog(c);
            try {
                c.connect();
            } catch (IOException | RuntimeException e) {
                lastFailure = e;
            } finally {
                watchdog.interrupt();
                disconnectQuietly(c);
            }
            if (closed) {
                break;
            }
            Exception failure = lastFailure != null ? lastFailure
                    : new IOException("connection closed by the upstream");
            DmException typed = failure instanceof DmException dm ? dm
                    : StreamFailures.classify(failure, settings, resumeFrom, () -> oldestBinlog.apply(settings));
            if (StreamFailures.isFatal(typed) || typed.code() == StreamErrors.UPSTREAM_SWITCHED) {
                LOG.error("binlog stream from {} stopped: {}", settings.address(), typed.getMessage());
                offerTerminal(typed);
                return;
            }
            if (deliveredCount > eventsBefore) {
                backoffMs = settings.initialBackoff().toMillis();
            }
            LOG.warn("binlog connection to {} lost ({}); retrying in {} ms", settings.address(), typed.detail(), backoffMs);
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, settings.maxBackoff().toMillis());
        }
        offerTerminal(StreamErrors.STREAM_CLOSED.error());
    }

    private BinaryLogClient newClient(Location from) {
        BinaryLogClient c = new BinaryLogClient(settings.host(), settings.port(), settings.user(),
                settings.password() == null ? "" : settings.password());
        c.setServerId(settings.serverId());
        c.setKeepAlive(false);
        c.setHeartbeatInterval(settings.heartbeatInterval().toMillis());
        c.setConnectTimeout(settings.connectTimeout().toMillis());
        c.setEventDeserializer(deserializers.get());
        c.setUseSendAnnotateRowsEvent(true);
        BinlogTls.apply(c, settings.tls(), settings.host(), settings.port());
        if (settings.gtidMode() && from.gtidSet() != null) {
            c.setGtidSet(from.gtidText());
        } else {
            c.setBinlogFilename(from.position().file());
            c.setBinlogPosition(from.position().pos());
        }
        c.registerEventListener(this::onEvent);
        c.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient client) {
                // before the first event: another server may refuse the old file outright, which would read as purged
                if (!serverChecked) {
                    sameServer();
                }
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
                if (!(lastFailure instanceof DmException)) {
                    lastFailure = ex;
                }
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
                // The library would skip the event and go on; losing a row is never acceptable.
                lastFailure = StreamErrors.DECODE_EVENT.wrap(ex, tracker.position(), String.valueOf(ex.getMessage()));
                disconnectQuietly(client);
            }
        });
        return c;
    }

    private void onEvent(Event event) {
        lastEventMillis = System.currentTimeMillis();
        if (lastFailure instanceof DmException) {
            return;
        }
        if (!serverChecked && !sameServer()) {
            return;
        }
        EventType type = event.getHeader().getEventType();
        boolean txEnd = tracker.advance(event);
        if (type == EventType.FORMAT_DESCRIPTION && formatDescriptions) {
            put(new StreamEvent(event, tracker.location(), false));
            return;
        }
        if (type == EventType.FORMAT_DESCRIPTION || type == EventType.HEARTBEAT && replayUntil != null) {
            return;
        }
        Location loc = tracker.location();
        if (replayUntil != null && type != EventType.ROTATE) {
            if (loc.position().compareTo(replayUntil) <= 0) {
                if (txEnd) {
                    resumeFrom = loc;
                }
                return;
            }
            replayUntil = null;
        }
        if (type == EventType.ROTATE && event.getHeader().getTimestamp() == 0
                && furthestDelivered != null && loc.position().compareTo(furthestDelivered) <= 0) {
            return; // the fake rotate a server sends on (re)connect
        }
        put(new StreamEvent(event, loc, txEnd));
        if (type != EventType.HEARTBEAT) {
            furthestDelivered = loc.position();
            deliveredCount++;
        }
        if (txEnd) {
            resumeFrom = loc;
        }
    }

    /**
     * Whether this connection reached the server the first one did. Another server at the same address (a replica
     * promoted behind a virtual IP, a DNS switch) has other files and positions: with GTIDs the stream ends with
     * {@link StreamErrors#UPSTREAM_SWITCHED} and the sync unit restarts from its checkpoint by GTID set (a partly
     * delivered transaction cannot be matched by position there); without GTIDs that is a fatal error.
     */
    private boolean sameServer() {
        serverChecked = true;
        BinaryLogClient c = client.get();
        long id = c == null ? -1 : c.getMasterServerId();
        if (id < 0 || upstreamServerId < 0 || id == upstreamServerId) {
            if (id >= 0 && upstreamServerId < 0) {
                upstreamServerId = id;
            }
            return true;
        }
        LOG.warn("binlog connection to {} reached server_id {}, before {}: the upstream server changed",
                settings.address(), id, upstreamServerId);
        lastFailure = (settings.gtidMode() && resumeFrom.gtidSet() != null ? StreamErrors.UPSTREAM_SWITCHED
                : StreamErrors.UPSTREAM_SWITCHED_NO_GTID).error(settings.address(), id, upstreamServerId);
        disconnectQuietly(c);
        return false;
    }

    private void put(Object item) {
        long bytes = bytesOf(item);
        try {
            while (!closed && !buffered.tryAcquire(bytes, 200)) {
                lastEventMillis = System.currentTimeMillis(); // a slow consumer is not a dead connection
            }
            while (!closed && !queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                lastEventMillis = System.currentTimeMillis();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseTaken() {
        if (unreleased > 0) {
            buffered.release(unreleased);
            unreleased = 0;
        }
    }

    /** The size of an event on the wire, which its decoded form roughly matches; 0 for anything else. */
    private static long bytesOf(Object item) {
        return item instanceof StreamEvent se && se.event().getHeader() instanceof EventHeaderV4 h
                ? h.getEventLength() : 0;
    }

    private void offerTerminal(DmException e) {
        put(e);
    }

    /** Drops the connection when the upstream stays silent for three heartbeat intervals. */
    private Thread startWatchdog(BinaryLogClient c) {
        long limit = Math.max(3 * settings.heartbeatInterval().toMillis(), 3_000);
        Thread t = new Thread(() -> {
            lastEventMillis = System.currentTimeMillis();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(Math.min(limit / 3, 1_000));
                    if (c.isConnected() && System.currentTimeMillis() - lastEventMillis > limit) {
                        LOG.warn("no binlog event or heartbeat from {} for {} ms; dropping the connection",
                                settings.address(), limit);
                        lastFailure = new IOException("no heartbeat from the upstream for " + limit + " ms");
                        disconnectQuietly(c);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // stream reconnecting or closing
            }
        }, "binlog-watchdog-" + settings.serverId());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void disconnectQuietly(BinaryLogClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("disconnect failed: {}", e.toString());
        }
    }

    /** Events left in the buffer (for status). */
    public int buffered() {
        return queue.size();
    }

    /** Test hook: the current binlog client's connection id, to KILL it from a test. */
    public long connectionId() {
        BinaryLogClient c = client.get();
        return c == null ? -1 : c.getConnectionId();
    }
}
