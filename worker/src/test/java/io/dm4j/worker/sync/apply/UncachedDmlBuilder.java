package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test oracle: {@link DmlBuilder} as it was before its texts were cached (commit ffda6c4), kept unchanged except for
 * its name, so that {@code DmlBuilderTextCacheTest} can prove the cached builder writes byte-identical statements.
 */
final class UncachedDmlBuilder {
    /** The server limit for placeholders in one prepared statement. */
    static final int DEFAULT_MAX_PLACEHOLDERS = 65_535;
    /** Bound on the values of one multi-row statement, well under a default max_allowed_packet. */
    static final long DEFAULT_MAX_PARAM_BYTES = 1L << 20;

    private final boolean multipleRows;
    private final boolean compact;
    private final int maxPlaceholders;
    private final long maxParamBytes;
    private final JsonMatch jsonMatch;

    UncachedDmlBuilder(boolean multipleRows, boolean compact) {
        this(multipleRows, compact, DEFAULT_MAX_PLACEHOLDERS, DEFAULT_MAX_PARAM_BYTES);
    }

    UncachedDmlBuilder(boolean multipleRows, boolean compact, int maxPlaceholders, long maxParamBytes) {
        this(multipleRows, compact, maxPlaceholders, maxParamBytes, JsonMatch.AS_JSON);
    }

    /** @param jsonMatch how the downstream compares JSON columns in a WHERE clause */
    UncachedDmlBuilder(boolean multipleRows, boolean compact, int maxPlaceholders, long maxParamBytes,
                      JsonMatch jsonMatch) {
        if (maxPlaceholders <= 0 || maxParamBytes <= 0) {
            throw new IllegalArgumentException("statement limits must be positive");
        }
        this.multipleRows = multipleRows;
        this.compact = compact;
        this.maxPlaceholders = maxPlaceholders;
        this.maxParamBytes = maxParamBytes;
        this.jsonMatch = java.util.Objects.requireNonNull(jsonMatch, "jsonMatch");
    }

    /** The statements that apply {@code batch} in order. */
    List<SqlStatement> build(List<QueuedChange> batch) {
        List<QueuedChange> changes = compact ? Compactor.compact(batch) : batch;
        List<Op> ops = new ArrayList<>(changes.size() + 4);
        for (QueuedChange qc : changes) {
            toOps(qc, ops);
        }
        return multipleRows ? merged(ops) : single(ops);
    }

    // ---- one change → logical operations

    private enum Kind { INSERT, REPLACE, UPSERT, UPDATE, DELETE }

    /**
     * One logical row operation. {@code columns}/{@code values}: the written columns (INSERT/REPLACE/UPSERT) or
     * SET list (UPDATE); {@code whereColumns}/{@code whereValues}: the identity (UPDATE/DELETE);
     * {@code whereJson}: which identity columns are JSON.
     */
    private record Op(Kind kind, TableId table, List<String> columns, Object[] values,
                      List<String> whereColumns, Object[] whereValues, boolean[] whereJson, boolean byKey,
                      List<String> keys) implements RunPlanner.Item {

        Op(Kind kind, TableId table, List<String> columns, Object[] values, List<String> whereColumns,
           Object[] whereValues, boolean[] whereJson, boolean byKey) {
            this(kind, table, columns, values, whereColumns, whereValues, whereJson, byKey, List.of());
        }

        Op withKeys(List<String> k) {
            return new Op(kind, table, columns, values, whereColumns, whereValues, whereJson, byKey, k);
        }

        @Override
        public Object shape() {
            return List.of(kind, table, columns, whereColumns);
        }

        @Override
        public boolean mergeable() {
            return UncachedDmlBuilder.mergeable(this);
        }

        @Override
        public int placeholders() {
            return UncachedDmlBuilder.placeholders(this);
        }

        @Override
        public long paramBytes() {
            return UncachedDmlBuilder.paramBytes(this);
        }

        boolean sameShape(Op o) {
            return kind == o.kind && table.equals(o.table) && columns.equals(o.columns)
                    && whereColumns.equals(o.whereColumns);
        }

        /** Whether this DELETE can join an IN list: matched by a real key and no NULL in it. */
        boolean deletableInList() {
            if (kind != Kind.DELETE || !byKey) {
                return false;
            }
            for (Object v : whereValues) {
                if (v == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private void toOps(QueuedChange qc, List<Op> out) {
        int from = out.size();
        addOps(qc, out);
        RowChange c = qc.change();
        if (multipleRows && c.schema().hasIdentityKey()) {
            List<String> keys = qc.causalityKeys();
            for (int i = from; i < out.size(); i++) {
                out.set(i, out.get(i).withKeys(keys));
            }
        }
    }

    private void addOps(QueuedChange qc, List<Op> out) {
        RowChange c = qc.change();
        TableSchema schema = c.schema();
        boolean byKey = schema.hasIdentityKey();
        switch (c.type()) {
            case INSERT -> out.add(write(qc.safeMode() ? Kind.REPLACE : Kind.INSERT, c, c.after(), byKey));
            case DELETE -> out.add(delete(c, c.before(), byKey));
            case UPDATE -> {
                boolean identityChanged = RowKeys.identityChanged(c);
                if (qc.safeMode()) {
                    if (!byKey || identityChanged) {
                        out.add(delete(c, c.before(), byKey));
                    }
                    out.add(write(Kind.REPLACE, c, c.after(), byKey));
                } else if (multipleRows && byKey && !identityChanged) {
                    out.add(write(Kind.UPSERT, c, c.after(), byKey));
                } else {
                    Op set = write(Kind.UPDATE, c, c.after(), byKey);
                    Op where = delete(c, c.before(), byKey);
                    out.add(new Op(Kind.UPDATE, c.target(), set.columns(), set.values(), where.whereColumns(),
                            where.whereValues(), where.whereJson(), byKey));
                }
            }
            default -> throw new IllegalStateException("unknown change type " + c.type());
        }
    }

    /** Writable (non-generated) columns and the extra columns with their values. */
    private static Op write(Kind kind, RowChange c, Object[] row, boolean byKey) {
        List<ColumnDef> cols = c.schema().columns();
        List<String> names = new ArrayList<>(cols.size() + c.extraColumns().size());
        List<Object> values = new ArrayList<>(cols.size() + c.extraColumns().size());
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).writable()) {
                names.add(cols.get(i).name());
                values.add(row[i]);
            }
        }
        names.addAll(c.extraColumns());
        values.addAll(Arrays.asList(c.extraValues()));
        return new Op(kind, c.target(), List.copyOf(names), values.toArray(), List.of(), new Object[0], new boolean[0],
                byKey);
    }

    /** The identity (and extra) columns of an image, for WHERE. */
    private static Op delete(RowChange c, Object[] row, boolean byKey) {
        int[] id = c.schema().identityColumns();
        List<String> names = new ArrayList<>(id.length + c.extraColumns().size());
        List<Object> values = new ArrayList<>(id.length + c.extraColumns().size());
        boolean[] json = new boolean[id.length + c.extraColumns().size()];
        for (int k = 0; k < id.length; k++) {
            ColumnDef col = c.schema().columns().get(id[k]);
            names.add(col.name());
            values.add(row[id[k]]);
            json[k] = col.dataType().equals("json");
        }
        names.addAll(c.extraColumns());
        values.addAll(Arrays.asList(c.extraValues()));
        return new Op(Kind.DELETE, c.target(), List.of(), new Object[0], List.copyOf(names), values.toArray(), json,
                byKey);
    }

    // ---- logical operations → SQL

    private List<SqlStatement> single(List<Op> ops) {
        List<SqlStatement> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            out.add(sql(List.of(op)));
        }
        return out;
    }

    /** Multi-row statements of same-shaped operations, reordered only where no key is shared ({@link RunPlanner}). */
    private List<SqlStatement> merged(List<Op> ops) {
        List<List<Op>> runs = RunPlanner.plan(ops, maxPlaceholders, maxParamBytes);
        List<SqlStatement> out = new ArrayList<>(runs.size());
        for (List<Op> run : runs) {
            out.add(sql(run));
        }
        return out;
    }

    private static boolean mergeable(Op op) {
        return switch (op.kind()) {
            case INSERT, REPLACE, UPSERT -> true;
            case DELETE -> op.deletableInList();
            case UPDATE -> false;
        };
    }

    private static int placeholders(Op op) {
        return op.values().length + op.whereValues().length;
    }

    private static long paramBytes(Op op) {
        long n = 0;
        for (Object[] arr : List.of(op.values(), op.whereValues())) {
            for (Object v : arr) {
                n += v instanceof byte[] b ? b.length : v instanceof String s ? s.length() * 3L : 16;
            }
        }
        return n;
    }

    /** The statement for a run of same-shaped operations (a run of one for everything but merged kinds). */
    private SqlStatement sql(List<Op> run) {
        Op first = run.get(0);
        return switch (first.kind()) {
            case INSERT, REPLACE, UPSERT -> insertSql(run);
            case UPDATE -> updateSql(first);
            case DELETE -> run.size() == 1 ? deleteSql(first) : deleteInSql(run);
        };
    }

    private static SqlStatement insertSql(List<Op> run) {
        Op first = run.get(0);
        StringBuilder sb = new StringBuilder(first.kind() == Kind.REPLACE ? "REPLACE INTO " : "INSERT INTO ")
                .append(first.table().quoted()).append(" (");
        appendNames(sb, first.columns(), ",");
        sb.append(") VALUES ");
        String holder = holder(first.columns().size());
        List<Object> params = new ArrayList<>(run.size() * first.columns().size());
        for (int r = 0; r < run.size(); r++) {
            sb.append(r == 0 ? "" : ",").append(holder);
            params.addAll(Arrays.asList(run.get(r).values()));
        }
        if (first.kind() == Kind.UPSERT) {
            sb.append(" ON DUPLICATE KEY UPDATE ");
            for (int i = 0; i < first.columns().size(); i++) {
                String q = TableId.quote(first.columns().get(i));
                sb.append(i == 0 ? "" : ",").append(q).append("=VALUES(").append(q).append(')');
            }
        }
        return new SqlStatement(sb.toString(), params);
    }

    private SqlStatement updateSql(Op op) {
        StringBuilder sb = new StringBuilder("UPDATE ").append(op.table().quoted()).append(" SET ");
        List<Object> params = new ArrayList<>(op.values().length + op.whereValues().length);
        for (int i = 0; i < op.columns().size(); i++) {
            sb.append(i == 0 ? "" : ",").append(TableId.quote(op.columns().get(i))).append("=?");
        }
        params.addAll(Arrays.asList(op.values()));
        sb.append(" WHERE ");
        appendWhere(sb, op, params);
        return new SqlStatement(sb.toString(), params);
    }

    private SqlStatement deleteSql(Op op) {
        StringBuilder sb = new StringBuilder("DELETE FROM ").append(op.table().quoted()).append(" WHERE ");
        List<Object> params = new ArrayList<>(op.whereValues().length);
        appendWhere(sb, op, params);
        return new SqlStatement(sb.toString(), params);
    }

    private void appendWhere(StringBuilder sb, Op op, List<Object> params) {
        for (int i = 0; i < op.whereColumns().size(); i++) {
            sb.append(i == 0 ? "" : " AND ");
            String column = op.whereColumns().get(i);
            Object v = op.whereValues()[i];
            if (v == null) {
                sb.append(TableId.quote(column)).append(" IS NULL");
            } else {
                sb.append(op.whereJson()[i] ? jsonMatch.equalsPlaceholder(column) : TableId.quote(column) + "=?");
                params.add(v);
            }
        }
        if (!op.byKey()) {
            sb.append(" LIMIT 1");
        }
    }

    private static SqlStatement deleteInSql(List<Op> run) {
        Op first = run.get(0);
        int width = first.whereColumns().size();
        StringBuilder sb = new StringBuilder("DELETE FROM ").append(first.table().quoted()).append(" WHERE ");
        if (width == 1) {
            sb.append(TableId.quote(first.whereColumns().get(0))).append(" IN (");
        } else {
            sb.append('(');
            appendNames(sb, first.whereColumns(), ",");
            sb.append(") IN (");
        }
        String holder = width == 1 ? "?" : holder(width);
        List<Object> params = new ArrayList<>(run.size() * width);
        for (int r = 0; r < run.size(); r++) {
            sb.append(r == 0 ? "" : ",").append(holder);
            params.addAll(Arrays.asList(run.get(r).whereValues()));
        }
        sb.append(')');
        return new SqlStatement(sb.toString(), params);
    }

    private static void appendNames(StringBuilder sb, List<String> names, String sep) {
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : sep).append(TableId.quote(names.get(i)));
        }
    }

    private static String holder(int n) {
        StringBuilder sb = new StringBuilder(2 * n + 2).append('(');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ",?");
        }
        return sb.append(')').toString();
    }
}
