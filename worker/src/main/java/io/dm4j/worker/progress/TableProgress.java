package io.dm4j.worker.progress;

/**
 * One table in the {@code tableProgress} list of a dump or load status (a dm4j addition, see docs/operations.md).
 *
 * @param table         {@code schema.table} as spelled upstream
 * @param finishedRows  rows dumped (dump) or loaded (load, when known from the dump index; else 0)
 * @param totalRows     rows expected: information_schema's estimate for the dump, the dump index's count for the load
 * @param finishedBytes bytes written (dump) or loaded (load)
 * @param totalBytes    bytes expected (load: the data files' size; dump: information_schema's data length)
 * @param finishedParts chunks (dump) or data files (load) complete
 * @param totalParts    chunks or data files of the table
 * @param progress      DM-style percentage text, {@code "30.52 %"}
 * @param done          the table is complete
 */
public record TableProgress(String table, long finishedRows, long totalRows, long finishedBytes, long totalBytes,
                            long finishedParts, long totalParts, String progress, boolean done) {
}
