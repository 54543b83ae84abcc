package io.dm4j.worker.load;

/**
 * The load unit's query-status record: DM's fields ({@code finishedBytes}, {@code totalBytes}, {@code progress}
 * like {@code "30.52 %"}, {@code metaBinlog} like {@code "(mysql-bin.000001, 1234)"}, {@code metaBinlogGTID},
 * {@code bps}) and dm4j's additions: stage, files done of total, estimated seconds left (-1 when unknown) and
 * {@code tableProgress}: bytes and files per table for the unfinished tables (a bounded list, see
 * {@link io.dm4j.worker.progress.TableBoard}).
 */
public record LoadStatus(long finishedBytes, long totalBytes, String progress, String metaBinlog, String metaBinlogGTID,
                         long bps, String stage, long totalFiles, long finishedFiles, long etaSeconds,
                         io.dm4j.worker.progress.TableProgressList tableProgress) {
}
