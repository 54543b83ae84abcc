package io.dm4j.worker.dump;

import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.position.Flavor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which snapshot methods a consistency mode may use on a server flavor, in the order they are tried, and what to
 * report when none of them works.
 * <p>{@code auto} only ever picks a method whose start point is exact: on MariaDB the lock-free aligned snapshot
 * (MariaDB ties binlog_snapshot_position to the snapshot), then FLUSH TABLES WITH READ LOCK, then LOCK TABLES; on
 * MySQL FLUSH, then LOCK (as Dumpling does). Per-connection snapshots are never chosen by {@code auto}: on MySQL the
 * position read before a snapshot can already contain transactions that are written to the binlog but not yet
 * committed in InnoDB, which the snapshot does not see and the sync unit would skip. If nothing consistent is
 * possible the dump stops with {@link DumpErrors#NO_CONSISTENT_METHOD}, naming the missing privileges.
 */
final class ConsistencyPlan {
    private static final Logger LOG = LoggerFactory.getLogger(ConsistencyPlan.class);

    /** Tries one method: its snapshot, null when it could not line up, or {@link LockDenied}. */
    @FunctionalInterface
    interface Attempt {
        DumpSnapshot run(SnapshotMethod method) throws SQLException, LockDenied;
    }

    private ConsistencyPlan() {
    }

    /** The methods of a mode on a flavor, in order. */
    static List<SnapshotMethod> methods(Consistency mode, Flavor flavor) {
        boolean mariadb = flavor == Flavor.MARIADB;
        return switch (mode) {
            case AUTO -> mariadb ? List.of(SnapshotMethod.ALIGNED_SNAPSHOT, SnapshotMethod.FLUSH, SnapshotMethod.LOCK)
                    : List.of(SnapshotMethod.FLUSH, SnapshotMethod.LOCK);
            case FLUSH -> List.of(SnapshotMethod.FLUSH);
            case LOCK -> List.of(SnapshotMethod.LOCK);
            case SNAPSHOT -> mariadb ? List.of(SnapshotMethod.ALIGNED_SNAPSHOT, SnapshotMethod.PER_CONNECTION) : List.of();
            case NONE -> List.of(SnapshotMethod.PER_CONNECTION);
        };
    }

    /**
     * Runs the methods of {@code mode} until one gives a snapshot.
     *
     * @throws io.dm4j.common.errors.DmException {@link DumpErrors#GLOBAL_LOCK} / {@link DumpErrors#LOCK_TABLES} when
     *         the one lock of {@code flush} / {@code lock} is refused, {@link DumpErrors#SNAPSHOT_UNSUPPORTED} for
     *         {@code snapshot} on MySQL, {@link DumpErrors#NO_CONSISTENT_METHOD} when {@code auto} finds nothing
     */
    static DumpSnapshot open(Consistency mode, Flavor flavor, String address, Attempt attempt) throws SQLException {
        List<SnapshotMethod> methods = methods(mode, flavor);
        if (methods.isEmpty()) {
            throw DumpErrors.SNAPSHOT_UNSUPPORTED.error(address);
        }
        List<String> why = new ArrayList<>();
        LockDenied lastDenied = null;
        for (SnapshotMethod m : methods) {
            try {
                DumpSnapshot s = attempt.run(m);
                if (s != null) {
                    return s;
                }
                why.add("the lock-free MariaDB snapshot did not line up under the current writes");
                LOG.info("consistency {} on {}: the lock-free snapshot did not line up; trying the next method",
                        mode.label(), address);
            } catch (LockDenied d) {
                lastDenied = d;
                if (mode == Consistency.FLUSH) {
                    throw DumpErrors.GLOBAL_LOCK.wrap(d.sql(), address);
                }
                if (mode == Consistency.LOCK) {
                    throw DumpErrors.LOCK_TABLES.wrap(d.sql(), address);
                }
                why.add(m.name() + " refused (needs the " + m.privilege() + " privilege)");
                LOG.warn("consistency {} on {}: {} refused ({}); trying the next method", mode.label(), address,
                        m.name(), d.sql().getMessage());
            }
        }
        String missing = String.join(" or ", methods.stream().map(SnapshotMethod::privilege)
                .filter(p -> p != null).toList());
        if (lastDenied != null) {
            throw DumpErrors.NO_CONSISTENT_METHOD.wrap(lastDenied.sql(), address, missing, String.join("; ", why));
        }
        throw DumpErrors.NO_CONSISTENT_METHOD.error(address, missing, String.join("; ", why));
    }
}
