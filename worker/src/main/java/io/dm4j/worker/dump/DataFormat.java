package io.dm4j.worker.dump;

import io.dm4j.common.config.ImportMode;

/**
 * How data files are written: multi-row INSERT statements ({@code import-mode: logical}) or CSV for
 * {@code LOAD DATA LOCAL INFILE} ({@code import-mode: physical}).
 */
public enum DataFormat {
    SQL("sql"),
    CSV("csv");

    private final String extension;

    DataFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format the load unit's import mode wants. */
    public static DataFormat forImportMode(ImportMode mode) {
        return mode == ImportMode.PHYSICAL ? CSV : SQL;
    }
}
