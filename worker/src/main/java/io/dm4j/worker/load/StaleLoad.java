package io.dm4j.worker.load;

import io.dm4j.common.config.ShardMode;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.DumpIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do when the load checkpoint describes another dump than the one in the dump directory (a worker restart or
 * a move to another worker made the dump run again, at a new snapshot). Continuing the old progress would keep rows
 * of the old snapshot while the sync unit starts at the new one; so the rows the old dump loaded are cleared and the
 * new dump is loaded from the start:
 * <ul>
 *   <li>every target table that received rows of the old dump ({@code offset > 0}) is truncated, when only this
 *       source table feeds it (no shard merge): the new dump then fills it exactly, with no leftover and no
 *       duplicate row, also in tables without a key;</li>
 *   <li>a target that other tables or sources also feed (shard-mode set, several dumped tables routed to it, or
 *       extract-* columns) cannot be truncated without losing their rows: the load stops with
 *       {@link LoadErrors#STALE_DUMP_SHARED_TARGET};</li>
 *   <li>the checkpoint rows are then deleted and registered afresh for the new dump. A crash in between repeats the
 *       truncation, which is harmless.</li>
 * </ul>
 * Rows without a dump id (written before dump ids existed), or an index without one, keep the old behaviour
 * (progress matched by file name and size).
 */
final class StaleLoad {

    /** The decision: nothing to do, or the targets to truncate before the checkpoint is reset. */
    record Decision(boolean stale, String oldDumpId, List<TableId> truncate) {
        static final Decision CURRENT = new Decision(false, "", List.of());
    }

    private StaleLoad() {
    }

    /**
     * @throws io.dm4j.common.errors.DmException {@link LoadErrors#STALE_DUMP_SHARED_TARGET} for shared targets
     */
    static Decision decide(Collection<LoaderCheckpoint.FilePoint> points, DumpIndex index, TableRouter router,
                           ShardMode shardMode, String sourceId, String taskName) {
        String current = index.dumpId();
        if (current == null || current.isEmpty()) {
            return Decision.CURRENT;
        }
        String old = null;
        for (LoaderCheckpoint.FilePoint p : points) {
            if (!p.dumpId().isEmpty() && !p.dumpId().equals(current)) {
                old = p.dumpId();
                break;
            }
        }
        if (old == null) {
            return Decision.CURRENT;
        }
        Map<TableId, Integer> feeders = feeders(index, router);
        Set<TableId> truncate = new LinkedHashSet<>();
        Set<TableId> shared = new LinkedHashSet<>();
        for (LoaderCheckpoint.FilePoint p : points) {
            if (p.offset() <= 0) {
                continue;
            }
            TableId source = new TableId(p.schema(), p.table());
            TableId target = router.route(source);
            (isShared(source, target, feeders, router, shardMode, sourceId) ? shared : truncate).add(target);
        }
        if (!shared.isEmpty()) {
            throw LoadErrors.STALE_DUMP_SHARED_TARGET.error(taskName, sourceId, old, current, shared);
        }
        return new Decision(true, old, new ArrayList<>(truncate));
    }

    /**
     * The targets of {@code index}'s tables that a truncation would take other rows from: every target when
     * shard-mode is set, else those fed by several dumped tables or given extract-* columns. A load overlapping its
     * dump must not fill these, since a re-dump after a crash could not empty them (the load then waits for the
     * dump's end).
     */
    static Set<TableId> sharedTargets(DumpIndex index, TableRouter router, ShardMode shardMode, String sourceId) {
        Map<TableId, Integer> feeders = feeders(index, router);
        Set<TableId> shared = new LinkedHashSet<>();
        for (DumpIndex.TableEntry t : index.baseTables()) {
            TableId target = router.route(t.id());
            if (isShared(t.id(), target, feeders, router, shardMode, sourceId)) {
                shared.add(target);
            }
        }
        return shared;
    }

    private static Map<TableId, Integer> feeders(DumpIndex index, TableRouter router) {
        Map<TableId, Integer> feeders = new HashMap<>();
        for (DumpIndex.TableEntry t : index.baseTables()) {
            feeders.merge(router.route(t.id()), 1, Integer::sum);
        }
        return feeders;
    }

    private static boolean isShared(TableId source, TableId target, Map<TableId, Integer> feeders, TableRouter router,
                                    ShardMode shardMode, String sourceId) {
        return shardMode != ShardMode.NONE || feeders.getOrDefault(target, 1) > 1
                || !router.extract(source, sourceId).isEmpty();
    }
}
