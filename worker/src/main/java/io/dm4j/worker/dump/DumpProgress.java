package io.dm4j.worker.dump;

import io.dm4j.worker.progress.TableBoard;
import java.util.concurrent.atomic.AtomicLong;

/** Counters the dump threads update and {@link DumpUnit#status()} reads. */
final class DumpProgress {
    final AtomicLong totalTables = new AtomicLong();
    final AtomicLong completedTables = new AtomicLong();
    final AtomicLong totalChunks = new AtomicLong();
    final AtomicLong completedChunks = new AtomicLong();
    final AtomicLong finishedBytes = new AtomicLong();
    final AtomicLong finishedRows = new AtomicLong();
    final AtomicLong estimateTotalRows = new AtomicLong();
    /** Per-table rows, bytes and chunks, for query-status. */
    final TableBoard tables = new TableBoard();
    volatile String stage = "new";
    volatile String consistency = "";
    volatile long lockMillis = -1;
    volatile long dataStartNanos;
    volatile long finishNanos;

    /** A dump run again on the same unit (a resumed task) writes every chunk again, so it counts from zero. */
    void startOver() {
        completedTables.set(0);
        completedChunks.set(0);
        finishedBytes.set(0);
        finishedRows.set(0);
        tables.reset();
    }

    void addBytes(long n) {
        finishedBytes.addAndGet(n);
    }

    void addRows(long n) {
        finishedRows.addAndGet(n);
    }
}
