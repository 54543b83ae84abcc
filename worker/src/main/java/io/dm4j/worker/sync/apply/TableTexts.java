package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed parts of the statements {@link DmlBuilder} writes for one table structure into one target: which
 * columns are written and matched, and their quoted SQL pieces. Built once per {@link TableSchema} instance (a
 * schema change gives a new instance, hence new texts, see {@link TableTextCache}), so that building a statement
 * only appends values and placeholders.
 */
final class TableTexts {
    final TableSchema schema;
    final TableId target;
    final List<String> extraColumns;
    /** Schema positions of the written (non-generated) columns, in order. */
    final int[] writable;
    /** Schema positions of the identity columns, in order. */
    final int[] identity;
    final boolean byKey;
    /** Written columns (writable ones, then the extra columns), and the WHERE identity (identity, then extras). */
    final List<String> writeColumns;
    final List<String> whereColumns;
    /**
     * Equal for writes (INSERT/REPLACE/UPSERT) into the same target with the same written columns, and for DELETEs
     * from the same target by the same identity columns: such rows may share one multi-row statement, also when
     * they come from different upstream tables.
     */
    final ShapeKey writeShape;
    final ShapeKey deleteShape;

    final String insertPrefix;
    final String replacePrefix;
    /** {@code (?,...,?)} for one written row. */
    final String rowHolder;
    final String upsertSuffix;
    final String updatePrefix;
    final String deletePrefix;
    final String deleteInPrefix;
    /** {@code ?} or {@code (?,...,?)} for one identity in an IN list. */
    final String inHolder;
    /** Per identity column: its {@code =?} match (JSON-aware) and its {@code IS NULL} match. */
    private final String[] whereEquals;
    private final String[] whereIsNull;
    /** The whole WHERE condition when no identity value is NULL (the usual case). */
    private final String whereNoNulls;

    TableTexts(TableSchema schema, TableId target, List<String> extraColumns, JsonMatch jsonMatch) {
        this.schema = schema;
        this.target = target;
        this.extraColumns = List.copyOf(extraColumns);
        this.byKey = schema.hasIdentityKey();
        List<ColumnDef> cols = schema.columns();
        int count = 0;
        for (ColumnDef col : cols) {
            count += col.writable() ? 1 : 0;
        }
        this.writable = new int[count];
        List<String> names = new ArrayList<>(count + extraColumns.size());
        for (int i = 0, w = 0; i < cols.size(); i++) {
            if (cols.get(i).writable()) {
                writable[w++] = i;
                names.add(cols.get(i).name());
            }
        }
        names.addAll(extraColumns);
        this.writeColumns = List.copyOf(names);
        this.identity = schema.identityColumns();
        List<String> where = new ArrayList<>(identity.length + extraColumns.size());
        boolean[] json = new boolean[identity.length + extraColumns.size()];
        for (int k = 0; k < identity.length; k++) {
            ColumnDef col = cols.get(identity[k]);
            where.add(col.name());
            json[k] = col.dataType().equals("json");
        }
        where.addAll(extraColumns);
        this.whereColumns = List.copyOf(where);
        this.writeShape = new ShapeKey(target, writeColumns, List.of());
        this.deleteShape = new ShapeKey(target, List.of(), whereColumns);

        String table = target.quoted();
        String columnList = names(writeColumns);
        this.insertPrefix = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.replacePrefix = "REPLACE INTO " + table + " (" + columnList + ") VALUES ";
        this.rowHolder = holder(writeColumns.size());
        StringBuilder upsert = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < writeColumns.size(); i++) {
            String q = TableId.quote(writeColumns.get(i));
            upsert.append(i == 0 ? "" : ",").append(q).append("=VALUES(").append(q).append(')');
            update.append(i == 0 ? "" : ",").append(q).append("=?");
        }
        this.upsertSuffix = upsert.toString();
        this.updatePrefix = update.append(" WHERE ").toString();
        this.deletePrefix = "DELETE FROM " + table + " WHERE ";
        this.deleteInPrefix = deletePrefix + (whereColumns.size() == 1
                ? TableId.quote(whereColumns.get(0)) + " IN ("
                : "(" + names(whereColumns) + ") IN (");
        this.inHolder = whereColumns.size() == 1 ? "?" : holder(whereColumns.size());
        this.whereEquals = new String[whereColumns.size()];
        this.whereIsNull = new String[whereColumns.size()];
        for (int i = 0; i < whereColumns.size(); i++) {
            String column = whereColumns.get(i);
            whereEquals[i] = json[i] ? jsonMatch.equalsPlaceholder(column) : TableId.quote(column) + "=?";
            whereIsNull[i] = TableId.quote(column) + " IS NULL";
        }
        this.whereNoNulls = String.join(" AND ", whereEquals) + (byKey ? "" : " LIMIT 1");
    }

    /** Whether these texts were built for this structure, target and extra columns. */
    boolean fits(TableSchema s, TableId t, List<String> extras) {
        return schema == s && target.equals(t) && (extraColumns == extras || extraColumns.equals(extras));
    }

    /** Appends the WHERE condition matching {@code values} (NULL matched with IS NULL) and adds its parameters. */
    void appendWhere(StringBuilder sb, Object[] values, List<Object> params) {
        boolean anyNull = false;
        for (Object v : values) {
            if (v == null) {
                anyNull = true;
                break;
            }
        }
        if (!anyNull) {
            sb.append(whereNoNulls);
            for (Object v : values) {
                params.add(v);
            }
            return;
        }
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : " AND ");
            if (values[i] == null) {
                sb.append(whereIsNull[i]);
            } else {
                sb.append(whereEquals[i]);
                params.add(values[i]);
            }
        }
        if (!byKey) {
            sb.append(" LIMIT 1");
        }
    }

    private static String names(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(TableId.quote(names.get(i)));
        }
        return sb.toString();
    }

    private static String holder(int n) {
        StringBuilder sb = new StringBuilder(2 * n + 2).append('(');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ",?");
        }
        return sb.append(')').toString();
    }

    /** Target and column lists; the hash is computed once. */
    static final class ShapeKey {
        private final TableId target;
        private final List<String> writeColumns;
        private final List<String> whereColumns;
        private final int hash;

        ShapeKey(TableId target, List<String> writeColumns, List<String> whereColumns) {
            this.target = target;
            this.writeColumns = writeColumns;
            this.whereColumns = whereColumns;
            this.hash = java.util.Objects.hash(target, writeColumns, whereColumns);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof ShapeKey k && hash == k.hash && target.equals(k.target)
                    && writeColumns.equals(k.writeColumns) && whereColumns.equals(k.whereColumns);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
