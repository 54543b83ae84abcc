package io.dm4j.worker.sync.model;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.TableSchema;
import java.util.Objects;

/**
 * One decoded row change, ready to become SQL. Values are in the order of {@link TableSchema#columns()}
 * and already converted to JDBC parameter values by the row decoder: {@code null}, {@link Long},
 * {@link java.math.BigInteger} (BIGINT UNSIGNED above Long.MAX_VALUE), {@link java.math.BigDecimal},
 * {@link Double}, {@link Float}, {@link String} (text, ENUM/SET labels, JSON text, temporal values in
 * MySQL literal form such as {@code 2024-01-02 03:04:05.123456} or {@code -01:02:03}), or {@code byte[]}
 * (binary strings, BLOB, BIT, GEOMETRY).
 *
 * @param type    INSERT, UPDATE or DELETE
 * @param source  upstream table
 * @param target  downstream table after routing
 * @param schema  upstream structure the values were decoded with
 * @param before  old row (UPDATE, DELETE), else null
 * @param after   new row (INSERT, UPDATE), else null
 * @param extraColumns names of extra target columns appended by extract-table/schema/source routes (may be empty)
 * @param extraValues  values of those columns
 */
public record RowChange(ChangeType type, TableId source, TableId target, TableSchema schema,
                        Object[] before, Object[] after, java.util.List<String> extraColumns, Object[] extraValues) {

    public RowChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(schema, "schema");
        extraColumns = extraColumns == null ? java.util.List.of() : java.util.List.copyOf(extraColumns);
        extraValues = extraValues == null ? new Object[0] : extraValues;
        if ((type == ChangeType.INSERT) != (before == null) || (type == ChangeType.DELETE) != (after == null)) {
            throw new IllegalArgumentException(type + " change with wrong before/after images");
        }
    }

    public static RowChange insert(TableId source, TableId target, TableSchema schema, Object[] after) {
        return new RowChange(ChangeType.INSERT, source, target, schema, null, after, null, null);
    }

    public static RowChange update(TableId source, TableId target, TableSchema schema, Object[] before, Object[] after) {
        return new RowChange(ChangeType.UPDATE, source, target, schema, before, after, null, null);
    }

    public static RowChange delete(TableId source, TableId target, TableSchema schema, Object[] before) {
        return new RowChange(ChangeType.DELETE, source, target, schema, before, null, null, null);
    }
}
