package io.dm4j.worker.sync.apply;

import io.dm4j.common.errors.ApplyErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.sync.memory.ChangeSize;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.model.RowPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies row changes downstream in {@code worker-count} parallel queues while keeping the order of changes that
 * touch the same row or unique-key value ({@link Causality}). The changes of one upstream transaction
 * ({@link #beginTransaction}..{@link #endTransaction}) go to one queue and commit downstream together; with
 * {@link ApplyOptions#splitTransactions()} each of its changes goes to the queue its own keys choose, as DM places
 * them (the transaction's rows may then commit in several downstream transactions).
 *
 * <p>One dispatcher thread (the sync unit) calls {@link #submit} and {@link #flush}. {@code flush()} returns once
 * every change submitted before it is committed downstream; the sync unit calls it before a DDL, before writing a
 * checkpoint, and on pause/stop. The first failure of any queue stops the applier: the other queues finish the
 * transaction they are in, start no new one and exit; {@code submit}/{@code flush} then throw that failure (once
 * the queues have stopped, so {@link #stats()} is final). {@link #close()} stops the threads and drops what is
 * still queued.
 */
public final class DmlApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DmlApplier.class);
    private static final long WAIT_MILLIS = 100;
    /** Bound on remembered keys; reaching it forces a drain as a conflict does, to keep memory flat. */
    static final int MAX_CAUSALITY_KEYS = 1 << 20;

    private final ApplyOptions options;
    private final ApplyState state;
    private final Causality causality;
    /** Jobs put into each keyed queue so far: the number of the next job is one more. */
    private final long[] jobsPut;
    private final ApplyQueue[] queues;
    private final Thread[] threads;
    /** The queue after the {@code worker-count} parallel ones, for {@link #submitKeyless}; null without a lane. */
    private final ApplyQueue laneQueue;
    /** The upstream transaction being read ({@link #beginTransaction}); its changes are queued at its end. */
    private final PendingTransaction pending = new PendingTransaction();
    private final long splitBytes;
    private boolean transactionOpen;
    private LongConsumer conflictDetection = nanos -> { };

    public DmlApplier(SqlExecutor executor, ApplyOptions options) {
        this(executor, options, null);
    }

    /** @param lane where the keyless queue stores its progress; null when {@link #submitKeyless} is not used */
    public DmlApplier(SqlExecutor executor, ApplyOptions options, KeylessLane lane) {
        this.options = options;
        this.state = new ApplyState(options.inFlightBytes());
        this.causality = new Causality(options.workerCount());
        this.jobsPut = new long[options.workerCount()];
        this.splitBytes = Math.max(1, options.inFlightBytes() / 2);
        DmlBuilder builder = new DmlBuilder(options.multipleRows(), options.compact(), DmlBuilder.DEFAULT_MAX_PLACEHOLDERS,
                DmlBuilder.DEFAULT_MAX_PARAM_BYTES, JsonMatch.forServer(executor.serverVersion()));
        int n = options.workerCount() + (lane == null ? 0 : 1);
        this.queues = new ApplyQueue[n];
        this.threads = new Thread[n];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = i < options.workerCount() ? new ApplyQueue(i, options, builder, executor, state)
                    : new ApplyQueue(i, options, builder, executor, state, lane);
            threads[i] = new Thread(queues[i], "dm4j-apply-" + options.name() + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        this.laneQueue = lane == null ? null : queues[options.workerCount()];
        LOG.info("DML applier {} started: worker-count {}, batch {}, queue-size {}, multiple-rows {}, compact {},"
                + " split-transactions {}, {} MiB in flight", options.name(), options.workerCount(), options.batch(),
                options.queueSize(), options.multipleRows(), options.compact(), options.splitTransactions(),
                options.inFlightBytes() >> 20);
    }

    /** Told how long the causality check of each transaction took (nanoseconds), for the metrics. */
    public void onConflictDetection(LongConsumer nanos) {
        this.conflictDetection = nanos;
    }

    /**
     * Queues one change; inside a transaction ({@link #beginTransaction}) it waits for the transaction's end. Blocks
     * while its queue is full. When the keys of a transaction (or of a change outside one) belong to two groups of
     * queued changes, first waits until everything queued is committed.
     *
     * @throws DmException the failure that stopped the applier, {@link ApplyErrors#APPLIER_CLOSED}, or a
     *                     validation error of the change
     */
    public synchronized void submit(RowChange change, boolean safeMode) {
        checkUsable();
        validate(change);
        List<String> keys = RowKeys.causalityKeys(change);
        add(new QueuedChange(change, safeMode, null, keys), keys);
    }

    /**
     * Queues a change of a table without a usable key on the keyless lane: one queue, in submission order, whose
     * every transaction also stores the point of its newest change ({@link KeylessLane}), never in safe mode. An
     * upstream transaction that also changes tables with a key runs on the lane as a whole, after everything queued
     * before it and before anything queued after it.
     */
    public synchronized void submitKeyless(RowChange change, RowPoint point) {
        if (laneQueue == null) {
            throw new IllegalStateException("applier " + options.name() + " has no keyless lane");
        }
        checkUsable();
        validate(change);
        add(new QueuedChange(change, false, Objects.requireNonNull(point, "point")), List.of());
    }

    /**
     * The changes submitted from now until {@link #endTransaction()} (or the next {@link #flush()}) are one upstream
     * transaction: they go to one queue and commit downstream together, possibly with other whole transactions. A
     * transaction larger than half of {@code inFlightBytes} is committed in parts.
     */
    public synchronized void beginTransaction() {
        transactionOpen = true;
    }

    /** The upstream transaction ended: its changes are queued (whole, or each by its keys with split-transactions). */
    public synchronized void endTransaction() {
        endTransaction(false);
    }

    /**
     * The upstream transaction ended: its changes are queued.
     *
     * @param whole in one queue even with split-transactions (a replay that must find which transaction the
     *              downstream rejects needs each one whole)
     */
    public synchronized void endTransaction(boolean whole) {
        checkUsable();
        transactionOpen = false;
        dispatchPending(whole);
    }

    private void add(QueuedChange qc, List<String> keys) {
        long bytes = ChangeSize.of(qc.change());
        if (!pending.isEmpty() && pending.bytes() + bytes > splitBytes) {
            LOG.info("applier {}: an upstream transaction holds more than {} MiB of changes; committing it in parts",
                    options.name(), splitBytes >> 20);
            dispatchPending(false);
        }
        reserve(bytes);
        state.submitted(qc.change().type());
        pending.add(qc, keys, bytes);
        if (!transactionOpen) {
            dispatchPending(false);
        }
    }

    /**
     * Queues the pending transaction: on the keyless lane when it has keyless changes, else as one job by its keys,
     * or (split-transactions, unless {@code whole}) each change by its own keys.
     */
    private void dispatchPending(boolean whole) {
        if (pending.isEmpty()) {
            return;
        }
        boolean keyless = pending.hasKeyless();
        boolean mixed = keyless && pending.hasKeyed();
        List<String> keys = pending.keys();
        long bytes = pending.bytes();
        List<QueuedChange> changes = pending.take();
        if (keyless) {
            if (mixed) {
                drain(); // its keyed rows are ordered after everything queued before...
            }
            enqueue(laneQueue, new ApplyQueue.Job(changes, bytes));
            if (mixed) {
                drain(); // ... and before everything queued after
            }
            return;
        }
        long detectStart = System.nanoTime();
        if (causality.forgetCommitted(this::completedJobs) >= MAX_CAUSALITY_KEYS) {
            drain(); // more live keys than the bound: only a full wait frees them
        }
        if (options.splitTransactions() && !whole) {
            dispatchEachChange(changes, detectStart);
            return;
        }
        Causality.Placement placement = causality.place(keys, this::completedJobs);
        if (placement.conflicts()) {
            state.conflicted();
            LOG.debug("causality conflict on {}, waiting for the queues that hold its keys",
                    changes.get(0).change().target());
            long waitStart = System.nanoTime();
            awaitCompleted(placement.mustComplete());
            detectStart += System.nanoTime() - waitStart; // the wait for the queues is not detection
        }
        int queue = placement.queue();
        causality.record(keys, queue, ++jobsPut[queue]);
        conflictDetection.accept(System.nanoTime() - detectStart);
        enqueue(queues[queue], new ApplyQueue.Job(changes, bytes));
    }

    /**
     * Places each change by its own keys. The changes bound for a queue collect into one job, queued at the end;
     * their keys are recorded with that job's number at once, so a later change of the same row follows it. A
     * change whose keys are live in two queues first queues what has been collected (its keys may be in it), then
     * waits as a conflicting transaction does.
     */
    private void dispatchEachChange(List<QueuedChange> changes, long detectStart) {
        List<List<QueuedChange>> collected = new ArrayList<>(Collections.nCopies(jobsPut.length, null));
        long[] collectedBytes = new long[jobsPut.length];
        for (QueuedChange qc : changes) {
            List<String> keys = qc.causalityKeys();
            Causality.Placement placement = causality.place(keys, this::completedJobs);
            if (placement.conflicts()) {
                state.conflicted();
                enqueueCollected(collected, collectedBytes);
                long waitStart = System.nanoTime();
                awaitCompleted(placement.mustComplete());
                detectStart += System.nanoTime() - waitStart;
            }
            int queue = placement.queue();
            causality.record(keys, queue, jobsPut[queue] + 1);
            if (collected.get(queue) == null) {
                collected.set(queue, new ArrayList<>());
            }
            collected.get(queue).add(qc);
            collectedBytes[queue] += ChangeSize.of(qc.change());
        }
        conflictDetection.accept(System.nanoTime() - detectStart);
        enqueueCollected(collected, collectedBytes);
    }

    /** Queues each queue's collected changes as its next job (the job number their keys were recorded with). */
    private void enqueueCollected(List<List<QueuedChange>> collected, long[] collectedBytes) {
        for (int queue = 0; queue < collected.size(); queue++) {
            List<QueuedChange> job = collected.get(queue);
            if (job != null) {
                ++jobsPut[queue];
                enqueue(queues[queue], new ApplyQueue.Job(job, collectedBytes[queue]));
                collected.set(queue, null);
                collectedBytes[queue] = 0;
            }
        }
    }

    private long completedJobs(int queue) {
        return queues[queue].completedJobs();
    }

    /** Waits until each queue has committed the number of jobs given for it. */
    private void awaitCompleted(long[] jobsPerQueue) {
        try {
            for (int q = 0; q < jobsPerQueue.length; q++) {
                while (jobsPerQueue[q] > 0 && !queues[q].awaitCompleted(jobsPerQueue[q], WAIT_MILLIS)) {
                    checkUsable();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.INTERRUPTED.error("waiting for queued changes to be applied");
        }
        checkUsable();
    }

    /** Returns once every change submitted before is committed downstream; clears the causality map. */
    public synchronized void flush() {
        checkUsable();
        transactionOpen = false;
        dispatchPending(false);
        drain();
    }

    /** Counters for query-status. */
    public ApplyStats stats() {
        return state.snapshot();
    }

    /** Changes waiting in each queue now (the keyless lane's last), for /metrics. */
    public java.util.List<Integer> queueLengths() {
        Integer[] lengths = new Integer[queues.length];
        for (int i = 0; i < queues.length; i++) {
            lengths[i] = queues[i].length();
        }
        return java.util.List.of(lengths);
    }

    /** The failure that stopped the applier, if any. */
    public Optional<DmException> failure() {
        return Optional.ofNullable(state.failure());
    }

    public ApplyOptions options() {
        return options;
    }

    /** Stops the queue threads; changes not yet committed are dropped (and not counted as applied). */
    @Override
    public void close() {
        if (state.closed()) {
            return;
        }
        state.close();
        for (Thread t : threads) {
            t.interrupt();
        }
        awaitQueuesStopped();
        LOG.info("DML applier {} closed: {}", options.name(), state.snapshot());
    }

    private void drain() {
        CountDownLatch latch = new CountDownLatch(queues.length);
        for (ApplyQueue q : queues) {
            enqueue(q, new ApplyQueue.Barrier(latch));
        }
        try {
            while (!latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.INTERRUPTED.error("waiting for queued changes to be applied");
        }
        checkUsable();
        causality.clear();
    }

    /** Waits until the change's bytes fit in {@code inFlightBytes} (the queues commit and give bytes back). */
    private void reserve(long bytes) {
        try {
            while (!state.reserve(bytes, WAIT_MILLIS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.INTERRUPTED.error("waiting for memory for a change");
        }
    }

    private void enqueue(ApplyQueue queue, ApplyQueue.Item item) {
        try {
            if (!queue.put(item)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplyErrors.INTERRUPTED.error("queueing a change");
        }
    }

    private void checkUsable() {
        DmException f = state.failure();
        if (f != null) {
            awaitQueuesStopped();
            throw f;
        }
        if (state.closed()) {
            throw ApplyErrors.APPLIER_CLOSED.error(options.name());
        }
    }

    /**
     * After a failure the queues finish the transaction they are in and exit; waiting for that makes the
     * counters final before the failure is reported, so nothing committed later is missed or over-reported.
     */
    private void awaitQueuesStopped() {
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void validate(RowChange c) {
        int n = c.schema().columns().size();
        for (Object[] row : new Object[][] {c.before(), c.after()}) {
            if (row != null && row.length != n) {
                throw ApplyErrors.ROW_COLUMN_MISMATCH.error(c.source(), row.length, n);
            }
        }
        if (c.extraColumns().size() != c.extraValues().length) {
            throw ApplyErrors.EXTRA_COLUMN_MISMATCH.error(c.source(), c.extraColumns().size(), c.extraValues().length);
        }
    }
}
