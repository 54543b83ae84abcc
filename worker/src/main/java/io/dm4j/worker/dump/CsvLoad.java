package io.dm4j.worker.dump;

/**
 * How LOAD DATA assigns one CSV field to its column (the file is read with {@code CHARACTER SET binary}, so every
 * field is a byte string): directly, through {@code UNHEX(@v)} (BIT columns, written as hex text), or through
 * {@code CONVERT(@v USING utf8mb4)} (MySQL JSON, which refuses binary strings).
 */
public enum CsvLoad {
    DIRECT,
    UNHEX,
    UTF8MB4
}
