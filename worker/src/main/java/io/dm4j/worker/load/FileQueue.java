package io.dm4j.worker.load;

import io.dm4j.common.model.TableId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The data files waiting for a load connection, in the order added. A load of a finished dump adds them all and
 * closes the queue at once; a load that follows a running dump adds each file as the dump finishes it and closes the
 * queue when the dump is complete, so the connections wait for more files until then.
 *
 * <p>Files of a <em>serial</em> target (a table whose loads wait for each other on the downstream: InnoDB's
 * table-level AUTO-INC lock, held for a whole {@code LOAD DATA} unless {@code innodb_autoinc_lock_mode=2}) are
 * handed out one at a time per target: while one connection loads such a table, the others take the next file of
 * another table, or wait for one, instead of queueing on the lock. Files of other targets go in order to whichever
 * connection asks.
 */
final class FileQueue {
    /** How long an idle connection sleeps between looks at its stop condition. */
    private static final long WAIT_MS = 100;

    private final ArrayDeque<FileJob> jobs = new ArrayDeque<>();
    private final Set<TableId> serialTargets;
    private final Map<TableId, Integer> loading = new HashMap<>();
    private boolean closed;

    /** @param serialTargets downstream tables whose files are loaded one at a time */
    FileQueue(Set<TableId> serialTargets) {
        this.serialTargets = Set.copyOf(serialTargets);
    }

    synchronized void addAll(Collection<FileJob> more) {
        jobs.addAll(more);
        notifyAll();
    }

    /** No more files will come. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * The next file a connection may load now: the first one queued whose target no other connection is loading, or
     * that is not serial. Waits while there is none and more may come (or a serial target is being loaded). Null
     * when all are taken or {@code stop} says so. The caller reports the file with {@link #done} when it is through.
     */
    synchronized FileJob take(BooleanSupplier stop) {
        while (true) {
            if (stop.getAsBoolean()) {
                return null;
            }
            FileJob next = takeFree();
            if (next != null || (closed && jobs.isEmpty()) || Thread.currentThread().isInterrupted()) {
                return next;
            }
            try {
                wait(WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The connection that took {@code job} has finished with it (loaded or failed). */
    synchronized void done(FileJob job) {
        loading.computeIfPresent(job.target(), (t, n) -> n == 1 ? null : n - 1);
        notifyAll();
    }

    private FileJob takeFree() {
        for (Iterator<FileJob> it = jobs.iterator(); it.hasNext(); ) {
            FileJob job = it.next();
            if (!serialTargets.contains(job.target()) || !loading.containsKey(job.target())) {
                it.remove();
                loading.merge(job.target(), 1, Integer::sum);
                return job;
            }
        }
        return null;
    }
}
