package io.dm4j.worker.schema;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One column of a tracked upstream table, as far as decoding row events and building DML needs it.
 *
 * @param name        column name as declared
 * @param dataType    lower-case base type: {@code int}, {@code bigint}, {@code varchar}, {@code decimal},
 *                    {@code datetime}, {@code enum}, {@code json}, {@code geometry}, ...
 * @param columnType  the full type text, e.g. {@code int(10) unsigned}, {@code enum('a','b')}, {@code decimal(20,6)}
 * @param unsigned    UNSIGNED numeric column
 * @param nullable    false when declared NOT NULL (primary key columns are NOT NULL)
 * @param charset     character set of character columns ({@code utf8mb4}, {@code latin1}, {@code gbk}, {@code binary}); null otherwise
 * @param collation   collation of character columns; null otherwise
 * @param length      declared length of CHAR/VARCHAR/BINARY/VARBINARY/BIT, else -1
 * @param precision   DECIMAL precision, else -1
 * @param scale       DECIMAL scale, else -1
 * @param fsp         fractional-second precision of TIME/DATETIME/TIMESTAMP (0-6), else -1
 * @param elements    ENUM or SET labels in declaration order (index 0 is ENUM value 1, SET bit 0); empty otherwise
 * @param generated   whether and how the column is generated
 */
public record ColumnDef(String name, String dataType, String columnType, boolean unsigned, boolean nullable,
                        String charset, String collation, int length, int precision, int scale, int fsp,
                        List<String> elements, Generated generated) {

    /** Generated-column kinds: VIRTUAL columns are not stored and never written downstream. */
    public enum Generated { NONE, VIRTUAL, STORED }

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        dataType = Objects.requireNonNull(dataType, "dataType").toLowerCase(Locale.ROOT);
        columnType = columnType == null ? dataType : columnType;
        elements = elements == null ? List.of() : List.copyOf(elements);
        generated = generated == null ? Generated.NONE : generated;
    }

    /** Whether this column's value is written by INSERT/UPDATE downstream (generated columns are computed there). */
    public boolean writable() {
        return generated == Generated.NONE;
    }

    /** Whether text in this column compares case-insensitively (a {@code _ci} collation), which matters for key conflicts. */
    public boolean caseInsensitive() {
        return collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_ci");
    }

    public boolean isBinaryCharset() {
        return "binary".equalsIgnoreCase(charset);
    }
}
