package io.dm4j.worker.sync.apply;

import io.dm4j.worker.sync.memory.HeapShare;
import java.time.Duration;
import java.util.Objects;

/**
 * How the applier runs: DM's {@code syncers} keys plus retry settings.
 *
 * @param name          a label for thread names and logs (task/source)
 * @param workerCount   parallel queues ({@code worker-count}, 16)
 * @param batch         changes per downstream transaction ({@code batch}, 100)
 * @param queueSize     capacity of each queue ({@code queue-size}, 1024)
 * @param multipleRows  multi-row statements ({@code multiple-rows})
 * @param compact       merge changes of the same row in a batch ({@code compact})
 * @param splitTransactions place each change of an upstream transaction by its own keys instead of the whole
 *                      transaction in one queue ({@code split-transactions})
 * @param maxAttempts   attempts of one transaction for retryable errors (deadlock, lost connection...)
 * @param retryBackoff  first pause between attempts; doubles each time up to {@code maxBackoff}
 * @param maxBackoff    longest pause between attempts
 * @param inFlightBytes bound on the estimated bytes of the changes queued or being committed, all queues together
 *                      (a change larger than that still runs, alone)
 */
public record ApplyOptions(String name, int workerCount, int batch, int queueSize, boolean multipleRows,
                           boolean compact, boolean splitTransactions, int maxAttempts, Duration retryBackoff,
                           Duration maxBackoff, long inFlightBytes) {

    public ApplyOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (workerCount <= 0 || batch <= 0 || queueSize <= 0 || maxAttempts <= 0 || inFlightBytes <= 0) {
            throw new IllegalArgumentException(
                    "worker-count, batch, queue-size, maxAttempts and inFlightBytes must be positive");
        }
    }

    /**
     * DM's defaults: worker-count 16, batch 100, queue-size 1024, no multiple-rows, no compact; whole transactions;
     * 10 attempts; bytes in flight as {@link HeapShare#applierBytes()} gives for this JVM.
     */
    public static ApplyOptions defaults(String name) {
        return new ApplyOptions(name, 16, 100, 1024, false, false, false, 10, Duration.ofMillis(100),
                Duration.ofSeconds(5), HeapShare.applierBytes());
    }

    public ApplyOptions withWorkers(int workers, int batchSize) {
        return new ApplyOptions(name, workers, batchSize, queueSize, multipleRows, compact, splitTransactions,
                maxAttempts, retryBackoff, maxBackoff, inFlightBytes);
    }

    public ApplyOptions withModes(boolean multiRows, boolean compactRows) {
        return new ApplyOptions(name, workerCount, batch, queueSize, multiRows, compactRows, splitTransactions,
                maxAttempts, retryBackoff, maxBackoff, inFlightBytes);
    }

    public ApplyOptions withSplitTransactions(boolean split) {
        return new ApplyOptions(name, workerCount, batch, queueSize, multipleRows, compact, split, maxAttempts,
                retryBackoff, maxBackoff, inFlightBytes);
    }

    public ApplyOptions withInFlightBytes(long bytes) {
        return new ApplyOptions(name, workerCount, batch, queueSize, multipleRows, compact, splitTransactions,
                maxAttempts, retryBackoff, maxBackoff, bytes);
    }

    public ApplyOptions withRetry(int attempts, Duration backoff) {
        return new ApplyOptions(name, workerCount, batch, queueSize, multipleRows, compact, splitTransactions,
                attempts, backoff, maxBackoff, inFlightBytes);
    }
}
