package io.dm4j.worker.load;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.DumpFeed;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.progress.TableBoard;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The load's side of a dump it overlaps: queues every data file as soon as the dump reports it finished (closed and
 * synced), with its checkpoint row stored first, so the checkpoint never names a file the dump has not finished;
 * closes the queue once the dump is complete. Tables stay unfinished in the status until the dump has written their
 * last chunk.
 */
final class DumpFollower {
    private final DumpFeed feed;
    private final Map<TableId, DumpIndex.TableEntry> tables = new HashMap<>();
    private final TableBoard board;
    private final FilePlanner planner;
    private final LoaderCheckpoint checkpoint;
    private final FileQueue queue;

    /**
     * @param catalog the dump's tables (no files yet); each is registered in {@code board}, unfinished until the dump
     *                has written all its data
     */
    DumpFollower(DumpFeed feed, DumpIndex catalog, TableBoard board, FilePlanner planner, LoaderCheckpoint checkpoint,
                 FileQueue queue) {
        this.feed = feed;
        this.board = board;
        for (DumpIndex.TableEntry t : catalog.baseTables()) {
            tables.put(t.id(), t);
            board.register(t.id().toString(), 0, 0, 0).holdOpen();
        }
        this.planner = planner;
        this.checkpoint = checkpoint;
        this.queue = queue;
    }

    /**
     * Follows the dump until it is complete (returns its end: index and metadata) or aborted, or {@code stop} says so
     * (returns null). The queue is closed either way.
     */
    DumpFeed.Update follow(BooleanSupplier stop) {
        try {
            int seen = 0;
            Set<String> queued = new HashSet<>();
            while (true) {
                DumpFeed.Update u = feed.awaitAfter(seen, stop);
                if (u.aborted() || stop.getAsBoolean()) {
                    return null; // files of a dump that will run again are not worth loading
                }
                seen += u.events().size();
                for (DumpFeed.Event e : u.events()) {
                    if (e.tableDone()) {
                        board.get(e.table().toString()).release();
                    } else if (queued.add(e.file().name())) {
                        planner.add(table(e.table()), e.file(), more(e.table(), e.file()));
                    }
                }
                if (u.complete()) {
                    for (DumpIndex.TableEntry t : u.index().baseTables()) {
                        for (DumpIndex.FileEntry f : t.files()) {
                            if (queued.add(f.name())) { // not reported one by one (cannot happen, but then it is still loaded)
                                planner.add(table(t.id()), f, more(t.id(), f));
                            }
                        }
                    }
                }
                queue.addAll(planner.submit(checkpoint));
                if (u.complete()) {
                    tables.keySet().forEach(id -> board.get(id.toString()).release());
                    return u;
                }
            }
        } finally {
            queue.close();
        }
    }

    private DumpIndex.TableEntry table(TableId id) {
        DumpIndex.TableEntry t = tables.get(id);
        if (t == null) {
            throw new IllegalStateException("the dump reported a data file of " + id + ", which its catalog lacks");
        }
        return t;
    }

    /** The table's status entry, with one more file of {@code f}'s rows and bytes to load. */
    private TableBoard.Entry more(TableId id, DumpIndex.FileEntry f) {
        return board.register(id.toString(), f.rows(), f.bytes(), 1);
    }
}
