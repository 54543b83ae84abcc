package io.dm4j.worker.load;

import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the indexes the load deferred ({@link DeferredIndexStore}), one ALTER TABLE per table: a table's as soon as
 * all its rows are in ({@link #tableLoaded}, while other tables still load), the rest when the load ends
 * ({@link #finish}). While files load, builds run on the early connections only; each load connection that finds no
 * file left hands its turn to the builds ({@link #loadConnectionFreed}), and when the load ends they may use as many
 * connections as it had. One executor runs them all, so the builds never hold more connections than the load and
 * its early connections together (the pool is sized for those). An index that exists already (built by a run that
 * crashed before it could forget the row) is not built again; a table whose indexes are all there is forgotten.
 */
final class DeferredIndexBuild implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexBuild.class);

    private final DataSource dataSource;
    private final DeferredIndexStore store;
    private final Map<TableId, List<DeferredIndexes.Index>> pending;
    private final ThreadPoolExecutor executor; // null when nothing was deferred
    private final int maxThreadsWhileLoading;
    private final List<Build> started = new ArrayList<>();

    private record Build(TableId table, Future<?> future) {
    }

    /**
     * @param earlyThreads connections that build while the load runs (besides the load's own)
     * @param loadConnections the load's own connections, which build too once they have no file left
     */
    DeferredIndexBuild(DataSource dataSource, DeferredIndexStore store, int earlyThreads, int loadConnections) {
        this.dataSource = dataSource;
        this.store = store;
        this.pending = new LinkedHashMap<>(store.pending());
        int threads = Math.max(1, earlyThreads);
        this.maxThreadsWhileLoading = threads + Math.max(0, loadConnections);
        this.executor = pending.isEmpty() ? null : new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), DeferredIndexBuild::indexThread);
    }

    /** A load connection has no file left: one more table's build may run beside the others from now on. */
    synchronized void loadConnectionFreed() {
        if (executor != null && executor.getMaximumPoolSize() < maxThreadsWhileLoading) {
            growTo(executor.getMaximumPoolSize() + 1);
        }
    }

    private void growTo(int threads) {
        if (threads > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(threads); // raised before the core size, which may not exceed it
            executor.setCorePoolSize(threads); // starts threads for builds already waiting in the queue
        }
    }

    /** All rows of {@code table} are loaded: its deferred indexes (if any) are built from now on. */
    synchronized void tableLoaded(TableId table) {
        List<DeferredIndexes.Index> indexes = pending.remove(table);
        if (indexes != null) {
            start(table, indexes);
        }
    }

    private void start(TableId table, List<DeferredIndexes.Index> indexes) {
        started.add(new Build(table, executor.submit(() -> build(table, indexes))));
    }

    /**
     * The load is complete: builds the other tables' indexes too, on up to {@code threads} connections (or as many
     * as the builds have already), waits for all and throws the first failure. Returns how many tables got indexes.
     */
    int finish(int threads) {
        List<Build> waits;
        synchronized (this) {
            pending.forEach(this::start);
            pending.clear();
            waits = new ArrayList<>(started);
            if (waits.isEmpty()) {
                return 0;
            }
            growTo(threads);
        }
        DmException first = null;
        for (Build b : waits) {
            try {
                b.future().get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof DmException dm ? dm
                            : LoadErrors.DEFERRED_INDEX_FAILED.wrap(e.getCause(), "(all)", b.table(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LoadErrors.DEFERRED_INDEX_FAILED.error("(all)", b.table(), "the worker is stopping");
            }
        }
        if (first != null) {
            throw first;
        }
        return waits.size();
    }

    private static Thread indexThread(Runnable r) {
        Thread t = new Thread(r, "dm4j-load-index");
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void build(TableId table, List<DeferredIndexes.Index> indexes) {
        Set<String> present = existingIndexes(table);
        List<DeferredIndexes.Index> missing = indexes.stream()
                .filter(i -> !present.contains(DeferredIndexes.key(i.name()))).toList();
        if (!missing.isEmpty()) {
            String sql = DeferredIndexes.addStatement(table.quoted(), missing);
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                if (SqlFailures.classify(e).retryable()) {
                    throw DbErrors.BAD_CONN.wrap(SqlFailures.rawCause(e), "building the deferred indexes of " + table);
                }
                throw LoadErrors.DEFERRED_INDEX_FAILED.wrap(SqlFailures.rawCause(e),
                        missing.stream().map(DeferredIndexes.Index::name).toList(), table, sql);
            }
            LOG.info("built the deferred index(es) {} of {} in {} ms", missing.stream().map(DeferredIndexes.Index::name)
                    .toList(), table, (System.nanoTime() - start) / 1_000_000);
        }
        store.done(table);
    }

    private Set<String> existingIndexes(TableId table) {
        String sql = "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        Set<String> names = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(DeferredIndexes.key(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw DbErrors.QUERY_FAILED.wrap(SqlFailures.rawCause(e), "listing the indexes of " + table);
        }
        return names;
    }
}
