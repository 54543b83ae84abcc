package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a batch of row changes of one queue into prepared statements, in order.
 *
 * <ul>
 *   <li>INSERT → {@code INSERT INTO t (cols) VALUES (...)}; in safe mode {@code REPLACE INTO}.</li>
 *   <li>UPDATE → {@code UPDATE t SET <all writable columns> WHERE <identity>}; in safe mode {@code REPLACE} of
 *   the new row, preceded by {@code DELETE} of the old identity when an identity value changed (or always, for a
 *   table without an identity key).</li>
 *   <li>DELETE → {@code DELETE FROM t WHERE <identity>}.</li>
 * </ul>
 * The identity is {@link io.dm4j.worker.schema.TableSchema#identityColumns()} plus the extra (routing) columns; a NULL identity value is
 * matched with {@code IS NULL}; {@code LIMIT 1} is added when the table has no identity key (rows are then
 * matched by all stored columns; JSON columns are then compared as the downstream compares JSON, see
 * {@link JsonMatch}). Generated columns are never written.
 *
 * <p>With {@code multipleRows}, INSERTs (or REPLACEs) into the same table with the same columns become
 * one multi-row statement (also across other changes of the batch that share no key with them, see
 * {@link RunPlanner}), DELETEs by identity key likewise become {@code DELETE ... WHERE (k1,k2) IN (...)},
 * and an UPDATE that keeps its identity becomes {@code INSERT ... ON DUPLICATE KEY UPDATE} (also multi-row).
 * Statements stay below {@code maxPlaceholders} parameters and about {@code maxParamBytes} bytes of values.
 * With {@code compact}, changes of the same row are merged first ({@link Compactor}).
 *
 * <p>The fixed parts of the texts (quoted names, column lists, WHERE templates) are built once per table structure
 * ({@link TableTextCache}); building a statement only appends placeholders and collects values.
 */
public final class DmlBuilder {
    /** The server limit for placeholders in one prepared statement. */
    public static final int DEFAULT_MAX_PLACEHOLDERS = 65_535;
    /** Bound on the values of one multi-row statement, well under a default max_allowed_packet. */
    public static final long DEFAULT_MAX_PARAM_BYTES = 1L << 20;

    private final boolean multipleRows;
    private final boolean compact;
    private final int maxPlaceholders;
    private final long maxParamBytes;
    private final TableTextCache texts;

    public DmlBuilder(boolean multipleRows, boolean compact) {
        this(multipleRows, compact, DEFAULT_MAX_PLACEHOLDERS, DEFAULT_MAX_PARAM_BYTES);
    }

    public DmlBuilder(boolean multipleRows, boolean compact, int maxPlaceholders, long maxParamBytes) {
        this(multipleRows, compact, maxPlaceholders, maxParamBytes, JsonMatch.AS_JSON);
    }

    /** @param jsonMatch how the downstream compares JSON columns in a WHERE clause */
    public DmlBuilder(boolean multipleRows, boolean compact, int maxPlaceholders, long maxParamBytes,
                      JsonMatch jsonMatch) {
        if (maxPlaceholders <= 0 || maxParamBytes <= 0) {
            throw new IllegalArgumentException("statement limits must be positive");
        }
        this.multipleRows = multipleRows;
        this.compact = compact;
        this.maxPlaceholders = maxPlaceholders;
        this.maxParamBytes = maxParamBytes;
        this.texts = new TableTextCache(java.util.Objects.requireNonNull(jsonMatch, "jsonMatch"));
    }

    /** The statements that apply {@code batch} in order. */
    public List<SqlStatement> build(List<QueuedChange> batch) {
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
     * One logical row operation on the table whose fixed texts are {@code texts}. {@code values}: the written
     * columns (INSERT/REPLACE/UPSERT) or SET list (UPDATE); {@code whereValues}: the identity (UPDATE/DELETE).
     */
    private record Op(Kind kind, TableTexts texts, Object[] values, Object[] whereValues, List<String> keys)
            implements RunPlanner.Item {

        @Override
        public Object shape() {
            return new Shape(kind, kind == Kind.DELETE ? texts.deleteShape : texts.writeShape);
        }

        @Override
        public boolean mergeable() {
            return DmlBuilder.mergeable(this);
        }

        @Override
        public int placeholders() {
            return DmlBuilder.placeholders(this);
        }

        @Override
        public long paramBytes() {
            return DmlBuilder.paramBytes(this);
        }

        /** Whether this DELETE can join an IN list: matched by a real key and no NULL in it. */
        boolean deletableInList() {
            if (kind != Kind.DELETE || !texts.byKey) {
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

    /**
     * Operations of equal shape (kind, target, the columns their text names) may share one multi-row statement. A
     * plain class rather than a record: a record's equals/hashCode run through method handles, which the worker's
     * C1-compiled code calls slowly, and the planner looks a shape up for every operation.
     */
    private static final class Shape {
        private final Kind kind;
        private final TableTexts.ShapeKey columns;

        Shape(Kind kind, TableTexts.ShapeKey columns) {
            this.kind = kind;
            this.columns = columns;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Shape s && kind == s.kind && columns.equals(s.columns);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + columns.hashCode();
        }
    }

    private static final Object[] NONE = new Object[0];

    /**
     * The operations of one change. With {@code multipleRows}, an operation on a table with an identity key carries
     * the change's causality keys ({@link RunPlanner}); {@code t.byKey} is that table's {@code hasIdentityKey()}.
     */
    private void toOps(QueuedChange qc, List<Op> out) {
        RowChange c = qc.change();
        TableTexts t = texts.of(c);
        List<String> keys = multipleRows && t.byKey ? qc.causalityKeys() : List.of();
        switch (c.type()) {
            case INSERT -> out.add(write(qc.safeMode() ? Kind.REPLACE : Kind.INSERT, t, c, c.after(), keys));
            case DELETE -> out.add(delete(t, c, c.before(), keys));
            case UPDATE -> {
                boolean identityChanged = RowKeys.identityChanged(c, t.identity);
                if (qc.safeMode()) {
                    if (!t.byKey || identityChanged) {
                        out.add(delete(t, c, c.before(), keys));
                    }
                    out.add(write(Kind.REPLACE, t, c, c.after(), keys));
                } else if (multipleRows && t.byKey && !identityChanged) {
                    out.add(write(Kind.UPSERT, t, c, c.after(), keys));
                } else {
                    out.add(new Op(Kind.UPDATE, t, writtenValues(t, c, c.after()), whereValues(t, c, c.before()),
                            keys));
                }
            }
            default -> throw new IllegalStateException("unknown change type " + c.type());
        }
    }

    private static Op write(Kind kind, TableTexts t, RowChange c, Object[] row, List<String> keys) {
        return new Op(kind, t, writtenValues(t, c, row), NONE, keys);
    }

    private static Op delete(TableTexts t, RowChange c, Object[] row, List<String> keys) {
        return new Op(Kind.DELETE, t, NONE, whereValues(t, c, row), keys);
    }

    /** The values of the writable (non-generated) columns, then of the extra columns. */
    private static Object[] writtenValues(TableTexts t, RowChange c, Object[] row) {
        return pick(row, t.writable, c.extraValues());
    }

    /** The values of the identity columns, then of the extra columns, for WHERE. */
    private static Object[] whereValues(TableTexts t, RowChange c, Object[] row) {
        return pick(row, t.identity, c.extraValues());
    }

    private static Object[] pick(Object[] row, int[] positions, Object[] extras) {
        Object[] v = new Object[positions.length + extras.length];
        for (int i = 0; i < positions.length; i++) {
            v[i] = row[positions[i]];
        }
        System.arraycopy(extras, 0, v, positions.length, extras.length);
        return v;
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
        return paramBytes(op.values()) + paramBytes(op.whereValues());
    }

    private static long paramBytes(Object[] values) {
        long n = 0;
        for (Object v : values) {
            n += v instanceof byte[] b ? b.length : v instanceof String s ? s.length() * 3L : 16;
        }
        return n;
    }

    /** The statement for a run of same-shaped operations (a run of one for everything but merged kinds). */
    private static SqlStatement sql(List<Op> run) {
        Op first = run.get(0);
        return switch (first.kind()) {
            case INSERT, REPLACE, UPSERT -> insertSql(run);
            case UPDATE -> updateSql(first);
            case DELETE -> run.size() == 1 ? deleteSql(first) : deleteInSql(run);
        };
    }

    private static SqlStatement insertSql(List<Op> run) {
        Op first = run.get(0);
        TableTexts t = first.texts();
        String prefix = first.kind() == Kind.REPLACE ? t.replacePrefix : t.insertPrefix;
        StringBuilder sb = new StringBuilder(prefix.length() + run.size() * (t.rowHolder.length() + 1)
                + (first.kind() == Kind.UPSERT ? t.upsertSuffix.length() : 0)).append(prefix);
        List<Object> params = new ArrayList<>(run.size() * t.writeColumns.size());
        for (int r = 0; r < run.size(); r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append(t.rowHolder);
            Collections.addAll(params, run.get(r).values());
        }
        if (first.kind() == Kind.UPSERT) {
            sb.append(t.upsertSuffix);
        }
        return new SqlStatement(sb.toString(), params);
    }

    private static SqlStatement updateSql(Op op) {
        TableTexts t = op.texts();
        StringBuilder sb = new StringBuilder(t.updatePrefix.length() + 16 * op.whereValues().length)
                .append(t.updatePrefix);
        List<Object> params = new ArrayList<>(op.values().length + op.whereValues().length);
        Collections.addAll(params, op.values());
        t.appendWhere(sb, op.whereValues(), params);
        return new SqlStatement(sb.toString(), params);
    }

    private static SqlStatement deleteSql(Op op) {
        TableTexts t = op.texts();
        StringBuilder sb = new StringBuilder(t.deletePrefix.length() + 16 * op.whereValues().length)
                .append(t.deletePrefix);
        List<Object> params = new ArrayList<>(op.whereValues().length);
        t.appendWhere(sb, op.whereValues(), params);
        return new SqlStatement(sb.toString(), params);
    }

    private static SqlStatement deleteInSql(List<Op> run) {
        TableTexts t = run.get(0).texts();
        StringBuilder sb = new StringBuilder(t.deleteInPrefix.length() + run.size() * (t.inHolder.length() + 1) + 1)
                .append(t.deleteInPrefix);
        List<Object> params = new ArrayList<>(run.size() * t.whereColumns.size());
        for (int r = 0; r < run.size(); r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append(t.inHolder);
            Collections.addAll(params, run.get(r).whereValues());
        }
        sb.append(')');
        return new SqlStatement(sb.toString(), params);
    }
}
