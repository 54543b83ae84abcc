package io.dm4j.worker.sync.apply;

import io.dm4j.common.errors.DmException;
import io.dm4j.worker.sync.memory.ByteBudget;
import io.dm4j.worker.sync.model.ChangeType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dispatcher and the queues share: the first failure, the closing flag, the counters and the bytes in
 * flight (taken by the dispatcher per change, given back when its transaction commits).
 */
final class ApplyState {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyState.class);

    private final ByteBudget inFlight;

    ApplyState(long inFlightBytes) {
        this.inFlight = new ByteBudget("applier in-flight changes", inFlightBytes);
    }

    private final AtomicReference<DmException> failure = new AtomicReference<>();
    private volatile boolean closed;
    private final AtomicLongArray total = new AtomicLongArray(ChangeType.values().length);
    private final AtomicLongArray applied = new AtomicLongArray(ChangeType.values().length);
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    /** Records the first failure; later ones are only logged. */
    void fail(DmException e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("DML apply stopped: {}", e.getMessage(), e);
        } else {
            LOG.warn("further DML apply failure after the first one: {}", e.getMessage());
        }
    }

    DmException failure() {
        return failure.get();
    }

    /** Queues start no new transaction once this is true. */
    boolean stopped() {
        return closed || failure.get() != null;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    void submitted(ChangeType type) {
        total.incrementAndGet(type.ordinal());
    }

    /** Takes the bytes of a change about to be queued; false when {@code timeoutMillis} passed first. */
    boolean reserve(long bytes, long timeoutMillis) throws InterruptedException {
        return inFlight.tryAcquire(bytes, timeoutMillis);
    }

    /** @param bytes what the dispatcher reserved for these changes */
    void committed(List<QueuedChange> batch, long bytes) {
        for (QueuedChange qc : batch) {
            applied.incrementAndGet(qc.change().type().ordinal());
        }
        inFlight.release(bytes);
        transactions.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void conflicted() {
        conflicts.incrementAndGet();
    }

    ApplyStats snapshot() {
        // applied first: a change counted as applied is always already counted in total
        long ai = applied.get(ChangeType.INSERT.ordinal());
        long au = applied.get(ChangeType.UPDATE.ordinal());
        long ad = applied.get(ChangeType.DELETE.ordinal());
        return new ApplyStats(total.get(ChangeType.INSERT.ordinal()), total.get(ChangeType.UPDATE.ordinal()),
                total.get(ChangeType.DELETE.ordinal()), ai, au, ad, transactions.get(), retries.get(), conflicts.get());
    }
}
