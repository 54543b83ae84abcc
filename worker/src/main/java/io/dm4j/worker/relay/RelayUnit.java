package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.metrics.RelayObserver;
import io.dm4j.worker.sync.ServerIds;
import io.dm4j.worker.sync.stream.BinlogStream;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.LocalBinlog;
import io.dm4j.worker.sync.stream.StreamEvent;
import io.dm4j.worker.sync.stream.StreamSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay unit of a worker: pulls the bound source's binlog and keeps a local copy of it in DM's layout
 * ({@link RelayLayout}), which the sync units of the source read instead of the upstream ({@link LocalBinlog}).
 *
 * <p>Where it starts: the end of the last complete event already in the relay (after cutting a torn tail); else
 * {@code relay-binlog-name} (or, on MariaDB, the file holding {@code relay-binlog-gtid}); else the file of the
 * earliest position any subtask still needs; else the upstream's current file. A new relay file always starts at
 * offset 4 of the upstream file, so relay files are whole upstream files from their first byte.
 *
 * <p>Stages: New → Running ⇄ Paused → Stopped. A fault that retrying cannot heal (purged binlog, gap, damaged file)
 * pauses the relay with the error; {@link #resume()} tries again.
 */
public final class RelayUnit implements LocalBinlog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayUnit.class);
    private static final Duration MASTER_STATUS_PERIOD = Duration.ofSeconds(3);
    private static final Duration SYNC_EVERY = Duration.ofSeconds(1);
    /** How long a sync unit starting together with the relay waits for it to know where it starts. */
    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    public static final String NEW = "New";
    public static final String RUNNING = "Running";
    public static final String PAUSED = "Paused";
    public static final String STOPPED = "Stopped";

    private final SourceConfig source;
    private final RelayLayout layout;
    private final Supplier<Optional<Location>> storedCheckpoints;
    private final RelayNotifier notifier = new RelayNotifier();
    private final RelayObserver observer = new RelayObserver();
    private final Map<String, Supplier<Location>> consumers = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();

    private volatile String stage = NEW;
    private volatile DmException error;
    private volatile CountDownLatch ready = new CountDownLatch(1);
    private volatile RelayWriter writer;
    private volatile BinlogPosition masterPosition;
    private volatile String masterGtid = "";
    private Thread runner;
    private volatile boolean stopRequested;
    private BinlogStream stream;

    /**
     * @param relayDir          the relay directory of the source on this worker ({@code WorkerConfig.relayDirFor})
     * @param storedCheckpoints the earliest checkpoint stored by a subtask of the source that is not running (empty: none)
     */
    public RelayUnit(SourceConfig source, RelayLayout relayDir, Supplier<Optional<Location>> storedCheckpoints) {
        this.source = Objects.requireNonNull(source, "source");
        this.layout = relayDir;
        this.storedCheckpoints = storedCheckpoints == null ? Optional::empty : storedCheckpoints;
    }

    /** The source this relay copies. */
    public String sourceId() {
        return source.sourceId();
    }

    public RelayLayout layout() {
        return layout;
    }

    public RelayNotifier notifier() {
        return notifier;
    }

    /** The relay's DM metrics (durations, sizes, errors), kept across pause and resume. */
    public RelayObserver observer() {
        return observer;
    }

    public String stage() {
        return stage;
    }

    /** Starts pulling (New or Paused → Running); a no-op when running. */
    public void start() {
        synchronized (lifecycle) {
            if (runner != null && runner.isAlive()) {
                return;
            }
            stopRequested = false;
            error = null;
            stage = RUNNING;
            if (ready.getCount() == 0 && writer == null) {
                ready = new CountDownLatch(1);
            }
            runner = new Thread(this::run, "relay-" + source.sourceId());
            runner.setDaemon(true);
            runner.start();
        }
    }

    /** Stops pulling; everything complete is on disk and in relay.meta. */
    public void pause() {
        halt();
        synchronized (lifecycle) {
            if (!STOPPED.equals(stage)) {
                stage = PAUSED;
            }
        }
    }

    public void resume() {
        start();
    }

    /** Stops for good (until {@link #start()}). */
    public void stop() {
        halt();
        stage = STOPPED;
    }

    @Override
    public void close() {
        stop();
    }

    private void halt() {
        Thread t;
        synchronized (lifecycle) {
            stopRequested = true;
            t = runner;
            BinlogStream s = stream;
            if (s != null) {
                s.close();
            }
        }
        if (t != null) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** query-status {@code relayStatus}. */
    public RelayStatus status() {
        RelayWriter w = writer;
        BinlogPosition relay = w == null ? null : w.end().orElse(null);
        Location written = w == null ? null : w.written();
        BinlogPosition master = masterPosition;
        boolean caughtUp = relay != null && master != null && relay.compareTo(master) >= 0;
        DmException e = error;
        return new RelayStatus(master == null ? "" : master.toString(), masterGtid, w == null ? "" : w.subDir(),
                relay == null ? "" : relay.toString(), written == null ? "" : written.gtidText(), caughtUp, stage,
                e == null ? "" : e.getMessage());
    }

    /** Where the relay has written up to (the end of its last complete event); empty before it started writing. */
    public Optional<BinlogPosition> end() {
        RelayWriter w = writer;
        return w == null ? Optional.empty() : w.end();
    }

    /** The error that paused the relay, if any. */
    public Optional<DmException> error() {
        return Optional.ofNullable(error);
    }

    /**
     * The earliest position any subtask of the source still needs: the smallest of the running sync units'
     * checkpoints and the stored checkpoints of the others. Relay files before its file may be purged.
     */
    public Optional<Location> earliestNeeded() {
        Optional<Location> running = consumers.values().stream().map(Supplier::get).filter(Objects::nonNull)
                .min(Comparator.comparing(Location::position));
        Optional<Location> stored = storedCheckpoints.get();
        if (running.isEmpty()) {
            return stored;
        }
        if (stored.isEmpty()) {
            return running;
        }
        return Optional.of(running.get().position().compareTo(stored.get().position()) <= 0 ? running.get() : stored.get());
    }

    /** A reader of this relay at {@code pos} of {@code file} in {@code subDir}. */
    public RelayReader openReader(String subDir, String file, long pos) {
        return new RelayReader(layout, subDir, file, pos);
    }

    @Override
    public Optional<EventSource> open(Location from, Supplier<EventDeserializer> deserializers) {
        awaitReady();
        BinlogPosition p = from.position();
        if (p.file().isEmpty()) {
            return openAtGtidSet(from, deserializers);
        }
        Optional<String> dir = LocationSubDir.of(layout, from);
        if (dir.isEmpty()) {
            LOG.info("relay of source {} does not hold {}; the sync unit reads it from the upstream", source.sourceId(), p);
            return Optional.empty();
        }
        try {
            long size = Files.size(layout.file(dir.get(), p.file()));
            RelayWriter w = writer;
            boolean beingWritten = w != null && w.end().map(e -> e.file().equals(p.file())).orElse(false);
            if (size < p.pos() && !beingWritten) {
                LOG.info("relay file {} of source {} ends at {}, before {}; the sync unit reads from the upstream",
                        p.file(), source.sourceId(), size, p);
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        LOG.info("sync of source {} reads the relay log from {} in {}", source.sourceId(), p, dir.get());
        return Optional.of(new RelayEventSource(layout, dir.get(), notifier, deserializers, () -> { }));
    }

    /**
     * A start given as a GTID set only (task meta {@code binlog-gtid}, a checkpoint without position): the relay file
     * {@link RelayGtidStart} finds, without the transactions the set holds. When the relay does not hold the set the
     * upstream serves it by GTID set.
     */
    private Optional<EventSource> openAtGtidSet(Location from, Supplier<EventDeserializer> deserializers) {
        if (from.gtidSet() == null || from.gtidSet().isEmpty()) {
            return Optional.empty();
        }
        RelayGtidStart.Located at = new RelayGtidStart(layout).locate(from.gtidSet());
        if (at.start() == null) {
            // the upstream is asked by GTID set and sends all the set lacks, or fails with its purged-binlog error; a
            // GTID-only start with enable-gtid: false never gets here (the sync unit refuses it, ErrSyncerNoStartPosition)
            LOG.info("relay of source {} does not hold GTID set {} ({}); the sync unit reads it from the upstream by"
                    + " GTID set", source.sourceId(), from.gtidText(), at.whyNot());
            return Optional.empty();
        }
        LOG.info("sync of source {} reads the relay log from {} in {}, the first relay file whose GTID set {} lies"
                + " within {}; transactions of the set are skipped", source.sourceId(), at.start().position(),
                at.subDir(), at.start().gtidText(), from.gtidText());
        return Optional.of(new GtidSkippingSource(new RelayEventSource(layout, at.subDir(), notifier, deserializers,
                () -> { }), at.start(), from.gtidSet()));
    }

    @Override
    public void register(String consumer, Supplier<Location> checkpoint) {
        consumers.put(consumer, checkpoint);
    }

    @Override
    public void unregister(String consumer) {
        consumers.remove(consumer);
    }

    private void awaitReady() {
        if (!RUNNING.equals(stage) && !NEW.equals(stage)) {
            return; // paused or stopped: read what is there
        }
        try {
            ready.await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void run() {
        while (pull() && !stopRequested) {
            LOG.info("relay of source {} reconnects to follow the new upstream server", source.sourceId());
        }
    }

    /** Pulls until stopped or paused by an error; true when another server answered and the relay follows it. */
    private boolean pull() {
        long serverId = 0;
        RelayWriter w = null;
        try {
            Upstream upstream = Upstream.of(source.from());
            Flavor flavor = upstream.flavor();
            layout.create();
            String uuid = RelayStart.serverUuid(upstream, flavor);
            String subDir = layout.lastSubDir().filter(d -> RelayLayout.uuidOf(d).equals(uuid)).orElse(null);
            if (subDir == null) {
                Optional<String> last = layout.lastSubDir();
                if (last.isPresent() && !source.enableGtid()) {
                    throw RelayErrors.SWITCH_NEEDS_GTID.error(source.sourceId(), uuid + " (" + upstream.address() + ")",
                            last.get(), RelayLayout.uuidOf(last.get()), "the source has enable-gtid: false");
                }
                subDir = layout.appendSubDir(uuid);
            }
            w = new RelayWriter(layout, subDir, notifier, Clock.systemUTC(), SYNC_EVERY, observer);
            BinlogPosition from = recoverOrStart(w, upstream, flavor, subDir);
            writer = w;
            ready.countDown();
            serverId = ServerIds.acquire(source.sourceId(), "relay", source.serverId());
            LOG.info("relay of source {} pulls {} from {} into {} (server-id {})", source.sourceId(), upstream, from,
                    layout.subDir(subDir), serverId);
            BinlogStream s = new BinlogStream(settings(upstream, flavor, serverId), RawEventDeserializer::new,
                    x -> oldest(upstream)).withFormatDescriptions();
            synchronized (lifecycle) {
                if (stopRequested) {
                    return false;
                }
                stream = s;
            }
            s.start(new Location(from, null));
            long lastMaster = 0;
            int reconnectsSeen = 0;
            while (!stopRequested) {
                long waitStarted = System.nanoTime();
                StreamEvent ev = s.poll(200, TimeUnit.MILLISECONDS);
                if (ev != null) {
                    observer.read(System.nanoTime() - waitStarted);
                    w.accept(RawEventDeserializer.rawOf(ev.event()), ev.event());
                } else {
                    w.tick();
                }
                int reconnects = s.reconnects();
                if (reconnects != reconnectsSeen) {
                    observer.readFailures(reconnects - reconnectsSeen); // each follows a failed read
                    reconnectsSeen = reconnects;
                }
                if (System.currentTimeMillis() - lastMaster > MASTER_STATUS_PERIOD.toMillis()) {
                    lastMaster = System.currentTimeMillis();
                    refreshMaster(upstream, flavor);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | SQLException e) {
            if (!stopRequested) {
                DmException dm = e instanceof SQLException sql
                        ? RelayErrors.UPSTREAM_READ.wrap(sql, source.from().host() + ":" + source.from().port(), sql.getMessage())
                        : ErrorClassifier.toDm(e);
                if (dm.code() == StreamErrors.UPSTREAM_SWITCHED_NO_GTID && source.enableGtid()) {
                    // the relay reads by position; with GTIDs it starts a new sub-directory on the new server
                    LOG.warn("relay of source {}: {}", source.sourceId(), dm.getMessage());
                    return true;
                }
                error = dm;
                stage = PAUSED;
                observer.exited(dm);
                LOG.error("relay of source {} paused: {}", source.sourceId(), dm.getMessage());
            }
        } finally {
            ready.countDown();
            synchronized (lifecycle) {
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
            }
            if (w != null) {
                w.close();
            }
            if (serverId != 0) {
                ServerIds.release(serverId);
            }
        }
        return false;
    }

    /** Recovers the relay's last file, or picks where a new relay starts. */
    private BinlogPosition recoverOrStart(RelayWriter w, Upstream upstream, Flavor flavor, String subDir)
            throws SQLException {
        Flavor gtidFlavor = source.enableGtid() ? flavor : null;
        Optional<BinlogPosition> end = w.recover(gtidFlavor, file -> gtidAtStartOf(upstream, flavor, file));
        if (end.isPresent()) {
            LOG.info("relay of source {} continues at {}", source.sourceId(), end.get());
            return end.get();
        }
        RelaySwitch upstreamSwitch = new RelaySwitch(source.sourceId(), layout);
        Optional<String> previous = upstreamSwitch.previousWithFiles(subDir);
        if (previous.isPresent()) {
            Location start = upstreamSwitch.startAfter(previous.get(), subDir, upstream, flavor, source.enableGtid());
            w.startTracking(start);
            return start.position();
        }
        String file = new RelayStart(source, this::earliestNeeded).file(upstream, flavor);
        BinlogPosition from = new BinlogPosition(file, RawEvents.MAGIC.length);
        w.startTracking(new Location(from, gtidFlavor == null ? null : gtidAtStartOf(upstream, flavor, file)));
        return from;
    }

    /**
     * The GTID set before {@code file} (MariaDB: BINLOG_GTID_POS; MySQL: an empty set the file's PREVIOUS_GTIDS event
     * replaces, see {@link PreviousGtids}); null when the upstream cannot tell.
     */
    private static GtidSet gtidAtStartOf(Upstream upstream, Flavor flavor, String file) {
        if (flavor != Flavor.MARIADB) {
            return GtidSet.empty(flavor);
        }
        try {
            return upstream.mariadbGtidAt(new BinlogPosition(file, RawEvents.MAGIC.length))
                    .map(t -> GtidSet.parse(flavor, t)).orElse(null);
        } catch (SQLException e) {
            LOG.warn("BINLOG_GTID_POS({}, 4) failed: {}", file, e.getMessage());
            return null;
        }
    }

    private StreamSettings settings(Upstream upstream, Flavor flavor, long serverId) {
        return StreamSettings.forSource(source, serverId, flavor, false, upstream.tls()); // relay copies by position
    }

    private void refreshMaster(Upstream upstream, Flavor flavor) {
        try {
            masterPosition = upstream.masterStatus().orElse(null);
            masterGtid = upstream.gtidExecuted(flavor);
        } catch (SQLException e) {
            LOG.debug("SHOW MASTER STATUS failed: {}", e.getMessage());
        }
    }

    private static String oldest(Upstream upstream) {
        try {
            var logs = upstream.binaryLogs();
            return logs.isEmpty() ? "(none)" : logs.get(0);
        } catch (SQLException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }
}
