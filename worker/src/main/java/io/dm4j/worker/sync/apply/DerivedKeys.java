package io.dm4j.worker.sync.apply;

import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.PartialKey;
import io.dm4j.worker.schema.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Causality keys for UNIQUE keys whose value is derived from the row rather than a whole column value:
 * <ul>
 *   <li>a prefix part ({@code UNIQUE (c(10))}) keys on the prefix as the index stores it: the first n characters
 *   of text (then folded as the column's collation compares), the first n bytes of binary strings;</li>
 *   <li>an expression part (MySQL functional index) cannot be computed from the binlog, nor can a VIRTUAL column
 *   the image left out (decoded as NULL): every change of the table then gets one table-wide key, so the
 *   table's changes run in one queue, in binlog order (conservative, never wrong).</li>
 * </ul>
 */
final class DerivedKeys {
    private static final char SEP = '\u0001';
    private static final char VALUE_SEP = '\u0002';

    private DerivedKeys() {
    }

    /** Adds the derived keys of one row image of a table (named {@code table}, lower-cased and quoted). */
    static void add(String table, TableSchema schema, List<int[]> keyColumns, Object[] row, KeyList out) {
        boolean serialise = false;
        for (PartialKey key : schema.partialKeys()) {
            if (key.functional() || !valuesKnown(schema, key, row)) {
                serialise = true;
                continue;
            }
            String k = prefixKey(table, schema, key, row);
            if (k != null) {
                out.add(k);
            }
        }
        for (int[] cols : keyColumns) {
            if (missingVirtualValue(schema, cols, row)) {
                serialise = true;
            }
        }
        if (serialise) {
            out.add(tableWideKey(table));
        }
    }

    /** The key shared by every change of a table whose unique keys cannot all be computed. */
    static String tableWideKey(String table) {
        return table + SEP + "*";
    }

    /** Whether every part's column exists and its value is in the image. */
    private static boolean valuesKnown(TableSchema schema, PartialKey key, Object[] row) {
        for (PartialKey.Part p : key.parts()) {
            int c = schema.indexOf(p.column());
            if (c < 0 || (row[c] == null && schema.columns().get(c).generated() == ColumnDef.Generated.VIRTUAL)) {
                return false;
            }
        }
        return true;
    }

    /** The key of a prefix unique key, or null when a part is NULL (a NULL never conflicts). */
    private static String prefixKey(String table, TableSchema schema, PartialKey key, Object[] row) {
        StringBuilder sb = new StringBuilder(table).append(SEP);
        StringBuilder values = new StringBuilder();
        for (PartialKey.Part p : key.parts()) {
            int c = schema.indexOf(p.column());
            ColumnDef col = schema.columns().get(c);
            Object v = row[c];
            if (v == null) {
                return null;
            }
            sb.append(col.name().toLowerCase(Locale.ROOT)).append('(').append(p.prefix()).append("),");
            values.append(RowKeys.conservativeValue(col, prefix(v, p.prefix()))).append(VALUE_SEP);
        }
        return RowKeys.shorten(sb.append(SEP).append(values).toString());
    }

    /** The part of a value a prefix index stores: characters of text, bytes of binary strings. */
    static Object prefix(Object v, int length) {
        if (length < 0) {
            return v;
        }
        if (v instanceof String s) {
            int n = s.codePointCount(0, s.length());
            return n <= length ? s : s.substring(0, s.offsetByCodePoints(0, length));
        }
        if (v instanceof byte[] b) {
            return b.length <= length ? b : Arrays.copyOf(b, length);
        }
        return v;
    }

    private static boolean missingVirtualValue(TableSchema schema, int[] cols, Object[] row) {
        for (int c : cols) {
            if (c >= 0 && row[c] == null && schema.columns().get(c).generated() == ColumnDef.Generated.VIRTUAL) {
                return true;
            }
        }
        return false;
    }
}
