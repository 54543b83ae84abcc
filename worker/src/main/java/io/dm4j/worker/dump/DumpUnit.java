package io.dm4j.worker.dump;

import io.dm4j.common.config.MydumperConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dump unit: exports every table the block-allow-list keeps into the task's dump directory
 * ({@link SubTaskConfig#dumpDir()}), consistent with one binlog location (see {@link SnapshotOpener}), with
 * {@code mydumpers.threads} connections working through chunks of the tables in parallel. The directory then holds
 * schema files, data files ({@link DataFormat#SQL} or {@link DataFormat#CSV} depending on the loader's import-mode),
 * {@link DumpIndex} and, written last, {@link DumpMetadata}. A directory that already holds a complete dump (index
 * and metadata present) is kept and reused; an incomplete one is emptied and dumped again (a dump is not resumable,
 * as in DM).
 */
public final class DumpUnit implements Unit {
    private static final Logger LOG = LoggerFactory.getLogger(DumpUnit.class);

    /** Rows per chunk when {@code mydumpers.rows} is 0 (Dumpling's customary value). */
    static final long DEFAULT_ROWS_PER_CHUNK = 200_000;
    /** INSERT statement size when {@code mydumpers.statement-size} is 0 (Dumpling's default). */
    static final long DEFAULT_STATEMENT_SIZE = 1_000_000;
    /** How often the snapshot is opened again when DDL changes the dumped tables meanwhile. */
    static final int CATALOG_ATTEMPTS = 5;
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private final SubTaskConfig cfg;
    private final Upstream upstream;
    private final Path dir;
    private final DumpProgress progress = new DumpProgress();
    private final List<Connection> openConnections = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopRequested;
    private volatile DumpMetadata metadata;
    private volatile DumpHook hook = DumpHook.NONE;
    private volatile DumpFeed feed;

    /**
     * @param cfg      the subtask (block-allow-list, mydumpers settings, loaders dir and import-mode, task-mode)
     * @param upstream the source database
     */
    public DumpUnit(SubTaskConfig cfg, Upstream upstream) {
        this.cfg = cfg;
        this.upstream = upstream;
        this.dir = Path.of(cfg.dumpDir());
    }

    @Override
    public UnitType type() {
        return UnitType.DUMP;
    }

    /** The dump directory. */
    public Path dumpDir() {
        return dir;
    }

    /**
     * Makes the dump tell {@code feed} what it has finished (catalog, each data file, each table, the end), so that
     * a load can follow it; null = nobody follows.
     */
    public void publishTo(DumpFeed feed) {
        this.feed = feed;
    }

    /** The metadata of the finished dump (start location and safe-mode exit point), or null before it finished. */
    public DumpMetadata metadata() {
        return metadata;
    }

    @Override
    public UnitResult process() {
        stopRequested = false;
        try {
            run();
            return stopRequested && metadata == null ? UnitResult.cancel() : UnitResult.done();
        } catch (DmException e) {
            if (stopRequested) {
                progress.stage = "paused";
                return UnitResult.cancel();
            }
            progress.stage = "failed";
            LOG.error("dump of task {} source {} failed: {}", cfg.name(), cfg.sourceId(), e.getMessage());
            return UnitResult.failed(e);
        } catch (RuntimeException e) {
            progress.stage = "failed";
            LOG.error("dump of task {} source {} failed", cfg.name(), cfg.sourceId(), e);
            return UnitResult.failed(DumpErrors.QUERY_FAILED.wrap(e, "dumping"));
        } finally {
            closeOpenConnections();
            DumpFeed f = feed;
            if (f != null) {
                f.abort(); // no-op once complete: a follower waiting for more stops
            }
        }
    }

    private void run() {
        if (cfg.loader().isS3()) {
            throw DumpErrors.UNSUPPORTED_DIR.error(cfg.dumpDir());
        }
        if (DumpIndex.exists(dir) && DumpMetadata.exists(dir) && DumpIndex.read(dir).dataFilesPresent(dir)) {
            DumpIndex index = DumpIndex.read(dir);
            metadata = DumpMetadata.read(dir, index.flavor());
            progress.totalTables.set(index.baseTables().size());
            progress.completedTables.set(index.baseTables().size());
            progress.stage = "finished";
            LOG.info("dump directory {} already holds a complete dump with all its data files (start {}); it is used as it is", dir,
                    metadata.location());
            publish(f -> f.complete(index, metadata));
            return;
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS); // the file keeps seconds
        prepareDirectory();
        progress.stage = "preparing";
        Connection main = connect(false);
        try {
            Flavor flavor = flavor(main);
            MydumperConfig my = cfg.mydumper();
            Consistency consistency = Consistency.of(my);
            progress.stage = "snapshot";
            SnapshotOpener opener = new SnapshotOpener(() -> connect(true), flavor, upstream.address());
            ConsistentStart start = openConsistent(main, opener, consistency, Math.max(1, my.threads()),
                    BlockAllowList.create(cfg.blockAllowList(), cfg.caseSensitive(), cfg.metaSchema()));
            Catalog.Selection selection = start.structures().selection();
            DumpSnapshot opened = start.snapshot();
            try (DumpSnapshot snapshot = opened) {
                openConnections.addAll(snapshot.workers());
                progress.totalTables.set(selection.baseTables().size());
                progress.estimateTotalRows.set(selection.baseTables().stream().mapToLong(TableMeta::estimatedRows).sum());
                List<DumpIndex.SchemaEntry> schemaEntries = writeSchemaFiles(start.structures());
                checkStop();
                progress.consistency = snapshot.method();
                progress.lockMillis = snapshot.lockMillis();
                if (snapshot.location() == null) {
                    if (cfg.taskMode().hasSync()) {
                        throw DumpErrors.NO_BINLOG_POSITION.error(upstream.address(), cfg.taskMode().label());
                    }
                    LOG.warn("upstream {} has no binlog position; the dump metadata will not have one", upstream.address());
                }
                DataFormat format = DataFormat.forImportMode(cfg.loader().importMode());
                // known before any data file, so that a load following the dump records it with every file
                String dumpId = java.util.UUID.randomUUID() + "@" + (snapshot.location() == null ? "no-binlog"
                        : snapshot.location().position());
                publish(f -> f.catalog(new DumpIndex(DumpIndex.VERSION, format, flavor, schemaEntries,
                        tableEntries(selection, Map.of()), dumpId)));
                List<Chunk> chunks = plan(snapshot.workers().get(0), selection.baseTables(), my);
                Map<TableId, List<DumpIndex.FileEntry>> files = dumpChunks(snapshot, chunks, format, my,
                        castsToDouble(main));
                checkStop();
                DumpIndex index = new DumpIndex(DumpIndex.VERSION, format, flavor, schemaEntries,
                        tableEntries(selection, files), dumpId);
                index.write(dir);
                DumpMetadata meta = new DumpMetadata(started, snapshot.location(), snapshot.exitSafe(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS));
                meta.write(dir);
                metadata = meta;
                publish(f -> f.complete(index, meta));
            }
            progress.finishNanos = System.nanoTime();
            progress.stage = "finished";
            LOG.info("dumped {} tables, {} rows, {} bytes of task {} source {} into {} (start {}, exit safe {})",
                    progress.totalTables.get(), progress.finishedRows.get(), progress.finishedBytes.get(), cfg.name(),
                    cfg.sourceId(), dir, metadata.location(), metadata.exitSafe());
        } catch (SQLException e) {
            throw DumpErrors.QUERY_FAILED.wrap(e, "reading the upstream " + upstream.address());
        } finally {
            DumpSnapshot.closeQuietly(main);
        }
    }

    /** The index entries of the selected tables and views, with their data files (sorted by name). */
    private static List<DumpIndex.TableEntry> tableEntries(Catalog.Selection selection,
                                                           Map<TableId, List<DumpIndex.FileEntry>> files) {
        List<DumpIndex.TableEntry> tables = new ArrayList<>();
        for (TableMeta t : selection.tables()) {
            List<DumpIndex.FileEntry> f = new ArrayList<>(files.getOrDefault(t.id(), List.of()));
            f.sort(Comparator.comparing(DumpIndex.FileEntry::name));
            tables.add(new DumpIndex.TableEntry(t.id().schema(), t.id().table(), t.view(),
                    t.view() ? DumpFiles.viewSchemaFile(t.id()) : DumpFiles.tableSchemaFile(t.id()),
                    t.view() ? List.of() : t.storedColumns().stream()
                            .map(c -> new DumpIndex.ColumnEntry(c.name(), c.kind().csvLoad())).toList(), f,
                    t.dataLength()));
        }
        return tables;
    }

    private void publish(java.util.function.Consumer<DumpFeed> event) {
        DumpFeed f = feed;
        if (f != null) {
            event.accept(f);
        }
    }

    private void prepareDirectory() {
        try {
            if (Files.exists(dir)) {
                LOG.info("dump directory {} holds an incomplete dump; it is emptied and the dump starts again", dir);
                DumpFiles.deleteTree(dir);
            }
            // dump files are table data: owner only, whatever the umask
            io.dm4j.common.files.PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw DumpErrors.WRITE_FAILED.wrap(e, dir);
        }
    }

    /** An upstream connection: UTC (TIMESTAMP values as stored), sql_mode '' (plain SHOW CREATE output). */
    private Connection connect(boolean worker) throws DmException {
        Connection c;
        try {
            c = upstream.connect();
        } catch (SQLException e) {
            throw DumpErrors.CONNECT_FAILED.wrap(e, upstream.address());
        }
        try (Statement st = c.createStatement()) {
            // one round trip per setting costs time before the dump can start; a worker's values come as stored
            st.execute("SET SESSION time_zone = '+00:00', sql_mode = ''"
                    + (worker ? ", character_set_results = NULL" : ""));
            if (worker) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
        } catch (SQLException e) {
            DumpSnapshot.closeQuietly(c);
            throw DumpErrors.CONNECT_FAILED.wrap(e, upstream.address());
        }
        return c;
    }

    private static Flavor flavor(Connection c) throws SQLException {
        return version(c).toLowerCase(Locale.ROOT).contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
    }

    private static String version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether the server has {@code CAST(x AS DOUBLE)}: MariaDB 10.4+ and MySQL 8.0.17+. */
    static boolean castsToDouble(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        if (version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return major > 10 || (major == 10 && minor >= 4);
        }
        return major > 8 || (major == 8 && (minor > 0 || patch >= 17));
    }

    private static boolean castsToDouble(Connection c) throws SQLException {
        return castsToDouble(version(c));
    }

    /** The snapshot and the structures read inside it. */
    private record ConsistentStart(DumpSnapshot snapshot, Structures structures) {
    }

    /**
     * Opens the snapshot and reads the table list and CREATE statements inside it: the structures are read, the
     * snapshot opened, its tables pinned ({@link SnapshotPin}: later DDL waits for the dump) and the structures read
     * again. When they differ (DDL or CREATE TABLE between the first reading and the pin) the snapshot is dropped and
     * opened again, so the dumped structures always match the dumped data and the binlog position.
     */
    private ConsistentStart openConsistent(Connection main, SnapshotOpener opener, Consistency consistency, int threads,
                                           BlockAllowList filter) throws SQLException {
        Structures before = Structures.read(main, filter);
        for (int attempt = 1; ; attempt++) {
            hook.beforeSnapshot(attempt);
            DumpSnapshot snapshot;
            try {
                snapshot = opener.open(consistency, main, threads, before.selection().baseTables());
            } catch (SQLException e) {
                throw DumpErrors.SNAPSHOT_FAILED.wrap(e, upstream.address(), e.getMessage());
            }
            boolean keep = false;
            try {
                hook.afterSnapshot(attempt);
                boolean pinned = SnapshotPin.pin(snapshot.workers(), before.selection().baseTables());
                hook.afterPin(attempt);
                Structures now = Structures.read(main, filter);
                if (pinned && now.sameShape(before)) {
                    keep = true;
                    return new ConsistentStart(snapshot, now);
                }
                LOG.info("the dumped tables on {} changed while the snapshot opened (attempt {}); opening it again",
                        upstream.address(), attempt);
                if (attempt >= CATALOG_ATTEMPTS) {
                    throw DumpErrors.CATALOG_UNSTABLE.error(upstream.address(), attempt);
                }
                before = now;
            } finally {
                if (!keep) {
                    snapshot.close();
                }
            }
        }
    }

    /** For tests: called at the steps of opening the snapshot. */
    void setHook(DumpHook hook) {
        this.hook = hook == null ? DumpHook.NONE : hook;
    }

    private List<DumpIndex.SchemaEntry> writeSchemaFiles(Structures structures) {
        List<DumpIndex.SchemaEntry> out = new ArrayList<>();
        for (String schema : structures.selection().schemas()) {
            String file = DumpFiles.schemaCreateFile(schema);
            DumpFiles.writeText(dir.resolve(file), structures.databases().get(schema) + ";\n");
            out.add(new DumpIndex.SchemaEntry(schema, file));
        }
        for (TableMeta t : structures.selection().tables()) {
            String file = t.view() ? DumpFiles.viewSchemaFile(t.id()) : DumpFiles.tableSchemaFile(t.id());
            DumpFiles.writeText(dir.resolve(file), "/*!40101 SET NAMES utf8mb4*/;\n" + structures.creates().get(t.id())
                    + ";\n");
        }
        return out;
    }

    /**
     * Chunks of every table, largest tables first, interleaved so that every table's files arrive at a pace that
     * matches its size ({@link ChunkPlanner#interleave}).
     */
    private List<Chunk> plan(Connection c, List<TableMeta> tables, MydumperConfig my) throws SQLException {
        long configuredRows = my.rows() > 0 ? my.rows() : DEFAULT_ROWS_PER_CHUNK;
        long fileBytes = my.chunkFilesizeBytes();
        List<List<Chunk>> out = new ArrayList<>();
        progress.startOver();
        List<TableMeta> ordered = new ArrayList<>(tables);
        ordered.sort(Comparator.comparingLong(TableMeta::dataLength).reversed());
        for (TableMeta t : ordered) {
            if (!t.hasPrimaryKey()) {
                LOG.warn("table {} has no primary key: it is dumped whole by one connection, and replaying changes"
                        + " to it in safe mode cannot tell identical rows apart", t.id());
            }
            if (t.chunkColumn() == null) {
                out.add(List.of(new Chunk(t, 0, 1, null, null)));
                progress.tables.register(t.id().toString(), t.estimatedRows(), t.dataLength(), 1);
                continue;
            }
            long rowsPerChunk = configuredRows;
            if (my.rows() <= 0 && fileBytes > 0) {
                rowsPerChunk = Math.max(1, Math.min(rowsPerChunk, fileBytes / t.averageRowLength()));
            }
            BigInteger[] range = ChunkReader.keyRange(c, t);
            List<Chunk> chunks = ChunkPlanner.plan(t, range[0], range[1], t.estimatedRows(), rowsPerChunk);
            if (chunks.size() > 1) {
                LOG.info("table {} is dumped in {} chunks by ranges of `{}`", t.id(), chunks.size(), t.chunkColumn());
            }
            out.add(chunks);
            progress.tables.register(t.id().toString(), t.estimatedRows(), t.dataLength(), chunks.size());
        }
        List<Chunk> all = ChunkPlanner.interleave(out);
        progress.totalChunks.set(all.size());
        return all;
    }

    private Map<TableId, List<DumpIndex.FileEntry>> dumpChunks(DumpSnapshot snapshot, List<Chunk> chunks,
                                                                DataFormat format, MydumperConfig my,
                                                                boolean castDouble) {
        progress.stage = "dumping";
        progress.dataStartNanos = System.nanoTime();
        ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>(chunks);
        Map<TableId, AtomicInteger> fileNumbers = new ConcurrentHashMap<>();
        Map<TableId, AtomicInteger> chunksLeft = new ConcurrentHashMap<>();
        for (Chunk c : chunks) {
            chunksLeft.computeIfAbsent(c.table().id(), k -> new AtomicInteger()).incrementAndGet();
        }
        Map<TableId, List<DumpIndex.FileEntry>> files = new ConcurrentHashMap<>();
        ChunkReader reader = new ChunkReader(castDouble, my.where());
        long statementSize = my.statementSize() > 0 ? my.statementSize() : DEFAULT_STATEMENT_SIZE;
        AtomicReference<Exception> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(snapshot.workers().size(), r -> {
            Thread t = new Thread(r, "dm4j-dump-" + cfg.name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Connection conn : snapshot.workers()) {
                futures.add(pool.submit(() -> {
                    for (Chunk chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
                        if (stopRequested || failure.get() != null) {
                            return;
                        }
                        if (progress.completedChunks.get() > 0) {
                            io.dm4j.worker.progress.TestHold.awaitDump(() -> stopRequested || failure.get() != null);
                        }
                        TableId id = chunk.table().id();
                        try (DataFileWriter w = new DataFileWriter(dir, chunk.table(), format,
                                () -> fileNumbers.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement(),
                                my.chunkFilesizeBytes(), statementSize,
                                f -> {
                                    files.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(f);
                                    publish(follower -> follower.fileDone(id, f)); // closed and synced: the load may take it
                                },
                                progress)) {
                            if (!reader.read(conn, chunk, w, () -> stopRequested || failure.get() != null)) {
                                return;
                            }
                            w.finish();
                        } catch (SQLException | IOException | RuntimeException e) {
                            failure.compareAndSet(null, new ChunkFailure(chunk, e));
                            return;
                        }
                        progress.completedChunks.incrementAndGet();
                        progress.tables.get(id.toString()).partDone();
                        if (chunksLeft.get(id).decrementAndGet() == 0) {
                            progress.completedTables.incrementAndGet();
                            publish(follower -> follower.tableDone(id));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, (Exception) e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        checkStop();
        Exception e = failure.get();
        if (e instanceof ChunkFailure cf) {
            Throwable cause = cf.getCause();
            String what = "dumping " + cf.chunk.table().id() + " (chunk " + (cf.chunk.index() + 1) + " of "
                    + cf.chunk.count() + ")";
            if (cause instanceof IOException) {
                throw DumpErrors.WRITE_FAILED.wrap(cause, "a data file of " + cf.chunk.table().id() + " in " + dir);
            }
            if (cause instanceof DmException d) {
                throw d;
            }
            throw DumpErrors.QUERY_FAILED.wrap(cause, what);
        }
        if (e != null) {
            throw DumpErrors.QUERY_FAILED.wrap(e, "dumping");
        }
        return files;
    }

    /** A chunk's failure, remembering which chunk. */
    private static final class ChunkFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Chunk chunk;

        ChunkFailure(Chunk chunk, Exception cause) {
            super(cause);
            this.chunk = chunk;
        }
    }

    private void checkStop() {
        if (stopRequested) {
            progress.stage = "paused";
            throw DumpErrors.QUERY_FAILED.error("paused on request");
        }
    }

    /** Stops a running dump: the connections are aborted so streaming reads end at once. */
    @Override
    public void pause() {
        stopRequested = true;
        synchronized (openConnections) {
            for (Connection c : openConnections) {
                try {
                    c.abort(Runnable::run);
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("abort of a dump connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void closeOpenConnections() {
        openConnections.clear();
    }

    @Override
    public DumpStatus status() {
        boolean finished = "finished".equals(progress.stage);
        long bytes = progress.finishedBytes.get();
        long rows = progress.finishedRows.get();
        long estimate = progress.estimateTotalRows.get();
        long bps = Progress.bytesPerSecond(bytes, progress.dataStartNanos, progress.finishNanos);
        long rps = Progress.bytesPerSecond(rows, progress.dataStartNanos, progress.finishNanos);
        return new DumpStatus(progress.totalTables.get(), progress.completedTables.get(), bytes, rows, estimate, bps,
                Progress.percent(rows, estimate, finished), progress.stage, progress.totalChunks.get(),
                progress.completedChunks.get(), Progress.etaSeconds(rows, Math.max(estimate, rows), rps, finished),
                progress.consistency, progress.lockMillis,
                progress.tables.snapshot(io.dm4j.worker.progress.TableBoard.DEFAULT_LISTED, true));
    }

    @Override
    public void close() {
        pause();
    }
}
