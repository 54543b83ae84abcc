package io.dm4j.dmctl;

/** {@code query-status -o}: DM's JSON, or aligned text for people. */
enum StatusOutput {
    JSON, TABLE;

    /** picocli reads {@code -o table} / {@code -o json} case-insensitively through this. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
