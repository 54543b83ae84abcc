package io.dm4j.worker.relay;

/**
 * Wakes relay readers when the writer has appended: readers wait on it instead of sleeping, so a change reaches the
 * sync unit as soon as it is on disk. A reader takes {@link #version()} before it looks for new bytes and then
 * {@link #await}s a newer version, so a write between the two is never missed.
 */
public final class RelayNotifier {
    private long version;

    public synchronized long version() {
        return version;
    }

    /** Called by the writer after new complete events are in the file (or a file was added). */
    public synchronized void signal() {
        version++;
        notifyAll();
    }

    /** Waits until the version is past {@code seen}, at most {@code timeoutMillis}; true when it is. */
    public synchronized boolean await(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (version == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
