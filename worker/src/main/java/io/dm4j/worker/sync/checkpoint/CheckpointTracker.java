package io.dm4j.worker.sync.checkpoint;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the sync unit stands, in memory, and when it is written to the {@link CheckpointStore}.
 *
 * <p>The candidate global point moves at every transaction end (XID) the unit has dispatched; it is only written
 * after {@code drain} (the applier's flush) returned, so the stored point never passes a change that is not
 * committed downstream. Table points change at DDL and are written with the next flush.
 *
 * <p>While the global point is held ({@link #holdGlobal}: an undecided XA transaction whose rows live in memory
 * only), transaction ends do not move it, and table point changes wait too: a restart from the held point replays
 * the DDL in between, so the stored structures must stay those of the held point until the hold ends.
 * Not thread-safe: the sync unit's dispatcher thread owns it.
 */
public final class CheckpointTracker {
    private final CheckpointStore store;
    private final String sourceId;
    private final Runnable drain;
    private final Clock clock;

    private Location candidate;
    private Location flushed;
    private Location exitSafe;
    private final Map<TableId, TablePoint> tables = new HashMap<>();
    private final Map<TableId, TablePoint> dirtyTables = new LinkedHashMap<>();
    private final Set<TableId> removedTables = new LinkedHashSet<>();
    /** Table point changes made while the global point is held; a null value removes the table. */
    private final Map<TableId, TablePoint> heldTables = new LinkedHashMap<>();
    private boolean held;
    private Instant lastFlush;

    /**
     * @param start what was loaded (or the configured start point as a checkpoint with no tables)
     * @param drain blocks until every dispatched change is committed downstream (DmlApplier::flush)
     */
    public CheckpointTracker(CheckpointStore store, String sourceId, SyncCheckpoint start, Runnable drain,
                             Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.drain = Objects.requireNonNull(drain, "drain");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.candidate = Objects.requireNonNull(start.global(), "start.global");
        this.flushed = start.global();
        this.exitSafe = start.exitSafe();
        this.tables.putAll(start.tables());
        this.lastFlush = clock.instant();
    }

    /** A transaction ended at {@code afterXid} and all its changes were handed to the applier. */
    public void markTransactionEnd(Location afterXid) {
        Objects.requireNonNull(afterXid, "afterXid");
        if (!held) {
            candidate = afterXid;
        }
    }

    /**
     * Holds the global point where it is ({@code true}) or lets it move again ({@code false}); releasing applies
     * the table point changes made while held.
     */
    public void holdGlobal(boolean hold) {
        if (held && !hold) {
            held = false;
            heldTables.forEach((table, point) -> {
                if (point == null) {
                    removeTable(table);
                } else {
                    saveTablePoint(table, point.location(), point.tableInfoJson());
                }
            });
            heldTables.clear();
        }
        held = hold;
    }

    /** A DDL on {@code table} was applied at {@code location}; {@code tableInfoJson} is its new structure. */
    public void saveTablePoint(TableId table, Location location, String tableInfoJson) {
        TablePoint p = new TablePoint(location, tableInfoJson);
        if (held) {
            heldTables.put(table, p);
            return;
        }
        tables.put(table, p);
        dirtyTables.put(table, p);
        removedTables.remove(table);
    }

    /**
     * The table was dropped upstream: its point is deleted with the next {@link #flush()}, in the transaction that
     * stores the global point past the DROP (deleting it earlier would leave a replay from the older point without
     * the table's structure).
     */
    public void removeTable(TableId table) {
        if (held) {
            heldTables.put(table, null);
            return;
        }
        tables.remove(table);
        dirtyTables.remove(table);
        removedTables.add(table);
    }

    /** The point of a table, or null. */
    public TablePoint tablePoint(TableId table) {
        return tables.get(table);
    }

    /** The newest dispatched transaction end (not necessarily applied yet). */
    public Location candidate() {
        return candidate;
    }

    /** The global point last written to the store. */
    public Location flushed() {
        return flushed;
    }

    public Location exitSafe() {
        return exitSafe;
    }

    /** Whether {@code interval} ({@code checkpoint-flush-interval}) has passed since the last flush. */
    public boolean isDue(Duration interval) {
        return !clock.instant().isBefore(lastFlush.plus(interval));
    }

    /** Waits for the applier, then writes the global point, the exit-safe point and changed table points. */
    public void flush() {
        drain.run();
        Location global = candidate;
        store.flush(sourceId, global, exitSafe, new LinkedHashMap<>(dirtyTables), new LinkedHashSet<>(removedTables));
        flushed = global;
        dirtyTables.clear();
        removedTables.clear();
        lastFlush = clock.instant();
    }

    /** Saves the safe-mode exit point (the furthest location whose changes may have been applied). */
    public void saveExitSafe(Location location) {
        exitSafe = Objects.requireNonNull(location, "location");
        store.saveExitSafe(sourceId, location);
    }

    /** Clears the safe-mode exit point once the stream has passed it. */
    public void clearExitSafe() {
        if (exitSafe != null) {
            exitSafe = null;
            store.clearExitSafe(sourceId);
        }
    }
}
