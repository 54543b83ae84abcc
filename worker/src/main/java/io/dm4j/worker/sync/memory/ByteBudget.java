package io.dm4j.worker.sync.memory;

/**
 * A bound on the bytes held between two threads (events read but not yet taken, changes queued but not yet
 * committed), on top of the count bounds of the queues: a few rows of several megabytes must not fill the heap.
 * One item larger than the whole budget is still let through when nothing else is held, so no row is too big.
 */
public final class ByteBudget {
    private final String name;
    private final long capacity;
    private long used;
    /** Threads in {@link #tryAcquire} waiting: a release wakes them only when there are any (it runs per event). */
    private int waiting;

    public ByteBudget(String name, long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("byte budget " + name + " must be positive: " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
    }

    /**
     * Takes {@code bytes}, waiting up to {@code timeoutMillis} for others to be released; false when the time ran
     * out (the caller checks whether it should stop, then asks again).
     */
    public synchronized boolean tryAcquire(long bytes, long timeoutMillis) throws InterruptedException {
        if (bytes <= 0) {
            return true; // weightless items (errors, markers) never wait
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (used > 0 && used + bytes > capacity) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            waiting++;
            try {
                wait(left);
            } finally {
                waiting--;
            }
        }
        used += bytes;
        return true;
    }

    /** Gives back bytes taken with {@link #tryAcquire}. */
    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
        if (waiting > 0) {
            notifyAll();
        }
    }

    public synchronized long used() {
        return used;
    }

    public long capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return name + " " + (capacity >> 20) + " MiB";
    }
}
