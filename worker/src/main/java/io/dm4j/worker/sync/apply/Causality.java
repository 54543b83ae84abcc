package io.dm4j.worker.sync.apply;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.zip.CRC32;

/**
 * DM's causality, bounded by what is still in flight: changes that share a key must commit in the order they were
 * read. Each key remembers the queue and the job (that queue's job number) that used it last. A key whose job is
 * committed no longer binds anything. A transaction whose live keys are all in one queue goes to that queue (FIFO
 * keeps the order); one without live keys goes to the queue of its first key (IEEE CRC32 modulo the worker count,
 * as DM). One whose live keys are in several queues is a conflict: it goes to one of them after the others have
 * committed the jobs that hold its keys. DM waits for every queue instead; waiting only for the queues that
 * hold the keys, and only up to those jobs, keeps the other queues busy (sysbench's hot rows conflict every ~90
 * transactions, and each full wait idled all queues).
 */
final class Causality {
    /**
     * Keys remembered before the first sweep of committed ones. Small, so that the map stays in the CPU caches: a
     * lookup of a key in a map of 64K mostly dead entries cost several cache misses per key on the dispatcher thread.
     * Sweeping earlier decides nothing differently: a committed key binds nothing, swept or not.
     */
    private static final int FIRST_SWEEP_AT = 1 << 12;

    /** Where a transaction goes, and the job each other queue must have committed before it may go there. */
    record Placement(int queue, long[] mustComplete) {
        /** Whether a queue other than {@link #queue} holds one of its keys in a job not yet committed. */
        boolean conflicts() {
            for (long jobs : mustComplete) {
                if (jobs > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The queue and the job number (1-based, per queue) that used a key last. */
    private record LastUse(int queue, long job) {
    }

    private final int workerCount;
    private final Map<String, LastUse> lastUse = new HashMap<>();
    private int sweepAt = FIRST_SWEEP_AT;

    Causality(int workerCount) {
        if (workerCount <= 0) {
            throw new IllegalArgumentException("worker count must be positive");
        }
        this.workerCount = workerCount;
    }

    /**
     * Places a transaction with these keys.
     *
     * @param completedJobs how many jobs a queue has committed so far
     */
    Placement place(List<String> keys, IntToLongFunction completedJobs) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a change has at least one causality key");
        }
        long[] live = null; // per queue: the newest job not yet committed that holds one of the keys
        int liveQueues = 0;
        for (String k : keys) {
            LastUse use = lastUse.get(k);
            if (use == null || use.job() <= completedJobs.applyAsLong(use.queue())) {
                continue;
            }
            if (live == null) {
                live = new long[workerCount];
            }
            if (live[use.queue()] == 0) {
                liveQueues++;
            }
            live[use.queue()] = Math.max(live[use.queue()], use.job());
        }
        if (liveQueues == 0) {
            return new Placement(queueOf(keys.get(0)), new long[workerCount]);
        }
        // the queue with the most left to do before the keys' jobs is the one not waited for
        // (the queues commit meanwhile: what is left may have become nothing)
        int target = -1;
        long mostLeft = Long.MIN_VALUE;
        for (int q = 0; q < workerCount; q++) {
            if (live[q] > 0) {
                long left = live[q] - completedJobs.applyAsLong(q);
                if (left > mostLeft) {
                    mostLeft = left;
                    target = q;
                }
            }
        }
        live[target] = 0;
        return new Placement(target, live);
    }

    /** Records that the transaction with these keys is job {@code job} of {@code queue}. */
    void record(List<String> keys, int queue, long job) {
        LastUse use = new LastUse(queue, job);
        for (String k : keys) {
            lastUse.put(k, use);
        }
    }

    /**
     * Forgets the keys whose jobs are committed once the map has grown past the last bound (amortised: the bound
     * doubles with what stays); returns how many keys are still live.
     */
    int forgetCommitted(IntToLongFunction completedJobs) {
        if (lastUse.size() < sweepAt) {
            return lastUse.size();
        }
        for (Iterator<LastUse> it = lastUse.values().iterator(); it.hasNext(); ) {
            LastUse use = it.next();
            if (use.job() <= completedJobs.applyAsLong(use.queue())) {
                it.remove();
            }
        }
        sweepAt = Math.max(FIRST_SWEEP_AT, 2 * lastUse.size());
        return lastUse.size();
    }

    /** The queue of a transaction without live keys: IEEE CRC32 of its first key, modulo the worker count (as DM). */
    int queueOf(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % workerCount);
    }

    /** Forgets every key (every queue has committed everything). */
    void clear() {
        lastUse.clear();
        sweepAt = FIRST_SWEEP_AT;
    }

    int size() {
        return lastUse.size();
    }
}
