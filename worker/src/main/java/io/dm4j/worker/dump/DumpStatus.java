package io.dm4j.worker.dump;

/**
 * The dump unit's query-status record: DM's fields ({@code totalTables}, {@code completedTables},
 * {@code finishedBytes}, {@code finishedRows}, {@code estimateTotalRows}, {@code bps}, {@code progress} like
 * {@code "30.52 %"}) and dm4j's additions: stage, chunks, estimated seconds left (-1 when unknown), the
 * consistency method used and how long writes were blocked ({@code lockMillis}, -1 when no lock was taken), and
 * {@code tableProgress}: rows, bytes and chunks per table for the unfinished tables (a bounded list, see
 * {@link io.dm4j.worker.progress.TableBoard}).
 */
public record DumpStatus(long totalTables, long completedTables, long finishedBytes, long finishedRows,
                         long estimateTotalRows, long bps, String progress, String stage, long totalChunks,
                         long completedChunks, long etaSeconds, String consistency, long lockMillis,
                         io.dm4j.worker.progress.TableProgressList tableProgress) {
}
