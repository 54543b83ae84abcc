package io.dm4j.worker.load;

import io.dm4j.common.config.ImportMode;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.SqlFailures;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpFeed;
import io.dm4j.worker.dump.DumpFiles;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.dump.DumpMetadata;
import io.dm4j.worker.dump.Progress;
import io.dm4j.worker.progress.TableBoard;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load unit: imports a dump directory written by {@link io.dm4j.worker.dump.DumpUnit} into the downstream.
 * <ol>
 *   <li>creates the databases and tables with routes applied (a merge route creates its target once, with the
 *       {@code extract-*} columns; an existing target is used as it is, after checking it has those columns);</li>
 *   <li>loads the data files with {@code loaders.pool-size} connections: SQL files statement by statement, CSV files
 *       with LOAD DATA LOCAL INFILE, each commit carrying the file's new offset in
 *       {@code {meta-schema}.{task}_loader_checkpoint}, so a restart continues exactly where it stopped;</li>
 *   <li>creates the views;</li>
 *   <li>with {@code clean-dump-file}, removes the data files ({@code all}: metadata and schema files stay for the
 *       sync unit, as in DM) or the whole directory ({@code full}).</li>
 * </ol>
 * Connections use UTC, like the dump, so TIMESTAMP values arrive unchanged.
 */
public final class LoadUnit implements Unit {
    private static final Logger LOG = LoggerFactory.getLogger(LoadUnit.class);
    private static final int RETRIES = 3;

    private final SubTaskConfig cfg;
    private final DownstreamConfig target;
    private final Path dir;
    private final TableRouter router;
    private final AtomicLong finishedBytes = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong finishedFiles = new AtomicLong();
    /** Per-table bytes and files, for query-status. */
    private final TableBoard tables = new TableBoard();
    private volatile String stage = "new";
    private volatile long startNanos;
    private volatile long startBytes;
    private volatile long endNanos;
    private volatile DumpMetadata metadata;
    private volatile boolean stopRequested;
    private volatile Downstream downstream;
    private volatile CommitHook hook = CommitHook.NONE;
    private volatile DumpFeed feed;

    /**
     * @param cfg    the subtask (routes, loaders settings, meta-schema, clean-dump-file, task-mode)
     * @param target the downstream; its pool is sized from {@code loaders.pool-size}
     */
    public LoadUnit(SubTaskConfig cfg, DownstreamConfig target) {
        this.cfg = cfg;
        this.target = target;
        this.dir = Path.of(cfg.dumpDir());
        this.router = TableRouter.create(cfg.routeRules(), cfg.caseSensitive());
    }

    @Override
    public UnitType type() {
        return UnitType.LOAD;
    }

    /**
     * Makes the load follow a dump that is still running: it creates the tables once the dump has written them and
     * loads every data file as soon as the dump has finished it (see {@link DumpFollower}); null = load the finished
     * dump in the directory.
     */
    public void follow(DumpFeed feed) {
        this.feed = feed;
    }

    /** The dump's metadata (the sync unit's start point), once the load has read it; null before. */
    public DumpMetadata metadata() {
        return metadata;
    }

    /** For tests: called before every data commit. */
    void setCommitHook(CommitHook hook) {
        this.hook = hook == null ? CommitHook.NONE : hook;
    }

    @Override
    public UnitResult process() {
        stopRequested = false;
        try {
            boolean complete = run();
            if (!complete) {
                stage = "paused";
                return UnitResult.cancel();
            }
            stage = "finished";
            endNanos = System.nanoTime();
            return UnitResult.done();
        } catch (DmException e) {
            if (stopRequested) {
                stage = "paused";
                return UnitResult.cancel();
            }
            stage = "failed";
            LOG.error("load of task {} source {} failed: {}", cfg.name(), cfg.sourceId(), e.getMessage());
            return UnitResult.failed(e);
        } catch (RuntimeException e) {
            stage = stopRequested ? "paused" : "failed";
            if (stopRequested) {
                return UnitResult.cancel();
            }
            LOG.error("load of task {} source {} failed", cfg.name(), cfg.sourceId(), e);
            return UnitResult.failed(LoadErrors.EXECUTE_FAILED.wrap(e, dir, 0L, "the target"));
        } finally {
            Downstream d = downstream;
            downstream = null;
            if (d != null) {
                d.close();
            }
        }
    }

    private boolean run() {
        ImportMode mode = cfg.loader().importMode();
        if (mode == ImportMode.IMPORT_INTO) {
            throw LoadErrors.IMPORT_MODE_UNSUPPORTED.error(mode.label());
        }
        stage = "preparing";
        DumpFeed following = feed;
        DumpIndex catalog;
        if (following == null) {
            catalog = DumpIndex.exists(dir) && DumpMetadata.exists(dir) ? DumpIndex.read(dir) : null;
            if (catalog != null) {
                metadata = DumpMetadata.read(dir, catalog.flavor());
            }
        } else {
            stage = "waiting for the dump";
            catalog = following.awaitCatalog(() -> stopRequested);
            if (catalog == null) {
                return false; // the dump stopped before it wrote the tables
            }
        }
        int pool = Math.max(1, cfg.loader().poolSize());
        DownstreamConfig dc = new DownstreamConfig(target.host(), target.port(), target.user(), target.password(),
                target.session(), ZoneOffset.UTC, target.tls(), pool + 2 + earlyIndexThreads());
        downstream = Downstream.open(dc, cfg.name() + "-load",
                catalog != null && catalog.format() == DataFormat.CSV ? dir : null);
        LoaderCheckpoint checkpoint = new LoaderCheckpoint(downstream.dataSource(), cfg.metaSchema(), cfg.name(),
                cfg.sourceId());
        if (catalog == null) {
            return finishedWithoutDump(checkpoint);
        }
        if (catalog.format() == DataFormat.CSV) {
            checkLocalInfile();
        }
        checkpoint.prepare();
        Map<String, LoaderCheckpoint.FilePoint> points = checkpoint.load();
        StaleLoad.Decision stale = StaleLoad.decide(points.values(), catalog, router, cfg.shardMode(), cfg.sourceId(),
                cfg.name());
        if (stale.stale()) {
            clearStaleLoad(stale, catalog, checkpoint);
            points = Map.of();
        }

        stage = "creating tables";
        DeferredIndexStore deferred = new DeferredIndexStore(downstream.dataSource(), cfg.metaSchema(), cfg.name(),
                cfg.sourceId());
        Map<TableId, ExtractedColumns> extracts = createSchemasAndTables(catalog, deferred);

        // process() runs again on the same unit after a pause or an error: count from the checkpoint afresh
        tables.reset();
        DeferredIndexBuild indexes = new DeferredIndexBuild(downstream.dataSource(), deferred, earlyIndexThreads(), pool);
        try {
            return loadAndIndex(catalog, following, checkpoint, points, extracts, indexes, pool);
        } finally {
            indexes.close();
        }
    }

    /** Connections that build a loaded table's deferred indexes while the other tables still load. */
    private static int earlyIndexThreads() {
        return 1;
    }

    private boolean loadAndIndex(DumpIndex catalog, DumpFeed following, LoaderCheckpoint checkpoint,
                                 Map<String, LoaderCheckpoint.FilePoint> points, Map<TableId, ExtractedColumns> extracts,
                                 DeferredIndexBuild indexes, int pool) {
        Map<String, TableId> targetOf = new HashMap<>();
        for (DumpIndex.TableEntry t : catalog.baseTables()) {
            targetOf.put(t.id().toString(), router.route(t.id()));
        }
        tables.onTableDone(name -> {
            TableId target = targetOf.get(name);
            if (target != null) {
                indexes.tableLoaded(target);
            }
        });
        totalBytes.set(0);
        finishedBytes.set(0);
        totalFiles.set(0);
        finishedFiles.set(0);
        FilePlanner planner = new FilePlanner(dir, router, extracts, points, catalog.dumpId(),
                new FilePlanner.Counters(totalBytes, finishedBytes, totalFiles, finishedFiles));
        // only LOAD DATA takes the table-level AUTO-INC lock: a multi-row INSERT or REPLACE of a SQL file has a known
        // row count, which InnoDB serves without it
        FileQueue queue = new FileQueue(catalog.format() == DataFormat.CSV
                ? serialTargets(new HashSet<>(targetOf.values())) : Set.of());
        Feeder feeder;
        int connections = pool;
        DumpIndex[] complete = {catalog};
        // a dump that reused its complete directory has nothing left to overlap: load its files in the best order
        if (following != null && !following.complete() && overlaps(catalog)) {
            DumpFollower follower = new DumpFollower(following, catalog, tables, planner, checkpoint, queue);
            feeder = stop -> {
                DumpFeed.Update end = follower.follow(stop);
                if (end == null) {
                    return false;
                }
                complete[0] = end.index();
                metadata = end.metadata();
                return true;
            };
            LOG.info("loading the data files of task {} source {} as the dump finishes them, with {} connections",
                    cfg.name(), cfg.sourceId(), pool);
        } else {
            if (following != null) {
                stage = "waiting for the dump";
                DumpFeed.Update end = following.awaitEnd(() -> stopRequested);
                if (!end.complete()) {
                    return false;
                }
                complete[0] = end.index();
                metadata = end.metadata();
            }
            DumpIndex index = complete[0];
            for (DumpIndex.TableEntry t : index.baseTables()) {
                TableBoard.Entry tableProgress = tables.register(t.id().toString(),
                        t.files().stream().mapToLong(DumpIndex.FileEntry::rows).sum(),
                        t.files().stream().mapToLong(DumpIndex.FileEntry::bytes).sum(), t.files().size());
                if (t.files().isEmpty()) {
                    tableProgress.markDone();
                }
                for (DumpIndex.FileEntry f : t.files()) {
                    planner.add(t, f, tableProgress);
                }
            }
            List<FileJob> jobs = ordered(planner.submit(checkpoint));
            connections = Math.max(1, Math.min(pool, jobs.size()));
            queue.addAll(jobs);
            queue.close();
            feeder = stop -> true;
            LOG.info("loading {} of {} data files ({} of {} bytes left) of task {} source {} with {} connections",
                    totalFiles.get() - finishedFiles.get(), totalFiles.get(), totalBytes.get() - finishedBytes.get(),
                    totalBytes.get(), cfg.name(), cfg.sourceId(), pool);
        }

        stage = "loading";
        startBytes = finishedBytes.get();
        startNanos = System.nanoTime();
        if (!loadFiles(queue, feeder, checkpoint, complete[0].format(), connections, indexes::loadConnectionFreed)) {
            return false;
        }
        buildDeferredIndexes(indexes, pool);
        stage = "creating views";
        createViews(complete[0]);
        cleanDumpFiles();
        LOG.info("loaded {} bytes of task {} source {}; the sync unit starts at {}", totalBytes.get(), cfg.name(),
                cfg.sourceId(), metadata.location());
        return true;
    }

    /**
     * Whether the files of a running dump may be loaded as they come: not when a target table is fed by more than
     * one dumped table (or gets extract-* columns), since after a crash during the dump the re-dump could then not
     * empty it without deleting the other tables' rows (see {@link StaleLoad}); those load after the dump.
     */
    private boolean overlaps(DumpIndex catalog) {
        java.util.Set<TableId> shared = StaleLoad.sharedTargets(catalog, router, cfg.shardMode(), cfg.sourceId());
        if (shared.isEmpty()) {
            return true;
        }
        LOG.info("task {} source {}: the load starts after the dump, since these targets are fed by several tables: {}",
                cfg.name(), cfg.sourceId(), shared);
        return false;
    }

    /** The targets whose files load one at a time ({@link AutoIncrementLock}). */
    private Set<TableId> serialTargets(Set<TableId> targets) {
        try (Connection c = downstream.connection()) {
            return AutoIncrementLock.serialTargets(c, targets);
        } catch (SQLException e) {
            throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), "listing the AUTO_INCREMENT tables among the "
                    + targets.size() + " load target(s)");
        }
    }

    /**
     * One table after the other, the largest first, each table's files in key order ({@link FileQueue} still gives
     * each AUTO_INCREMENT table of a LOAD DATA load one connection at a time, so those spread over the tables).
     */
    private static List<FileJob> ordered(List<FileJob> jobs) {
        // the connections then append to neighbouring ranges of one table, which keeps the target's buffer pool
        // working on few pages
        Map<TableId, Long> tableBytes = new LinkedHashMap<>();
        for (FileJob j : jobs) {
            tableBytes.merge(j.table().id(), j.size(), Long::sum);
        }
        List<FileJob> ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparing((FileJob j) -> -tableBytes.get(j.table().id()))
                .thenComparing(j -> j.table().id())
                .thenComparing(FileJob::name));
        return ordered;
    }

    /** Fills the file queue while the connections load (a dump being followed); false when it was abandoned. */
    @FunctionalInterface
    private interface Feeder {
        boolean feed(java.util.function.BooleanSupplier stop);
    }

    /** The checkpoint belongs to an earlier dump: truncate what it loaded, then forget its progress. */
    private void clearStaleLoad(StaleLoad.Decision stale, DumpIndex index, LoaderCheckpoint checkpoint) {
        LOG.warn("the load checkpoint of task {} source {} belongs to dump {}, the dump directory holds dump {}: the"
                + " {} target table(s) it loaded into are truncated and the new dump is loaded from the start: {}",
                cfg.name(), cfg.sourceId(), stale.oldDumpId(), index.dumpId(), stale.truncate().size(), stale.truncate());
        for (TableId t : stale.truncate()) {
            if (tableExists(t)) {
                String sql = "TRUNCATE TABLE " + t.quoted();
                try (Connection c = downstream.connection(); Statement st = c.createStatement()) {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), sql);
                }
            }
        }
        checkpoint.reset();
    }

    /** No dump directory: fine only when the checkpoint shows a load that already finished (files cleaned). */
    private boolean finishedWithoutDump(LoaderCheckpoint checkpoint) {
        Map<String, LoaderCheckpoint.FilePoint> points = checkpoint.load();
        if (points.isEmpty()) {
            throw LoadErrors.DUMP_DIR_NOT_FOUND.error(dir, Files.isDirectory(dir)
                    ? "no " + DumpIndex.FILE_NAME + " or metadata (the dump did not finish)" : "the directory does not exist");
        }
        if (points.values().stream().allMatch(LoaderCheckpoint.FilePoint::done)) {
            LOG.info("load of task {} source {} finished earlier and its dump files are cleaned", cfg.name(), cfg.sourceId());
            try (DeferredIndexBuild indexes = new DeferredIndexBuild(downstream.dataSource(), new DeferredIndexStore(
                    downstream.dataSource(), cfg.metaSchema(), cfg.name(), cfg.sourceId()), 1, 0)) {
                buildDeferredIndexes(indexes, cfg.loader().poolSize());
            }
            long bytes = points.values().stream().mapToLong(LoaderCheckpoint.FilePoint::endPos).sum();
            totalBytes.set(bytes);
            finishedBytes.set(bytes);
            totalFiles.set(points.size());
            finishedFiles.set(points.size());
            return true;
        }
        throw LoadErrors.DUMP_DIR_NOT_FOUND.error(dir, "the load checkpoint has unfinished files but the dump is gone");
    }

    private void checkLocalInfile() {
        try (Connection c = downstream.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@GLOBAL.local_infile")) {
            rs.next();
            String v = rs.getString(1);
            if (!"1".equals(v) && !"ON".equalsIgnoreCase(v)) {
                throw LoadErrors.LOCAL_INFILE_DISABLED.error(dir);
            }
        } catch (SQLException e) {
            throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), "SELECT @@GLOBAL.local_infile");
        }
    }

    /**
     * Creates the routed databases and tables; returns the extract values of every table whose route has them.
     * Several source tables routed to one target create it once (the first schema file wins).
     */
    private Map<TableId, ExtractedColumns> createSchemasAndTables(DumpIndex index, DeferredIndexStore deferred) {
        Map<String, String> tableCreates = new HashMap<>(); // each schema file read once
        Function<DumpIndex.TableEntry, String> createOf =
                t -> tableCreates.computeIfAbsent(t.schemaFile(), this::readSchemaStatement);
        Set<TableId> deferrable = deferrableTargets(index, createOf);
        Set<String> createdSchemas = new HashSet<>();
        for (DumpIndex.SchemaEntry s : index.schemas()) {
            String targetSchema = router.route(TableId.schemaOnly(s.name())).schema();
            if (createdSchemas.add(targetSchema)) {
                ddl(CreateStatements.createDatabase(readSchemaStatement(s.file()), targetSchema), "database " + targetSchema);
            }
        }
        Map<TableId, ExtractedColumns> extracts = new LinkedHashMap<>();
        Map<TableId, Runnable> creations = new LinkedHashMap<>(); // per target, run once
        for (DumpIndex.TableEntry t : index.baseTables()) {
            TableId routed = router.route(t.id());
            ExtractedColumns extract = router.extract(t.id(), cfg.sourceId());
            if (!extract.isEmpty()) {
                extracts.put(t.id(), extract);
            }
            if (createdSchemas.add(routed.schema())) {
                ddl(CreateStatements.createDatabase(routed.schema()), "database " + routed.schema());
            }
            if (!creations.containsKey(routed)) {
                String create = createOf.apply(t);
                creations.put(routed, () -> createTable(t, routed, create, extract, deferrable.contains(routed),
                        deferred));
            }
        }
        runOnConnections(creations.values());
        return extracts;
    }

    /** Creates one target table, or checks the one that exists; safe to run beside the others. */
    private void createTable(DumpIndex.TableEntry t, TableId routed, String dumpedCreate, ExtractedColumns extract,
                             boolean deferrable, DeferredIndexStore deferred) {
        if (tableExists(routed)) {
            if (!extract.isEmpty()) {
                requireColumns(routed, extract.columns());
            }
            LOG.info("table {} exists downstream; it is used as it is", routed);
            return;
        }
        String create;
        try {
            create = CreateStatements.createTable(dumpedCreate, routed, extract.columns());
        } catch (IllegalArgumentException e) {
            throw LoadErrors.INVALID_STATEMENT.wrap(e, t.schemaFile(), 0L, e.getMessage());
        }
        if (deferrable) {
            DeferredIndexes.Split split = DeferredIndexes.split(create);
            if (!split.deferred().isEmpty()) {
                // recorded first: a crash after the CREATE still finds what the table lacks
                deferred.record(routed, split.deferred());
                create = split.create();
                LOG.info("table {} is created without its secondary index(es) {}, built after the load", routed,
                        split.deferred().stream().map(DeferredIndexes.Index::name).toList());
            }
        }
        ddl(create, "table " + routed);
    }

    /**
     * Runs {@code tasks} on up to {@code pool-size} threads, each with its own downstream connection: a CREATE TABLE
     * waits on the server's file and dictionary work (about 4 ms here), so hundreds of tables one after another kept
     * the load from starting for seconds (docs/benchmarks.md, session 13). The first failure is thrown once every
     * started task has ended; the tasks not yet started are dropped.
     */
    private void runOnConnections(java.util.Collection<Runnable> tasks) {
        int threads = Math.min(Math.max(1, cfg.loader().poolSize()), tasks.size());
        if (threads <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        AtomicReference<DmException> failure = new AtomicReference<>();
        ExecutorService pool = daemonThreads(threads, "dm4j-load-create-" + cfg.name());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        task.run();
                    } catch (DmException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            awaitAll(futures, failure);
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static ExecutorService daemonThreads(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for every future; an interrupt is a stop request, a task that threw is the failure unless one is set. */
    private void awaitAll(List<Future<?>> futures, AtomicReference<DmException> failure) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            } catch (java.util.concurrent.ExecutionException e) {
                failure.compareAndSet(null, LoadErrors.EXECUTE_FAILED.wrap(e.getCause(), dir, 0L, "the target"));
            }
        }
    }

    /**
     * The targets whose plain secondary indexes may wait for the end of the load: with {@code defer-secondary-indexes}
     * on, none of a dump that has a foreign key (a constraint may need an index), no target that other tables or
     * sources also feed (another load may still be running into it), and no table smaller than
     * {@code defer-secondary-indexes-min-size}: a deferred index costs an ALTER TABLE after the load (a metadata lock,
     * a scan of the table, a dictionary change: 5-9 ms for a 200-row table here) and a row in the deferred-index
     * table, more than a small table's row-by-row index inserts (measured: sysbench tables of 256 KB load faster
     * with their index, of 1.5 MB and more without; docs/benchmarks.md, session 13). While the dump still writes a
     * table, its size is the upstream's estimate.
     */
    private Set<TableId> deferrableTargets(DumpIndex index,
                                           Function<DumpIndex.TableEntry, String> createOf) {
        if (!cfg.loader().deferSecondaryIndexes()) {
            return Set.of();
        }
        Set<TableId> shared = StaleLoad.sharedTargets(index, router, cfg.shardMode(), cfg.sourceId());
        Set<TableId> out = new HashSet<>();
        long minBytes = cfg.loader().deferSecondaryIndexesMinBytes();
        int small = 0;
        for (DumpIndex.TableEntry t : index.baseTables()) {
            if (DeferredIndexes.hasForeignKey(createOf.apply(t))) {
                LOG.info("task {} source {}: {} has a foreign key; the load creates every table with all its indexes",
                        cfg.name(), cfg.sourceId(), t.id());
                return Set.of();
            }
            TableId target = router.route(t.id());
            if (shared.contains(target)) {
                continue;
            }
            if (t.knownBytes() < minBytes) {
                small++;
            } else {
                out.add(target);
            }
        }
        if (small > 0) {
            LOG.info("task {} source {}: {} table(s) smaller than defer-secondary-indexes-min-size {} are created with"
                    + " their secondary indexes", cfg.name(), cfg.sourceId(), small,
                    cfg.loader().deferSecondaryIndexesMinSize());
        }
        return out;
    }

    private void buildDeferredIndexes(DeferredIndexBuild indexes, int threads) {
        stage = "building deferred indexes";
        long start = System.nanoTime();
        int tablesBuilt = indexes.finish(threads);
        if (tablesBuilt > 0) {
            LOG.info("built the deferred secondary indexes of {} table(s) of task {} source {} in {} ms", tablesBuilt,
                    cfg.name(), cfg.sourceId(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void createViews(DumpIndex index) {
        for (DumpIndex.TableEntry v : index.views()) {
            TableId routed = router.route(v.id());
            String create;
            try {
                create = CreateStatements.createView(readSchemaStatement(v.schemaFile()), v.id(), routed);
            } catch (IllegalArgumentException e) {
                throw LoadErrors.INVALID_STATEMENT.wrap(e, v.schemaFile(), 0L, e.getMessage());
            }
            ddl(create, "view " + routed);
        }
    }

    /** The CREATE statement of a schema file (its other statements only set the session). */
    private String readSchemaStatement(String file) {
        Path path = dir.resolve(file);
        try (SqlStatementReader r = new SqlStatementReader(path, 0)) {
            for (SqlStatementReader.Statement s = r.next(); s != null; s = r.next()) {
                String sql = s.sql();
                if (sql.stripLeading().regionMatches(true, 0, "CREATE", 0, 6)) {
                    return sql;
                }
            }
        } catch (IOException e) {
            throw LoadErrors.FILE_READ.wrap(e, path);
        }
        throw LoadErrors.INVALID_STATEMENT.error(file, 0L, "no CREATE statement in the file");
    }

    private void ddl(String sql, String what) {
        try (Connection c = downstream.connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            if (SqlFailures.classify(e).retryable()) {
                throw DbErrors.BAD_CONN.wrap(SqlFailures.rawCause(e), what);
            }
            throw LoadErrors.CREATE_FAILED.wrap(SqlFailures.rawCause(e), what);
        }
    }

    private boolean tableExists(TableId t) {
        String sql = "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (Connection c = downstream.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), "listing downstream tables");
        }
    }

    private void requireColumns(TableId t, List<String> columns) {
        String sql = "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        Set<String> have = new HashSet<>();
        try (Connection c = downstream.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    have.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), "listing downstream columns");
        }
        List<String> missing = columns.stream().filter(c -> !have.contains(c.toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty()) {
            throw LoadErrors.EXTRACT_COLUMNS_MISSING.error(t, missing);
        }
    }

    /**
     * Loads the queued files on {@code threads} connections while {@code feeder} fills the queue on this thread;
     * false when stopped on request or when the feeder gave up (the dump it followed did not complete).
     */
    private boolean loadFiles(FileQueue queue, Feeder feeder, LoaderCheckpoint checkpoint, DataFormat format,
                              int threads, Runnable connectionDone) {
        AtomicReference<DmException> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.BooleanSupplier halt = () -> stopRequested || failure.get() != null || abandoned.get();
        FileLoader loader = new FileLoader(downstream.dataSource(), checkpoint, cfg.loader().onDuplicateLogical(),
                finishedBytes, halt, hook);
        ExecutorService pool = daemonThreads(threads, "dm4j-load-" + cfg.name());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    for (FileJob job = queue.take(halt); job != null; job = queue.take(halt)) {
                        try {
                            if (loadWithRetry(loader, checkpoint, job, format)) {
                                finishedFiles.incrementAndGet();
                                FilePlanner.fileDone(job.progress(), job.file(), 0);
                            }
                        } catch (DmException e) {
                            failure.compareAndSet(null, e);
                            return;
                        } finally {
                            queue.done(job);
                        }
                    }
                    if (!halt.getAsBoolean()) {
                        connectionDone.run(); // no file left for this connection
                    }
                }));
            }
            try {
                if (!feeder.feed(halt)) {
                    abandoned.set(true);
                }
            } catch (DmException e) {
                failure.compareAndSet(null, e);
            } finally {
                queue.close();
            }
            awaitAll(futures, failure);
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return !stopRequested && !abandoned.get();
    }

    /** Loads one file, resuming it from its stored offset after a lost connection or a transient conflict. */
    private boolean loadWithRetry(FileLoader loader, LoaderCheckpoint checkpoint, FileJob job, DataFormat format) {
        for (int attempt = 1; ; attempt++) {
            long offset = checkpoint.offset(job.name());
            try {
                return loader.load(job, offset, format);
            } catch (FileLoader.DuplicateException e) {
                throw LoadErrors.DUPLICATE_ENTRY.wrap(SqlFailures.rawCause(e), job.name(), job.target());
            } catch (SQLException e) {
                if (stopRequested) {
                    throw LoadErrors.EXECUTE_RETRYABLE.wrap(SqlFailures.rawCause(e), job.name(), offset, job.target());
                }
                SqlFailures.Kind kind = SqlFailures.classify(e);
                if (!kind.retryable()) {
                    throw LoadErrors.EXECUTE_FAILED.wrap(SqlFailures.rawCause(e), job.name(), offset, job.target());
                }
                if (attempt >= RETRIES) {
                    throw LoadErrors.EXECUTE_RETRYABLE.wrap(SqlFailures.rawCause(e), job.name(), offset, job.target());
                }
                LOG.warn("loading {} was interrupted ({}); retrying from the checkpoint (attempt {} of {})", job.name(),
                        e.getMessage(), attempt + 1, RETRIES);
                sleep(500L * attempt);
            } catch (IOException e) {
                throw LoadErrors.FILE_READ.wrap(e, job.path());
            }
        }
    }

    private void cleanDumpFiles() {
        if (!cfg.cleanDumpFile()) {
            return;
        }
        try {
            if (cfg.taskMode().hasSync()) {
                DumpFiles.deleteDataFiles(dir); // metadata and schema files stay for the sync unit
            } else {
                DumpFiles.deleteTree(dir);
            }
            LOG.info("removed the loaded dump files in {}", dir);
        } catch (IOException e) {
            LOG.warn("cannot remove the dump files in {}: {}", dir, e.getMessage());
        }
    }

    /**
     * {@code start-task --remove-meta} for the full-data part of a subtask: deletes its rows of the load checkpoint
     * (the table too once empty) and the dump directory, so the next start dumps afresh.
     */
    public static void removeMeta(DataSource target, SubTaskConfig cfg) {
        try {
            new LoaderCheckpoint(target, cfg.metaSchema(), cfg.name(), cfg.sourceId()).remove();
            DumpFiles.deleteTree(Path.of(cfg.dumpDir()));
        } catch (SQLException e) {
            throw LoadErrors.REMOVE_META_FAILED.wrap(SqlFailures.rawCause(e), cfg.name(), cfg.sourceId(), e.getMessage());
        } catch (IOException e) {
            throw LoadErrors.REMOVE_META_FAILED.wrap(e, cfg.name(), cfg.sourceId(), "cannot delete " + cfg.dumpDir());
        }
    }

    /**
     * Stops at once, like {@link #close()}: waiting for a statement in flight could take as long as a whole data file
     * or a lock wait, and its transaction carries the checkpoint, so killing it loses nothing; process() resumes.
     */
    @Override
    public void pause() {
        close();
    }

    @Override
    public LoadStatus status() {
        boolean finished = "finished".equals(stage);
        long done = finishedBytes.get();
        long total = totalBytes.get();
        long bps = Progress.bytesPerSecond(done - startBytes, startNanos, endNanos);
        DumpMetadata m = metadata;
        DumpFeed f = feed;
        boolean dumpRunning = f != null && !f.complete(); // the totals are those of the files finished so far
        String binlog = m == null || m.location() == null ? "" : m.location().position().toString();
        String gtid = m == null || m.location() == null ? "" : m.location().gtidText();
        return new LoadStatus(done, total, Progress.percent(done, total, finished), binlog, gtid, bps, stage,
                totalFiles.get(), finishedFiles.get(), dumpRunning ? -1 : Progress.etaSeconds(done, total, bps, finished),
                tables.snapshot(TableBoard.DEFAULT_LISTED, false));
    }

    /** Stops at once: the pool is closed, which kills the statements in flight (their transactions roll back). */
    @Override
    public void close() {
        stopRequested = true;
        Downstream d = downstream;
        if (d != null) {
            d.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
