package io.dm4j.worker.sync.apply;

import io.dm4j.common.errors.ApplyErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.db.SqlFailures;
import io.dm4j.worker.db.SqlStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the {@code worker-count} queues: a thread that takes whole upstream transactions until it holds
 * {@code batch} changes (fewer when the queue is momentarily empty; more when one transaction is larger), builds
 * their statements and commits them as one downstream transaction, so a downstream commit ends only where an
 * upstream transaction ends. A retryable
 * failure re-runs the whole transaction after a pause; any other failure stops the applier.
 */
final class ApplyQueue implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyQueue.class);
    private static final long POLL_MILLIS = 100;

    /** What a queue holds: a change, or a barrier that is passed once everything before it is committed. */
    sealed interface Item permits Job, Barrier {
    }

    /** The changes of one upstream transaction (or of one change outside a transaction): never split. */
    record Job(List<QueuedChange> changes, long bytes) implements Item {
    }

    record Barrier(CountDownLatch latch) implements Item {
    }

    private final int index;
    private final ApplyOptions options;
    private final DmlBuilder builder;
    private final SqlExecutor executor;
    private final ApplyState state;
    private final BlockingQueue<Item> queue;
    /** Written by this queue's thread only (under the monitor, for the waiters); read by the dispatcher. */
    private volatile long completedJobs;
    /** Non-null for the queue of tables without a usable key: each transaction also stores its last point. */
    private final KeylessLane lane;

    ApplyQueue(int index, ApplyOptions options, DmlBuilder builder, SqlExecutor executor, ApplyState state) {
        this(index, options, builder, executor, state, null);
    }

    ApplyQueue(int index, ApplyOptions options, DmlBuilder builder, SqlExecutor executor, ApplyState state,
               KeylessLane lane) {
        this.index = index;
        this.lane = lane;
        this.options = options;
        this.builder = builder;
        this.executor = executor;
        this.state = state;
        this.queue = new ArrayBlockingQueue<>(options.queueSize());
    }

    /** Adds an item, waiting while the queue is full; returns false when the applier stopped meanwhile. */
    boolean put(Item item) throws InterruptedException {
        while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (state.stopped()) {
                return false;
            }
        }
        return true;
    }

    /** How many of the jobs put into this queue are committed (jobs commit in the order they were put). */
    long completedJobs() {
        return completedJobs;
    }

    /**
     * Waits until this queue committed its first {@code jobs} jobs; false when {@code timeoutMillis} passed first
     * (the caller checks whether the applier stopped, then waits again).
     */
    synchronized boolean awaitCompleted(long jobs, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (completedJobs < jobs) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private synchronized void completed(int jobs) {
        completedJobs += jobs;
        notifyAll();
    }

    /** Changes waiting in this queue now. */
    int length() {
        return queue.size();
    }

    @Override
    public void run() {
        List<QueuedChange> batch = new ArrayList<>(options.batch());
        try {
            while (!state.stopped()) {
                Item first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (first instanceof Barrier b) {
                    b.latch().countDown();
                    continue;
                }
                Job job = (Job) first;
                batch.addAll(job.changes());
                long batchBytes = job.bytes();
                int jobs = 1;
                while (batch.size() < options.batch() && queue.peek() instanceof Job) {
                    job = (Job) queue.poll();
                    batch.addAll(job.changes());
                    batchBytes += job.bytes();
                    jobs++;
                }
                execute(batch, batchBytes, jobs);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            DmException dm = e instanceof DmException d ? d
                    : ApplyErrors.QUEUE_FAILED.wrap(e, index, String.valueOf(e.getMessage()));
            state.fail(dm);
        }
    }

    private void execute(List<QueuedChange> changes, long bytes, int jobs) throws InterruptedException {
        List<QueuedChange> batch = changes;
        List<SqlStatement> statements = builder.build(batch);
        LaneMark mark = lane == null ? null : LaneMark.of(lane, batch);
        if (mark != null) {
            statements = mark.appendTo(statements);
        }
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            if (state.stopped()) {
                return;
            }
            try {
                if (attempt > 1 && mark != null && mark.committedEarlier()) {
                    state.committed(batch, bytes); // the failed attempt did commit: running it again would duplicate rows
                    completed(jobs);
                    return;
                }
                executor.executeTransaction(statements);
                state.committed(batch, bytes);
                completed(jobs);
                return;
            } catch (SQLException e) {
                SqlFailures.Kind kind = SqlFailures.classify(e);
                if (!kind.retryable() || attempt >= options.maxAttempts() || state.closed()) {
                    state.fail(Downstream.toDmException(e, attempt));
                    return;
                }
                LOG.warn("queue {} transaction of {} changes failed ({}, attempt {}/{}), retrying in {} ms: {}",
                        index, batch.size(), kind, attempt, options.maxAttempts(), backoff, e.getMessage());
                // The keyless lane knows a COMMIT's outcome from its stored point (LaneMark); safe mode cannot
                // make its rows idempotent, so it is never rebuilt that way.
                if (UnknownCommit.is(e) && mark == null) {
                    LOG.warn("queue {}: the COMMIT's outcome is unknown; retrying the transaction in safe mode", index);
                    batch = UnknownCommit.inSafeMode(batch);
                    statements = builder.build(batch);
                }
                state.retried();
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
            }
        }
    }
}
