package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a running dump has finished, for a load that starts before the dump ends: first the <em>catalog</em> (schemas
 * and tables with their schema files, columns, format and dump id, written before any data file), then every data
 * file once it is closed and synced, and every table once its last chunk is written, then the end: the complete
 * {@link DumpIndex} and {@link DumpMetadata} (both on disk by then), or an abort when the dump failed or was paused.
 * <p>The feed holds only names and sizes (one small entry per data file, as the index does); the data stays in the
 * files. One dump publishes, one load follows; {@link #restart()} before each new run of the pair.
 */
public final class DumpFeed {
    /** How long a follower sleeps between looks at its stop condition. */
    private static final long WAIT_MS = 100;

    /** A finished data file of a table, or ({@code file == null}) the end of a table's data. */
    public record Event(TableId table, DumpIndex.FileEntry file) {
        public boolean tableDone() {
            return file == null;
        }
    }

    /** What a follower learns in one look: new events from its cursor on, and whether the dump ended. */
    public record Update(List<Event> events, DumpIndex index, DumpMetadata metadata, boolean aborted) {
        /** The dump is complete: {@link #index()} and {@link #metadata()} are set. */
        public boolean complete() {
            return index != null;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private DumpIndex catalog;
    private DumpIndex index;
    private DumpMetadata metadata;
    private boolean aborted;

    /** Forgets the previous run (a resumed pair runs the dump again, or reuses its complete directory). */
    public synchronized void restart() {
        events.clear();
        catalog = null;
        index = null;
        metadata = null;
        aborted = false;
    }

    synchronized void catalog(DumpIndex tablesWithoutFiles) {
        catalog = tablesWithoutFiles;
        notifyAll();
    }

    synchronized void fileDone(TableId table, DumpIndex.FileEntry file) {
        events.add(new Event(table, file));
        notifyAll();
    }

    synchronized void tableDone(TableId table) {
        events.add(new Event(table, null));
        notifyAll();
    }

    synchronized void complete(DumpIndex complete, DumpMetadata meta) {
        index = complete;
        metadata = meta;
        catalog = catalog == null ? complete : catalog;
        notifyAll();
    }

    /** The dump ended without completing (failure or pause): followers stop. A complete feed stays complete. */
    synchronized void abort() {
        if (index == null) {
            aborted = true;
            notifyAll();
        }
    }

    /** Whether the dump is complete (its index and metadata written). */
    public synchronized boolean complete() {
        return index != null;
    }

    /**
     * Waits for the catalog: the tables to create before any data arrives (the complete index when the dump reused a
     * finished directory). Null when the dump aborted or {@code stop} said so first.
     */
    public synchronized DumpIndex awaitCatalog(BooleanSupplier stop) {
        while (catalog == null && !aborted && !stopped(stop)) {
            pause();
        }
        return aborted ? null : catalog;
    }

    /**
     * Waits until there are events after {@code seen} or the dump ended (or {@code stop} says so), then returns the
     * new events and the end state.
     */
    public synchronized Update awaitAfter(int seen, BooleanSupplier stop) {
        while (events.size() <= seen && index == null && !aborted && !stopped(stop)) {
            pause();
        }
        return new Update(List.copyOf(events.subList(Math.min(seen, events.size()), events.size())), index, metadata,
                aborted);
    }

    /** Waits until the dump ended (or {@code stop} says so); the events are left out. */
    public synchronized Update awaitEnd(BooleanSupplier stop) {
        while (index == null && !aborted && !stopped(stop)) {
            pause();
        }
        return new Update(List.of(), index, metadata, aborted);
    }

    private static boolean stopped(BooleanSupplier stop) {
        return stop.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    private void pause() {
        try {
            wait(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the follower's thread is being shut down: stopped() ends the wait
        }
    }
}
