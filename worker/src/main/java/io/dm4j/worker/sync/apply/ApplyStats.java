package io.dm4j.worker.sync.apply;

/**
 * Counters of the applier for query-status and metrics. "total" counts changes accepted by
 * {@link DmlApplier#submit}; "applied" counts changes whose downstream transaction committed.
 */
public record ApplyStats(long totalInsert, long totalUpdate, long totalDelete,
                         long appliedInsert, long appliedUpdate, long appliedDelete,
                         long transactions, long retries, long conflicts) {

    public long totalRows() {
        return totalInsert + totalUpdate + totalDelete;
    }

    public long appliedRows() {
        return appliedInsert + appliedUpdate + appliedDelete;
    }

    /** Changes accepted but not yet committed downstream. */
    public long pendingRows() {
        return totalRows() - appliedRows();
    }
}
