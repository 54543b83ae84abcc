package io.dm4j.worker.load;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.worker.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the indexes the load deferred ({@link DeferredIndexStore}), one ALTER TABLE per table, several tables at
 * once. An index that exists already (built by a run that crashed before it could forget the row) is not built
 * again; a table whose indexes are all there is forgotten.
 */
final class DeferredIndexBuild {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexBuild.class);

    private DeferredIndexBuild() {
    }

    /** Builds every pending index of {@code store} on up to {@code threads} connections; returns how many tables. */
    static int run(DataSource dataSource, DeferredIndexStore store, int threads) {
        Map<TableId, List<DeferredIndexes.Index>> pending = store.pending();
        if (pending.isEmpty()) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, pending.size())), r -> {
            Thread t = new Thread(r, "dm4j-load-index");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<TableId, List<DeferredIndexes.Index>> e : pending.entrySet()) {
                futures.add(pool.submit(() -> build(dataSource, store, e.getKey(), e.getValue())));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof DmException dm) {
                        throw dm;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw LoadErrors.DEFERRED_INDEX_FAILED.error(pending.keySet(), "the target", "interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return pending.size();
    }

    private static void build(DataSource dataSource, DeferredIndexStore store, TableId table,
                              List<DeferredIndexes.Index> indexes) {
        Set<String> present = existingIndexes(dataSource, table);
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

    private static Set<String> existingIndexes(DataSource dataSource, TableId table) {
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
