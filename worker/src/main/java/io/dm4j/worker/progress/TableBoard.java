package io.dm4j.worker.progress;

import io.dm4j.worker.dump.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

/**
 * Per-table progress of a dump or a load, for query-status: one {@link Entry} per table, updated by the unit's
 * threads, and a bounded {@link #snapshot(int)} that lists the tables in progress first, then the ones not started,
 * at most {@code limit} of them, and only counts the finished ones. A task with 100k tables therefore answers
 * query-status with a few dozen rows, whatever its size. The unit registers its tables once it has planned its
 * work; memory is one small entry per table, the status a bounded list.
 */
public final class TableBoard {
    /** How many tables query-status lists when the unit does not say otherwise. */
    public static final int DEFAULT_LISTED = 20;

    private final Map<String, Entry> byName = new HashMap<>();
    private final List<Entry> inOrder = new ArrayList<>();
    private final Set<Entry> started = ConcurrentHashMap.newKeySet();
    private final AtomicLong finished = new AtomicLong();
    /** Index of the first table of {@link #inOrder} not known to be finished (only grows). */
    private int firstOpen;
    /** Told the name of each table as it becomes done (the load builds its deferred indexes then). */
    private volatile Consumer<String> onDone = name -> { };

    /**
     * Adds a table (or returns the one already added under this name), in the order the unit works on them.
     *
     * @param totalRows  rows expected (an estimate for the dump; 0 when unknown)
     * @param totalBytes bytes expected (0 when unknown)
     * @param parts      chunks (dump) or files (load) the table is made of
     */
    public synchronized Entry register(String table, long totalRows, long totalBytes, long parts) {
        Entry e = byName.get(table);
        if (e == null) {
            e = new Entry(this, table, inOrder.size());
            byName.put(table, e);
            inOrder.add(e);
        }
        e.totalRows += totalRows;
        e.totalBytes += totalBytes;
        e.totalParts += parts;
        return e;
    }

    /** {@code listener} is told each table's name once it is done; it must return quickly (it runs on the caller). */
    public void onTableDone(Consumer<String> listener) {
        onDone = listener;
    }

    /** Forgets every table: a unit run again (resume) registers its tables afresh. */
    public synchronized void reset() {
        byName.clear();
        inOrder.clear();
        started.clear();
        finished.set(0);
        firstOpen = 0;
    }

    /** The entry of a registered table, or null. */
    public synchronized Entry get(String table) {
        return byName.get(table);
    }

    /** Tables registered. */
    public synchronized int size() {
        return inOrder.size();
    }

    /**
     * The unfinished tables, those with progress first (in the unit's order), then the waiting ones, at most
     * {@code limit}; the finished ones are counted. Cost: the tables in progress plus the waiting ones listed, since
     * the scan for waiting tables starts after the leading run of finished ones (units finish tables roughly in
     * their order).
     *
     * @param rowsDriven whether a table's share is rows of its (estimated) rows (dump) or bytes of its bytes (load)
     */
    public synchronized TableProgressList snapshot(int limit, boolean rowsDriven) {
        while (firstOpen < inOrder.size() && inOrder.get(firstOpen).done) {
            firstOpen++;
        }
        List<Entry> inProgress = new ArrayList<>();
        for (Entry e : started) {
            if (inProgress.size() >= limit) {
                break;
            }
            if (!e.done) {
                inProgress.add(e);
            }
        }
        inProgress.sort(Comparator.comparingInt(e -> e.index));
        List<TableProgress> rows = new ArrayList<>();
        inProgress.forEach(e -> rows.add(e.view(rowsDriven)));
        for (int i = firstOpen; i < inOrder.size() && rows.size() < limit; i++) {
            Entry e = inOrder.get(i);
            if (!e.done && !e.touched) {
                rows.add(e.view(rowsDriven));
            }
        }
        long done = finished.get();
        return new TableProgressList(inOrder.size(), done, Math.max(0, inOrder.size() - done - rows.size()), rows);
    }

    /**
     * One table's counters; thread-safe. Plain volatile fields with field updaters rather than AtomicLong objects:
     * a task may have 100k tables, and this keeps an entry near 100 bytes.
     */
    public static final class Entry {
        private static final AtomicLongFieldUpdater<Entry> ROWS = AtomicLongFieldUpdater.newUpdater(Entry.class, "rows");
        private static final AtomicLongFieldUpdater<Entry> BYTES = AtomicLongFieldUpdater.newUpdater(Entry.class, "bytes");
        private static final AtomicLongFieldUpdater<Entry> PARTS = AtomicLongFieldUpdater.newUpdater(Entry.class, "parts");
        private final TableBoard board;
        private final String table;
        private final int index;
        private volatile long rows;
        private volatile long bytes;
        private volatile long parts;
        // written by register only, under the board's lock, before the unit's threads start
        private volatile long totalRows;
        private volatile long totalBytes;
        private volatile long totalParts;
        private volatile boolean done;
        private volatile boolean touched;
        /** More parts may still be registered (a load following a running dump): not done before {@link #release()}. */
        private volatile boolean open;

        private Entry(TableBoard board, String table, int index) {
            this.board = board;
            this.table = table;
            this.index = index;
        }

        public void addRows(long n) {
            ROWS.addAndGet(this, n);
            touch();
        }

        public void addBytes(long n) {
            BYTES.addAndGet(this, n);
            touch();
        }

        /** Joins the set of tables in progress once (not on every row: the set is a hash lookup). */
        private void touch() {
            if (!touched) {
                touched = true;
                if (!done) {
                    board.started.add(this);
                }
            }
        }

        /** A chunk or file of the table is complete; the table is done with its last one. */
        public void partDone() {
            long n = PARTS.incrementAndGet(this);
            touch();
            if (n >= totalParts && !open) {
                markDone();
            }
        }

        /** Parts will still be added (a load that follows a running dump learns a table's files one by one). */
        public void holdOpen() {
            open = true;
        }

        /** No more parts will be added; the table is done once those registered are. */
        public void release() {
            open = false;
            if (parts >= totalParts) {
                markDone();
            }
        }

        /** The table is complete (e.g. loaded in an earlier run). */
        public void markDone() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                board.finished.incrementAndGet();
                board.started.remove(this);
            }
            board.onDone.accept(table);
        }

        public boolean done() {
            return done;
        }

        private TableProgress view(boolean rowsDriven) {
            long r = rows;
            long b = bytes;
            long share = rowsDriven ? r : b;
            long total = rowsDriven ? Math.max(totalRows, r) : totalBytes;
            return new TableProgress(table, r, totalRows, b, totalBytes, parts, totalParts,
                    Progress.percent(share, total, done), done);
        }
    }
}
