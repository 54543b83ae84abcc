package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.Location;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the dump connections so that they read one consistent state, and finds the binlog location of that state.
 * <ul>
 *   <li>{@code flush}: FLUSH TABLES WITH READ LOCK, START TRANSACTION WITH CONSISTENT SNAPSHOT on every connection,
 *       SHOW MASTER STATUS, UNLOCK TABLES. The connections are opened beforehand, so writes are blocked only for
 *       those few statements (measured, in milliseconds). Needs RELOAD.</li>
 *   <li>{@code lock}: the same with LOCK TABLES ... READ on the dumped tables. Needs LOCK TABLES.</li>
 *   <li>{@code snapshot} on MariaDB: no lock at all. Every connection starts its snapshot at the same moment and
 *       reads its binlog_snapshot_file / binlog_snapshot_position (MariaDB ties the two to the commit order); when
 *       all connections report the same position they share one state, whose GTID set is BINLOG_GTID_POS of it.
 *       Under heavy writes the start is retried a few times; if the positions still differ, the smallest becomes
 *       the start point and the largest the safe-mode exit point.</li>
 *   <li>{@code snapshot} on MariaDB when the start cannot line up, and {@code none}: one snapshot per connection;
 *       the smallest position is the start point and the largest the safe-mode exit point (on MySQL, for
 *       {@code none}, the positions read before the first and after the last snapshot, DM's "AFTER CONNECTION POOL
 *       ESTABLISHED"; on MySQL this can miss transactions in flight, see {@link ConsistencyPlan}).
 *       {@code snapshot} on MySQL is refused.</li>
 *   <li>{@code auto}: only methods with an exact start point, chosen by {@link ConsistencyPlan}: MariaDB's
 *       lock-free aligned snapshot, then flush, then lock; on MySQL flush, then lock. Without RELOAD and LOCK TABLES
 *       (and, on MariaDB, when the lock-free start does not line up) the dump stops with an error naming them.</li>
 * </ul>
 */
final class SnapshotOpener {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotOpener.class);
    static final int ALIGN_ATTEMPTS = 10;
    private static final String START = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";

    /** Opens one upstream connection set up for dumping. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final Flavor flavor;
    private final String address;

    SnapshotOpener(ConnectionSource source, Flavor flavor, String address) {
        this.source = source;
        this.flavor = flavor;
        this.address = address;
    }

    /**
     * @param main    a connection of its own for locks and status queries
     * @param threads number of worker connections
     * @param tables  base tables to lock in {@code lock} mode
     */
    DumpSnapshot open(Consistency mode, Connection main, int threads, List<TableMeta> tables) throws SQLException {
        List<Connection> workers = new ArrayList<>();
        boolean ok = false;
        try {
            for (int i = 0; i < threads; i++) {
                workers.add(source.open());
            }
            DumpSnapshot s = choose(mode, main, workers, tables);
            ok = true;
            LOG.info("dump snapshot on {}: {} with {} connection(s), start {}, safe-mode exit {}, writes blocked {}",
                    address, s.method(), workers.size(), s.location(), s.exitSafe(),
                    s.lockMillis() < 0 ? "never" : s.lockMillis() + " ms");
            return s;
        } finally {
            if (!ok) {
                workers.forEach(DumpSnapshot::closeQuietly);
            }
        }
    }

    private DumpSnapshot choose(Consistency mode, Connection main, List<Connection> workers, List<TableMeta> tables)
            throws SQLException {
        return ConsistencyPlan.open(mode, flavor, address, method -> switch (method) {
            case ALIGNED_SNAPSHOT -> aligned(main, workers);
            case FLUSH -> flush(main, workers);
            case LOCK -> lock(main, workers, tables);
            case PER_CONNECTION -> perConnection(main, workers, mode.label());
        });
    }

    private DumpSnapshot flush(Connection main, List<Connection> workers) throws SQLException, LockDenied {
        long t0 = System.nanoTime();
        execOrDeny(main, "FLUSH TABLES WITH READ LOCK");
        Location loc;
        try {
            for (Connection w : workers) {
                exec(w, START);
            }
            loc = PositionReader.masterStatus(main, flavor);
        } finally {
            exec(main, "UNLOCK TABLES");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new DumpSnapshot(workers, loc, null, "flush", ms);
    }

    private DumpSnapshot lock(Connection main, List<Connection> workers, List<TableMeta> tables)
            throws SQLException, LockDenied {
        List<TableId> ids = tables.stream().filter(t -> !t.view()).map(TableMeta::id).toList();
        long t0 = System.nanoTime();
        if (!ids.isEmpty()) {
            execOrDeny(main, "LOCK TABLES " + ids.stream().map(t -> t.quoted() + " READ").collect(Collectors.joining(", ")));
        }
        Location loc;
        try {
            for (Connection w : workers) {
                exec(w, START);
            }
            loc = PositionReader.masterStatus(main, flavor);
        } finally {
            if (!ids.isEmpty()) {
                exec(main, "UNLOCK TABLES");
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new DumpSnapshot(workers, loc, null, "lock", ms);
    }

    /** MariaDB: all connections start together until their binlog_snapshot positions agree; null if they never do. */
    private DumpSnapshot aligned(Connection main, List<Connection> workers) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "dm4j-dump-snapshot");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int attempt = 1; attempt <= ALIGN_ATTEMPTS; attempt++) {
                List<Location> seen = startTogether(pool, workers);
                if (seen.contains(null)) {
                    return new DumpSnapshot(workers, null, null, "snapshot (lock-free, no binlog)", -1);
                }
                if (seen.stream().distinct().count() == 1) {
                    Location loc = PositionReader.withMariadbGtid(main, seen.get(0));
                    return new DumpSnapshot(workers, loc, null, "snapshot (lock-free, MariaDB binlog_snapshot)", -1);
                }
                if (attempt == ALIGN_ATTEMPTS) {
                    break;
                }
                LOG.debug("snapshot positions differ on attempt {}: {}", attempt, seen);
                for (Connection w : workers) {
                    exec(w, "ROLLBACK");
                }
                sleep(attempt * 3L);
            }
            for (Connection w : workers) {
                exec(w, "ROLLBACK");
            }
            return null;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Location> startTogether(ExecutorService pool, List<Connection> workers) throws SQLException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Location>> futures = new ArrayList<>();
        for (Connection w : workers) {
            futures.add(pool.submit(() -> {
                go.await();
                exec(w, START);
                return PositionReader.mariadbSnapshot(w);
            }));
        }
        go.countDown();
        List<Location> out = new ArrayList<>();
        for (Future<Location> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException s) {
                    throw s;
                }
                throw new SQLException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while starting snapshots", e);
            }
        }
        return out;
    }

    /** One snapshot per connection, no lock; the start and exit points bracket them. */
    private DumpSnapshot perConnection(Connection main, List<Connection> workers, String label) throws SQLException {
        if (flavor == Flavor.MARIADB) {
            List<Location> seen = new ArrayList<>();
            for (Connection w : workers) {
                exec(w, START);
                seen.add(PositionReader.mariadbSnapshot(w));
            }
            if (seen.contains(null)) {
                return new DumpSnapshot(workers, null, null, label + " (no binlog)", -1);
            }
            Location min = seen.stream().min(Location::compareTo).orElseThrow();
            Location max = seen.stream().max(Location::compareTo).orElseThrow();
            Location start = PositionReader.withMariadbGtid(main, min);
            Location exit = max.equals(min) ? null : PositionReader.withMariadbGtid(main, max);
            return new DumpSnapshot(workers, start, exit, label + " (per-connection, safe-mode window)", -1);
        }
        Location before = PositionReader.masterStatus(main, flavor);
        for (Connection w : workers) {
            exec(w, START);
        }
        Location after = PositionReader.masterStatus(main, flavor);
        Location exit = after == null || after.equals(before) ? null : after;
        return new DumpSnapshot(workers, before, exit, label + " (per-connection, safe-mode window)", -1);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void execOrDeny(Connection c, String sql) throws SQLException, LockDenied {
        try {
            exec(c, sql);
        } catch (SQLException e) {
            if (isDenied(e)) {
                throw new LockDenied(e);
            }
            throw e;
        }
    }

    /** Access denied: 1044 (database), 1045 (user), 1142 (table), 1227 (needs a privilege such as RELOAD). */
    static boolean isDenied(SQLException e) {
        int code = e.getErrorCode();
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return code == 1044 || code == 1045 || code == 1142 || code == 1227 || m.contains("access denied");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
