package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.schema.SchemaTracker;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.apply.ApplyOptions;
import io.dm4j.worker.sync.apply.ApplyStats;
import io.dm4j.worker.sync.apply.DmlApplier;
import io.dm4j.worker.sync.checkpoint.CheckpointStore;
import io.dm4j.worker.sync.checkpoint.CheckpointTracker;
import io.dm4j.worker.sync.checkpoint.KeylessLaneStore;
import io.dm4j.worker.sync.checkpoint.SyncCheckpoint;
import io.dm4j.worker.sync.checkpoint.TablePoint;
import io.dm4j.worker.sync.ddl.DdlNameProbe;
import io.dm4j.worker.sync.ddl.DdlParser;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.decode.RowDecoder;
import io.dm4j.worker.sync.expr.ExpressionFilter;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.onlineddl.OnlineDdl;
import io.dm4j.worker.sync.operator.BinlogOp;
import io.dm4j.worker.sync.operator.BinlogOperator;
import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.worker.sync.operator.MemoryOperatorStore;
import io.dm4j.worker.sync.stream.BinlogStream;
import io.dm4j.worker.sync.stream.BinlogTimeLocator;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.LocalBinlog;
import io.dm4j.worker.sync.stream.StreamEvent;
import io.dm4j.worker.sync.stream.StreamSettings;
import io.dm4j.worker.sync.stream.TransactionPayloads;
import io.dm4j.worker.sync.stream.XaStatement;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync unit: reads the upstream binlog from its checkpoint and applies every change downstream.
 *
 * <p>One thread (the caller of {@link #process()}) reads events in order. Rows events become {@link RowChange}s
 * ({@link RowEventMapper}) handed to the parallel {@link DmlApplier}; DDL waits for every queued change, then runs
 * downstream and evolves the tracked structures ({@link DdlHandler}). The global checkpoint moves only at transaction
 * ends and only after the applier has committed everything before it ({@link CheckpointTracker}).
 *
 * <p>Crash safety: before any change past the stored safe-mode exit point is handed to the applier, that point is
 * pushed ahead ({@link #SAFE_MARK_STRIDE} bytes) and stored. After a crash the unit resumes at the checkpoint and
 * writes idempotently until it has passed the stored point, so every change that may have been applied is replayed
 * harmlessly and none is lost. A clean stop stores the exact position, so the next start needs no safe mode.
 */
public final class SyncUnit implements Unit {
    private static final Logger LOG = LoggerFactory.getLogger(SyncUnit.class);
    /** How far ahead of the dispatched position the stored safe-mode exit point is pushed (bytes of binlog). */
    static final long SAFE_MARK_STRIDE = 16L << 20;
    private static final Duration MASTER_STATUS_PERIOD = Duration.ofSeconds(3);
    /**
     * How long a pause waits for the current upstream transaction to end. Shorter than the subtask's pause wait
     * (8 s), so a pause normally returns with the exact checkpoint stored; after it the exit point covers the part.
     */
    public static final Duration FINISH_TRANSACTION_ON_PAUSE = Duration.ofSeconds(5);
    /** How long {@link #close()} waits for a running {@link #process()} to stop cleanly before tearing it down. */
    private static final Duration CLOSE_WAIT = FINISH_TRANSACTION_ON_PAUSE.plusSeconds(60);

    private final SubTaskConfig task;
    private final SourceConfig source;
    private final java.util.function.Supplier<SyncStart> startSupplier;
    private SyncStart start;
    private final Clock clock;
    private final ZoneId timeZone;
    private final BinlogOperators operators;
    private final TransactionOperators txns;
    private final LocalBinlog relay; // the worker's relay log of the source; null when relay is off

    private volatile boolean pauseRequested;
    private volatile boolean running;
    private final Object lifecycle = new Object();

    // Opened by init(), kept across pause/resume.
    private Upstream upstream;
    private Flavor flavor;
    private Downstream downstream;
    private CheckpointStore store;
    private KeylessLaneStore keylessLane;
    private SchemaTracker tracker;
    private TableSelection selection;
    private long serverId;

    // Per run of process().
    private DmlApplier applier;
    private RowDispatcher dispatcher;
    private CheckpointTracker checkpoints;
    private EventSource stream;
    private volatile String binlogType = "remote";
    private RowEventMapper rows;
    private FirstSeenStructure firstSeen;
    private DdlHandler ddl;
    private SafeModeWindow safeMode;
    private Location safeMark;
    private Location lastDispatched;
    private boolean inTransaction;
    private XaTransactions xa;

    // Status.
    private volatile long totalEvents;
    private volatile Location processed;
    private volatile long lastEventTimestamp;
    private volatile BinlogPosition masterPosition;
    private volatile long masterPositionReadAt;
    private volatile String masterGtid = "";
    private long lastMasterCheck;
    private volatile long retriesOfEarlierRuns; // downstream retries of the appliers of earlier runs
    private final RateMeter rowRate;
    private final io.dm4j.worker.metrics.SyncObserver observer;
    private final TableProgress tableProgress = new TableProgress();

    public SyncUnit(SubTaskConfig task, SourceConfig source, SyncStart start) {
        this(task, source, () -> start == null ? SyncStart.NONE : start, Clock.systemUTC());
    }

    /**
     * @param start asked once, only when the task has no checkpoint yet: after a full copy the dump's metadata is
     *              known only when the load has finished
     */
    public SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start) {
        this(task, source, start, Clock.systemUTC());
    }

    SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start, Clock clock) {
        this(task, source, start, clock, new BinlogOperators(task.name(), task.sourceId(), new MemoryOperatorStore()));
    }

    /** @param operators the subtask's pending {@code binlog skip|replace|inject} operators, consulted before each event */
    public SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start,
                    BinlogOperators operators) {
        this(task, source, start, Clock.systemUTC(), operators);
    }

    SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start, Clock clock,
             BinlogOperators operators) {
        this(task, source, start, clock, operators, null);
    }

    /** @param relay the worker's relay log of the source, read instead of the upstream when it holds the start point */
    public SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start,
                    BinlogOperators operators, LocalBinlog relay) {
        this(task, source, start, Clock.systemUTC(), operators, relay);
    }

    SyncUnit(SubTaskConfig task, SourceConfig source, java.util.function.Supplier<SyncStart> start, Clock clock,
             BinlogOperators operators, LocalBinlog relay) {
        this.relay = relay;
        this.operators = operators;
        this.txns = new TransactionOperators(task.name(), operators, this::runOperatorStatements);
        this.task = task;
        this.source = source;
        this.startSupplier = start;
        this.clock = clock;
        this.timeZone = zoneOf(task.timezone());
        this.rowRate = new RateMeter(clock);
        this.observer = new io.dm4j.worker.metrics.SyncObserver(clock);
    }

    @Override
    public UnitType type() {
        return UnitType.SYNC;
    }

    @Override
    public UnitResult process() {
        pauseRequested = false;
        running = true;
        applier = null; // per-run state of an earlier run must not be used if this start fails early
        checkpoints = null;
        try {
            while (true) {
                try {
                    init();
                    run();
                    return UnitResult.cancel();
                } catch (DmException e) {
                    boolean rowsRejected = applier != null && applier.failure().isPresent() && !e.retryable();
                    stopAfterFailure();
                    if ((e.code() == StreamErrors.UPSTREAM_SWITCHED || e.code() == RelayErrors.SWITCH_IN_TRANSACTION)
                            && !pauseRequested) {
                        LOG.info("task {} source {}: restarting from the checkpoint by GTID set on the new upstream server",
                                task.name(), task.sourceId());
                        continue; // the exit point just stored covers what was dispatched on the old server
                    }
                    if (rowsRejected && !pauseRequested && txns.isolate(lastDispatched)) {
                        continue; // replay one transaction at a time to name the rejected one
                    }
                    txns.stopIsolating();
                    LOG.error("sync unit of task {} on source {} stopped: {}", task.name(), task.sourceId(), e.getMessage());
                    return UnitResult.failed(e);
                }
            }
        } catch (RuntimeException e) {
            DmException dm = ErrorClassifier.toDm(e);
            LOG.error("sync unit of task {} on source {} stopped", task.name(), task.sourceId(), e);
            stopAfterFailure();
            return UnitResult.failed(dm);
        } finally {
            synchronized (lifecycle) {
                running = false;
                lifecycle.notifyAll();
            }
        }
    }

    @Override
    public void pause() {
        pauseRequested = true;
    }

    public boolean isRunning() {
        return running;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Start

    private void init() {
        if (downstream == null) {
            upstream = Upstream.of(source.from());
            try {
                flavor = upstream.flavor();
                if (source.flavor() != null && source.flavor() != flavor) {
                    LOG.warn("source {} says flavor {} but the upstream is {}; using {}", task.sourceId(),
                            source.flavor().label(), flavor.label(), flavor.label());
                }
                try (Connection c = upstream.connect()) {
                    tracker = new SchemaTracker(task.name(), ServerDefaults.detect(c));
                }
                BinlogSettingsCheck.require(upstream);
            } catch (SQLException e) {
                throw SyncErrors.UNIT_INIT.wrap(e, task.name(), task.sourceId(), "cannot reach upstream " + upstream);
            }
            DownstreamConfig dc = DownstreamConfig.forTask(task, timeZone,
                    DownstreamConfig.poolSizeFor(task.syncer().workerCount()));
            downstream = Downstream.open(dc, task.name() + "-" + task.sourceId());
            store = new CheckpointStore(downstream.dataSource(), task.metaSchema(), task.name(), flavor);
            store.prepare();
            keylessLane = new KeylessLaneStore(downstream.dataSource(), task.metaSchema(), task.name(), task.sourceId(), flavor);
            keylessLane.prepare();
            selection = new TableSelection(task);
            serverId = ServerIds.acquire(task.sourceId(), task.name(), source.serverId());
        }
        SyncCheckpoint cp = store.load(task.sourceId()).orElse(null);
        boolean firstRun = cp == null;
        Location from;
        if (cp != null) {
            from = cp.global();
            for (Map.Entry<TableId, TablePoint> e : cp.tables().entrySet()) {
                String json = e.getValue().tableInfoJson();
                if (json != null && !json.isBlank() && !json.equals("null")) {
                    tracker.put(tracker.fromJson(json));
                }
            }
            safeMode = safeModeAfterCheckpoint(cp);
        } else {
            start = startSupplier.get();
            from = firstStart();
            safeMode = task.syncer().safeMode() ? SafeModeWindow.always(clock)
                    : start.safeUntil() != null ? SafeModeWindow.until(start.safeUntil(), clock)
                    : SafeModeWindow.forDuration(task.safeModeDuration(), clock);
            cp = new SyncCheckpoint(from, null, Map.of());
        }
        LOG.info("sync unit of task {} on source {} starts at {} (server-id {}, safe mode {})", task.name(),
                task.sourceId(), from, serverId, safeMode);
        if (applier != null) {
            retriesOfEarlierRuns += applier.stats().retries();
        }
        if (firstRun) {
            keylessLane.reset(); // a point left by an earlier run of this task name would skip changes
        }
        applier = new DmlApplier(observer.timed(downstream), applyOptions(), keylessLane);
        applier.onConflictDetection(observer::conflictDetected);
        dispatcher = new RowDispatcher(applier, firstRun ? null : keylessLane.load().orElse(null), from.gtidSet());
        checkpoints = new CheckpointTracker(store, task.sourceId(), cp, applier::flush, clock);
        if (firstRun) {
            for (Map.Entry<TableId, String> e : start.snapshotSchemas().entrySet()) {
                TableSchema s = tracker.parser().parse(e.getKey(), e.getValue());
                tracker.put(s);
                checkpoints.saveTablePoint(e.getKey(), from, tracker.toJson(s));
            }
            // Store the start point at once: the dump files it came from may be cleaned up after this.
            if (start.safeUntil() != null) {
                checkpoints.saveExitSafe(start.safeUntil());
            }
            checkpoints.flush();
        }
        safeMark = cp.exitSafe();
        if (cp.exitSafe() != null && !safeMode.pending()) {
            checkpoints.clearExitSafe();
            safeMark = null;
        }
        RowDecoder decoder = new RowDecoder(timeZone);
        // expression-filter: rules are parsed here (syntax errors stop the start) and bound per table on first use
        ExpressionFilter expressionFilter = ExpressionFilter.of(task.expressionFilters(), task.caseSensitive(), timeZone);
        firstSeen = new FirstSeenStructure(tracker, decoder, selection, upstream, downstream);
        rows = new RowEventMapper(selection, decoder, this::schemaOf, expressionFilter);
        ddl = new DdlHandler(new DdlParser(), selection, tracker, downstream, OnlineDdl.forTask(task, downstream.dataSource()));
        processed = from;
        tableProgress.dropPending(); // changes of a failed run are replayed from the checkpoint, not applied
        lastDispatched = from;
        inTransaction = false;
        xa = new XaTransactions();
        operators.reload();
        operators.dropBehind(from.position());
        txns.restart();
        stream = openEvents(from);
        stream.start(from);
        binlogType = stream.binlogType();
    }

    /** The relay log when it holds {@code from} (binlogType local), else the upstream (remote). */
    private EventSource openEvents(Location from) {
        if (relay != null) {
            relay.register(task.name(), () -> checkpoints == null ? null : checkpoints.flushed());
            EventSource local = relay.open(from, BinlogDeserializers::create).orElse(null);
            if (local != null) {
                return local;
            }
        }
        return new BinlogStream(streamSettings(), BinlogDeserializers::create, s -> oldestBinlog());
    }

    private StreamSettings streamSettings() {
        return StreamSettings.forSource(source, serverId, flavor, source.enableGtid(), upstream.tls());
    }

    private SafeModeWindow safeModeAfterCheckpoint(SyncCheckpoint cp) {
        if (task.syncer().safeMode()) {
            return SafeModeWindow.always(clock);
        }
        Location exit = cp.exitSafe();
        if (exit != null) {
            return exit.compareTo(cp.global()) > 0
                    ? SafeModeWindow.until(exit, clock) : SafeModeWindow.off(clock);
        }
        Duration d = task.safeModeDuration();
        if (d.isZero()) {
            throw SyncErrors.SAFE_MODE_REQUIRED.error();
        }
        return SafeModeWindow.forDuration(d, clock);
    }

    /**
     * The start point without checkpoint: the dump's snapshot, the start time, the task's meta, or the upstream's
     * current position. On MariaDB a position without GTIDs gets them from BINLOG_GTID_POS, so GTID-mode sources
     * always checkpoint a GTID set.
     */
    private Location firstStart() {
        Location at = firstStartPosition();
        if (at.gtidSet() == null && flavor == Flavor.MARIADB && source.enableGtid()) {
            try {
                String gtid = upstream.mariadbGtidAt(at.position()).orElse(null);
                if (gtid != null) {
                    return at.withGtid(GtidSet.parse(flavor, gtid));
                }
            } catch (SQLException e) {
                LOG.warn("BINLOG_GTID_POS({}) failed: {}", at.position(), e.getMessage());
            }
        }
        return at;
    }

    private Location firstStartPosition() {
        if (start.snapshot() != null) {
            return start.snapshot();
        }
        if (start.startTime() != null) {
            Location at = new BinlogTimeLocator(upstream, streamSettings()).locate(start.startTime());
            LOG.info("start-time {} resolves to {}", start.startTime(), at);
            return at;
        }
        try {
            var meta = task.meta();
            if (meta != null && (meta.position().isPresent() || meta.hasGtid())) {
                GtidSet gtid = meta.hasGtid() ? GtidSet.parse(flavor, meta.binlogGtid()) : null;
                BinlogPosition pos = meta.position().orElseGet(() -> new BinlogPosition("", BinlogPosition.FIRST_EVENT_POS));
                if (pos.file().isEmpty() && !source.enableGtid()) {
                    throw SyncErrors.NO_START_POSITION.error(task.sourceId(),
                            "meta has only binlog-gtid but the source has enable-gtid: false");
                }
                return new Location(pos, gtid);
            }
            var now = upstream.positionAndGtid(flavor).orElseThrow(() -> SyncErrors.NO_START_POSITION.error(
                    task.sourceId(), "SHOW MASTER STATUS returned nothing on " + upstream));
            String gtid = now.gtid(); // the set of exactly this position (BinlogStatusReader)
            return new Location(now.position(), gtid.isEmpty() && !source.enableGtid() ? null : GtidSet.parse(flavor, gtid));
        } catch (SQLException e) {
            throw SyncErrors.NO_START_POSITION.wrap(e, task.sourceId(), e.getMessage());
        }
    }

    private ApplyOptions applyOptions() {
        var s = task.syncer();
        return ApplyOptions.defaults(task.name() + "/" + task.sourceId())
                .withWorkers(s.workerCount(), s.batch())
                .withModes(s.multipleRows(), s.compact())
                .withSplitTransactions(s.splitTransactions());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Main loop

    private void run() {
        long pauseDeadline = Long.MAX_VALUE;
        Duration flushInterval = task.syncer().checkpointFlushPeriod();
        try {
            while (true) {
                if (pauseRequested && pauseDeadline == Long.MAX_VALUE) {
                    pauseDeadline = System.nanoTime() + FINISH_TRANSACTION_ON_PAUSE.toNanos();
                }
                if (pauseRequested && (!inTransaction || System.nanoTime() > pauseDeadline)) {
                    break;
                }
                long readStart = observer.readStarts();
                StreamEvent ev = stream.poll(200, TimeUnit.MILLISECONDS);
                if (ev != null) {
                    observer.readEnded(readStart);
                    handle(ev);
                }
                if (!inTransaction && checkpoints.isDue(flushInterval)) {
                    flushCheckpoint();
                }
                refreshMasterStatus(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopCleanly();
    }

    private void handle(StreamEvent ev) {
        Event event = ev.event();
        EventType type = event.getHeader().getEventType();
        Location at = ev.location();
        if (type != EventType.HEARTBEAT) {
            totalEvents++;
            if (event.getHeader().getTimestamp() > 0) {
                lastEventTimestamp = event.getHeader().getTimestamp();
            }
        }
        if (isStatementChangeOfUnreplicatedTable(event)) {
            processed = at;
            return;
        }
        EventPolicy.requireSupported(event, at);
        switch (type) {
            case TABLE_MAP -> rows.onTableMap((TableMapEventData) event.getData());
            case TRANSACTION_PAYLOAD -> onTransactionPayload(ev);
            case XA_PREPARE -> {
                xa.onPrepare();
                endTransactionIf(ev);
            }
            case ROTATE -> {
                rows.onRotate();
                endTransactionIf(ev);
            }
            case QUERY -> onQuery(ev, event.getData());
            case HEARTBEAT -> {
                return;
            }
            default -> {
                if (RowEventMapper.isRows(type)) {
                    inTransaction = true;
                    List<RowChange> changes = List.of();
                    if (txns.dropping()) {
                        txns.logDropped(() -> rows.map(event, at), at);
                    } else {
                        try {
                            long transformStart = observer.transformStarts();
                            changes = rows.map(event, at);
                            observer.transformed(type, transformStart);
                        } catch (DmException e) {
                            throw txns.undecodable(e);
                        }
                    }
                    if (xa.collecting()) {
                        xa.add(changes); // applied at XA COMMIT, dropped at XA ROLLBACK
                    } else {
                        dispatch(changes, at);
                    }
                } else if (type == EventType.GTID || type == EventType.MARIADB_GTID) {
                    inTransaction = true;
                    xa.onGtid(event);
                    txns.begin(FailedEvent.of(ev, "").start());
                }
                endTransactionIf(ev);
            }
        }
        processed = at;
        txns.passed(at);
    }

    /**
     * A statement-format data change (a STATEMENT/MIXED session, or the server emptying a MEMORY table after a
     * restart) on a table the task does not replicate has nothing to lose: pass it over instead of stopping.
     */
    private boolean isStatementChangeOfUnreplicatedTable(Event event) {
        if (!(event.getData() instanceof QueryEventData q) || !EventPolicy.isDml(q.getSql())) {
            return false;
        }
        TableId target = DdlNameProbe.dmlTarget(q.getDatabase() == null ? "" : q.getDatabase(), q.getSql());
        if (target == null || selection.keep(target)) {
            return false;
        }
        LOG.debug("statement-format change of {}, a table task {} does not replicate, passed over", target, task.name());
        return true;
    }

    private void dispatch(List<RowChange> changes, Location at) {
        if (changes.isEmpty()) {
            return;
        }
        txns.applying();
        boolean safe = safeMode.activeAt(at);
        pushSafeMark(at);
        lastDispatched = at; // before submitting: a failure halfway must still cover these
        try {
            dispatcher.submit(changes, at, safe);
        } catch (DmException e) {
            throw txns.rejected(e, at);
        }
        rowRate.add(changes.size());
        tableProgress.dispatched(changes, at.position(), lastEventTimestamp);
    }

    /** MySQL 8 compressed transaction: its events, in order, as if they had arrived one by one at its end. */
    private void onTransactionPayload(StreamEvent ev) {
        for (StreamEvent inner : TransactionPayloads.expand(ev)) {
            handle(inner);
        }
    }

    private void endTransactionIf(StreamEvent ev) {
        if (ev.transactionEnd()) {
            try {
                // a replay isolating a rejected transaction keeps each one whole: skipping it then leaves none of its
                // rows (with split-transactions too)
                dispatcher.endTransaction(ev.location(), txns.mustCommitEachTransaction());
            } catch (DmException e) {
                throw txns.rejected(e, ev.location());
            }
            if (txns.mustCommitEachTransaction()) {
                try {
                    applier.flush();
                } catch (DmException e) {
                    throw txns.rejected(e, ev.location());
                }
            }
            BinlogOperator fired = txns.end();
            inTransaction = false;
            checkpoints.holdGlobal(xa.holdsCheckpoint()); // an undecided XA transaction's rows live in memory only
            checkpoints.markTransactionEnd(ev.location());
            observer.transactionEnd(lastEventTimestamp);
            if (fired != null) {
                flushCheckpoint();
                operators.fired(fired);
            }
        }
    }

    /** XA START / END / COMMIT / ROLLBACK; false when {@code sql} is none of them. */
    private boolean onXaStatement(StreamEvent ev, String sql) {
        XaStatement statement = XaStatement.parse(sql);
        if (statement == null) {
            return false;
        }
        switch (statement.kind()) {
            case START -> {
                inTransaction = true;
                xa.onStart(statement);
            }
            case END -> xa.onEnd(statement); // the XA_PREPARE event (or XA COMMIT ... ONE PHASE) follows
            case COMMIT, ROLLBACK -> {
                dispatch(xa.decide(statement, ev.location()), ev.location());
                endTransactionIf(ev);
            }
        }
        return true;
    }

    private void onQuery(StreamEvent ev, QueryEventData q) {
        String sql = q.getSql() == null ? "" : q.getSql().trim();
        if (sql.equalsIgnoreCase("BEGIN") || sql.equalsIgnoreCase("START TRANSACTION")) {
            inTransaction = true;
            txns.begin(FailedEvent.of(ev, sql).start());
            return;
        }
        if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
            endTransactionIf(ev);
            return;
        }
        if (onXaStatement(ev, sql)) {
            return;
        }
        String schema = q.getDatabase() == null ? "" : q.getDatabase();
        FailedEvent event = FailedEvent.of(ev, sql);
        BinlogOperator op = operators.at(event.start()).orElse(null);
        if (op != null) {
            fireOperator(op, ev, schema, sql);
            return;
        }
        boolean executed;
        try {
            executed = applyDdl(schema, sql, ev.location());
        } catch (DmException e) {
            operators.failedAt(event.start());
            throw event.explain(e, task.name());
        }
        endTransactionIf(ev);
        if (executed) {
            flushCheckpoint();
        }
    }

    /** {@code binlog skip|replace|inject} set for this query event; forgotten once the checkpoint is past it. */
    private void fireOperator(BinlogOperator op, StreamEvent ev, String schema, String sql) {
        LOG.info("task {} source {}: binlog operator {} fires on `{}`", task.name(), task.sourceId(), op.describe(), io.dm4j.common.daemon.LogRedaction.sql(sql));
        Location at = ev.location();
        for (String statement : op.sqls()) {
            try {
                if (!applyDdl(schema, statement, at)) {
                    applier.flush();
                    executeDownstream(List.of(statement));
                }
            } catch (SQLException e) {
                throw operatorFailed(op, Downstream.toDmException(e, 1), statement);
            } catch (DmException e) {
                throw operatorFailed(op, e, statement);
            }
        }
        if (op.op() == BinlogOp.INJECT) {
            try {
                applyDdl(schema, sql, at);
            } catch (DmException e) {
                operators.failedAt(op.position());
                throw FailedEvent.of(ev, sql).explain(e, task.name());
            }
        }
        endTransactionIf(ev);
        flushCheckpoint();
        operators.fired(op);
    }

    /** Statements of an operator that are no DDL of a replicated table: run downstream as given, in one transaction. */
    private void executeDownstream(List<String> sqls) throws SQLException {
        LOG.info("task {} source {}: executing operator statements downstream: {}", task.name(), task.sourceId(),
                sqls.stream().map(io.dm4j.common.daemon.LogRedaction::sql).toList());
        downstream.executeTransaction(sqls.stream().map(sql -> new SqlStatement(sql, List.of())).toList());
    }

    /** A rows operator's statements (replace, inject), once every queued change is committed. */
    private void runOperatorStatements(BinlogOperator op) {
        applier.flush();
        try {
            executeDownstream(op.sqls());
        } catch (SQLException e) {
            throw operatorFailed(op, Downstream.toDmException(e, 1), String.join("; ", op.sqls()));
        }
    }

    /**
     * An operator's statement failed: a retryable error stays as it is (auto-resume fires the operator again), any
     * other names the operator, so that a corrected one can be set at its position.
     */
    private DmException operatorFailed(BinlogOperator op, DmException e, String statement) {
        operators.failedAt(op.position());
        return e.retryable() ? e : BinlogOpErrors.OPERATOR_FAILED.wrap(e, op.op().label(), op.positionArg(), statement);
    }

    /**
     * Runs one DDL downstream and in the tracker (after every queued change is committed) and stores the changed
     * table structures; false when the statement concerns no replicated table or is no DDL.
     */
    private boolean applyDdl(String schema, String sql, Location at) {
        DdlHandler.Plan plan = ddl.plan(schema, sql);
        if (plan.isEmpty()) {
            return false;
        }
        boolean safe = safeMode.activeAt(at);
        applier.flush(); // DDL waits until every earlier change is committed downstream
        Set<TableId> before = new HashSet<>(tracker.tables());
        Set<TableId> touched = new HashSet<>();
        long ddlStart = System.nanoTime();
        ddl.execute(plan, schema, at, safe, touched::add);
        observer.ddlExecuted(System.nanoTime() - ddlStart);
        rows.forgetLayouts();
        for (TableId t : before) {
            if (tracker.get(t) == null) {
                checkpoints.removeTable(t);
            }
        }
        for (TableId t : touched) {
            TableSchema s = t.isSchemaOnly() ? null : tracker.get(t);
            if (s != null) {
                checkpoints.saveTablePoint(t, at, tracker.toJson(s));
            }
        }
        return true;
    }

    /** The tracked structure of a table; the first time a rows event names it, the one its rows fit. */
    private TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
        TableSchema s = tracker.get(table);
        if (s != null) {
            return s;
        }
        s = firstSeen.resolve(table, tableMap, () -> String.valueOf(processed));
        if (!s.hasIdentityKey()) {
            LOG.warn("table {} has no primary key or not-null unique key: its rows are matched by all columns, which is"
                    + " slow, and its changes are applied on one queue (the keyless lane)", table);
        }
        checkpoints.saveTablePoint(table, processed, tracker.toJson(s));
        return s;
    }

    /** Stores a safe-mode exit point ahead of {@code at} before any change at {@code at} reaches the applier. */
    private void pushSafeMark(Location at) {
        if (safeMark != null && SafeMark.covers(safeMark, at)) {
            return;
        }
        Location mark = SafeMark.ahead(at, SAFE_MARK_STRIDE);
        checkpoints.saveExitSafe(mark);
        safeMark = mark;
    }

    private void flushCheckpoint() {
        checkpoints.flush();
        tableProgress.allApplied();
        observer.checkpointFlushed();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stop

    private void stopCleanly() {
        closeStream();
        applier.flush();
        Location exact = checkpoints.candidate();
        // A clean stop at a transaction end needs no replay: the exit point equals the checkpoint, unless a replay
        // window of the previous run is still open, a transaction was stopped halfway or an XA transaction holds the
        // checkpoint behind rows already applied.
        checkpoints.saveExitSafe(ExitPoint.of(exact, lastDispatched, safeMode.replayBound()));
        checkpoints.flush();
        applier.close();
        LOG.info("sync unit of task {} on source {} paused at {}", task.name(), task.sourceId(), exact);
    }

    private void stopAfterFailure() {
        closeStream();
        if (applier != null && checkpoints != null) {
            recordExitAfterFailure();
        }
        if (applier != null) {
            applier.close();
        }
    }

    /**
     * Stores where the failed run got to, so the next start (resume, auto-resume) replays in safe mode only what
     * may be downstream, not up to the mark pushed 16 MiB ahead. When the applier is still healthy (a DDL, filter or
     * decoding failure) its changes are drained and the checkpoint flushed first; otherwise the exit point is the
     * last dispatched change. If even that cannot be written, the pushed mark stays, which is safe.
     */
    private void recordExitAfterFailure() {
        if (applier.failure().isEmpty()) {
            try {
                checkpoints.flush();
            } catch (RuntimeException e) {
                LOG.warn("sync unit of task {} on source {}: could not flush the checkpoint after the failure: {}",
                        task.name(), task.sourceId(), e.getMessage());
            }
        }
        try {
            Location exit = ExitPoint.of(checkpoints.flushed(), lastDispatched, safeMode.replayBound());
            checkpoints.saveExitSafe(exit);
            LOG.info("sync unit of task {} on source {} stopped by a failure at checkpoint {}; safe mode on resume"
                    + " up to {}", task.name(), task.sourceId(), checkpoints.flushed(), exit);
        } catch (RuntimeException e) {
            LOG.warn("sync unit of task {} on source {}: could not store the exit point after the failure ({});"
                    + " the next start replays in safe mode up to {}", task.name(), task.sourceId(), e.getMessage(),
                    safeMark);
        }
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() {
        pause();
        awaitProcessEnded();
        closeStream();
        if (applier != null) {
            applier.close();
        }
        if (downstream != null) {
            downstream.close();
            downstream = null;
        }
        if (serverId != 0) {
            ServerIds.release(serverId);
            serverId = 0;
        }
        if (relay != null) {
            relay.unregister(task.name());
        }
    }

    /** A stop must not tear the stream down under a running transaction: the running process() stops first. */
    private void awaitProcessEnded() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (lifecycle) {
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("sync unit of task {} on source {} did not stop within {} s; closing it anyway",
                            task.name(), task.sourceId(), CLOSE_WAIT.toSeconds());
                    return;
                }
                try {
                    lifecycle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Status

    private void refreshMasterStatus(boolean force) {
        long now = clock.millis();
        if (!force && now - lastMasterCheck < MASTER_STATUS_PERIOD.toMillis()) {
            return;
        }
        lastMasterCheck = now;
        try {
            masterPosition = upstream.masterStatus().orElse(null);
            masterPositionReadAt = clock.millis();
            masterGtid = upstream.gtidExecuted(flavor);
        } catch (SQLException e) {
            LOG.debug("SHOW MASTER STATUS failed: {}", e.getMessage());
        }
    }

    @Override
    public SyncStatus status() {
        ApplyStats stats = applier == null ? null : applier.stats();
        Location at = processed;
        BinlogPosition master = masterPosition;
        ReplicationLag.Lag lag = ReplicationLag.of(at == null ? null : at.position(), master, masterPositionReadAt,
                stats == null ? 0 : stats.pendingRows(), lastEventTimestamp, clock.millis());
        boolean synced = lag.synced();
        long behind = lag.secondsBehindMaster();
        long insert = stats == null ? 0 : stats.totalInsert();
        long update = stats == null ? 0 : stats.totalUpdate();
        long delete = stats == null ? 0 : stats.totalDelete();
        // Applied up to: the last transaction end once nothing is pending, else the last stored checkpoint.
        Location flushed = checkpoints == null ? at
                : stats != null && stats.pendingRows() == 0 ? checkpoints.candidate() : checkpoints.flushed();
        return new SyncStatus(totalEvents, rowRate.totalRate(), rowRate.recentRate(),
                master == null ? "" : master.toString(), masterGtid,
                flushed == null ? "" : flushed.position().toString(), flushed == null ? "" : flushed.gtidText(),
                List.of(), List.of(), synced, binlogType, behind, "", "", insert + update + delete,
                rowRate.totalRate(), rowRate.recentRate(), insert, update, delete,
                safeMode != null && safeMode.pendingAt(at), stream == null ? 0 : stream.reconnects(),
                retriesOfEarlierRuns + (stats == null ? 0 : stats.retries()));
    }

    /** The tracked structures, for {@code binlog-schema}; empty before the unit's first start. */
    public java.util.Optional<TrackedSchemas> trackedSchemas() {
        if (tracker == null || store == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TrackedSchemas(task.name(), task.sourceId(), tracker, store, upstream, downstream, selection));
    }

    /** The applier's counters for /metrics (read at scrape time); null before the unit's first start. */
    public ApplyStats applyStats() {
        DmlApplier a = applier;
        return a == null ? null : a.stats();
    }

    /** The unit's duration and lag histograms, for /metrics. */
    public io.dm4j.worker.metrics.SyncObserver observer() {
        return observer;
    }

    /** Per table: rows applied, last applied position and event time, for /metrics. */
    public List<TableProgress.Applied> tableProgress() {
        DmlApplier a = applier;
        return tableProgress.snapshot(() -> a == null ? 0 : a.stats().pendingRows());
    }

    /** Changes waiting in each apply queue, for /metrics; empty before the unit's first start. */
    public List<Integer> applyQueueLengths() {
        DmlApplier a = applier;
        return a == null ? List.of() : a.queueLengths();
    }

    /** Whether every change handed to the applier is committed downstream. */
    public boolean appliedAll() {
        DmlApplier a = applier;
        return a != null && a.stats().pendingRows() == 0;
    }

    /** Where the unit has read up to (for tests and status). */
    public Location processedLocation() {
        return processed;
    }

    // ---------------------------------------------------------------------------------------------------------

    private String oldestBinlog() {
        try {
            List<String> logs = upstream.binaryLogs();
            return logs.isEmpty() ? "(none: binary logging is off)" : logs.get(0);
        } catch (SQLException e) {
            return "(unknown: SHOW BINARY LOGS failed: " + e.getMessage() + ")";
        }
    }

    /** The zone of the task's {@code timezone} key (UTC when empty): TIMESTAMP values are written in it. */
    public static ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        String t = timezone.trim();
        if (t.equalsIgnoreCase("SYSTEM") || t.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        return t.startsWith("+") || t.startsWith("-") ? ZoneOffset.of(t) : ZoneId.of(t);
    }
}
