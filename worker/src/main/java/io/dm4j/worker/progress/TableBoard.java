package io.dm4j.worker.progress;

import io.dm4j.worker.dump.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final List<Entry> inOrder = new ArrayList<>();
    private final Set<Entry> started = ConcurrentHashMap.newKeySet();
    private final AtomicLong finished = new AtomicLong();

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
            e = new Entry(this, table);
            byName.put(table, e);
            inOrder.add(e);
        }
        e.totalRows.addAndGet(totalRows);
        e.totalBytes.addAndGet(totalBytes);
        e.totalParts.addAndGet(parts);
        return e;
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
     * The unfinished tables, those with progress first, at most {@code limit}; the finished ones are counted.
     *
     * @param rowsDriven whether a table's share is rows of its (estimated) rows (dump) or bytes of its bytes (load)
     */
    public TableProgressList snapshot(int limit, boolean rowsDriven) {
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(inOrder);
        }
        Map<Entry, Boolean> listed = new LinkedHashMap<>();
        for (Entry e : started) {
            if (listed.size() >= limit) {
                break;
            }
            if (!e.done) {
                listed.put(e, true);
            }
        }
        for (Entry e : all) {
            if (listed.size() >= limit) {
                break;
            }
            if (!e.done && !listed.containsKey(e)) {
                listed.put(e, true);
            }
        }
        // in progress first, in the unit's order, then the ones waiting
        List<TableProgress> rows = new ArrayList<>();
        for (Entry e : all) {
            if (listed.containsKey(e) && e.hasProgress()) {
                rows.add(e.view(rowsDriven));
            }
        }
        for (Entry e : all) {
            if (listed.containsKey(e) && !e.hasProgress()) {
                rows.add(e.view(rowsDriven));
            }
        }
        long done = finished.get();
        return new TableProgressList(all.size(), done, Math.max(0, all.size() - done - rows.size()), rows);
    }

    /** One table's counters; thread-safe. */
    public static final class Entry {
        private final TableBoard board;
        private final String table;
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong parts = new AtomicLong();
        private final AtomicLong totalRows = new AtomicLong();
        private final AtomicLong totalBytes = new AtomicLong();
        private final AtomicLong totalParts = new AtomicLong();
        private volatile boolean done;
        private volatile boolean touched;

        private Entry(TableBoard board, String table) {
            this.board = board;
            this.table = table;
        }

        public void addRows(long n) {
            rows.addAndGet(n);
            touch();
        }

        public void addBytes(long n) {
            bytes.addAndGet(n);
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
            if (parts.incrementAndGet() >= totalParts.get()) {
                markDone();
            }
        }

        /** The table is complete (e.g. loaded in an earlier run). */
        public synchronized void markDone() {
            if (!done) {
                done = true;
                board.finished.incrementAndGet();
                board.started.remove(this);
            }
        }

        public boolean done() {
            return done;
        }

        private boolean hasProgress() {
            return rows.get() > 0 || bytes.get() > 0 || parts.get() > 0;
        }

        private TableProgress view(boolean rowsDriven) {
            long r = rows.get();
            long b = bytes.get();
            long share = rowsDriven ? r : b;
            long total = rowsDriven ? Math.max(totalRows.get(), r) : totalBytes.get();
            return new TableProgress(table, r, totalRows.get(), b, totalBytes.get(), parts.get(), totalParts.get(),
                    Progress.percent(share, total, done), done);
        }
    }
}
