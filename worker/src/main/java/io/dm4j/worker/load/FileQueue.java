package io.dm4j.worker.load;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * The data files waiting for a load connection, in the order added. A load of a finished dump adds them all and
 * closes the queue at once; a load that follows a running dump adds each file as the dump finishes it and closes the
 * queue when the dump is complete, so the connections wait for more files until then.
 */
final class FileQueue {
    /** How long an idle connection sleeps between looks at its stop condition. */
    private static final long WAIT_MS = 100;

    private final ArrayDeque<FileJob> jobs = new ArrayDeque<>();
    private boolean closed;

    synchronized void addAll(Collection<FileJob> more) {
        jobs.addAll(more);
        notifyAll();
    }

    /** No more files will come. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** The next file; waits while none is queued and more may come. Null when all are taken or {@code stop} says so. */
    synchronized FileJob take(BooleanSupplier stop) {
        while (jobs.isEmpty() && !closed && !stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                wait(WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stop.getAsBoolean() ? null : jobs.poll();
    }
}
