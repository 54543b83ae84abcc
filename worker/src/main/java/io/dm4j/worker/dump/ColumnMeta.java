package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import java.util.Objects;

/**
 * One upstream column as the dump needs it.
 *
 * @param name       column name
 * @param dataType   information_schema {@code DATA_TYPE} ({@code int}, {@code varchar}, ...)
 * @param charset    {@code CHARACTER_SET_NAME}, null for non-character columns
 * @param generated  a VIRTUAL/STORED generated column: neither selected nor inserted (the target computes it)
 * @param nullable   whether the column accepts NULL
 */
public record ColumnMeta(String name, String dataType, String charset, boolean generated, boolean nullable) {

    public ColumnMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
    }

    public ValueKind kind() {
        return ValueKind.of(dataType, charset);
    }

    public String quotedName() {
        return TableId.quote(name);
    }

    /** Whether the column holds integers usable as a chunk key. */
    public boolean isInteger() {
        return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> true;
            default -> false;
        };
    }
}
