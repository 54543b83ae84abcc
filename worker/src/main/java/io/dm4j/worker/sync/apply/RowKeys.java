package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The keys of a row change, in two strengths.
 *
 * <ul>
 *   <li>{@link #causalityKeys} are <em>conservative</em>: any two values the downstream could consider equal in a
 *   PRIMARY/UNIQUE key must give the same key (case folding and accent stripping for {@code _ci} collations, trailing
 *   spaces ignored, numbers canonical). Two different values may collide; that only serialises more changes.</li>
 *   <li>{@link #identity} is <em>exact</em>: two changes get the same identity only when they name the same row,
 *   so merging them (compaction) is safe.</li>
 * </ul>
 */
final class RowKeys {
    private static final int MAX_KEY_CHARS = 256;
    private static final char SEP = '\u0001';
    private static final char VALUE_SEP = '\u0002';

    private RowKeys() {
    }

    /**
     * Causality keys of a change: for its old and new image, one key per PRIMARY/UNIQUE key whose values are all
     * non-NULL (a NULL never conflicts in a unique index), plus the all-columns identity when the table has no
     * usable key. Qualified by the target table.
     */
    static List<String> causalityKeys(RowChange change) {
        KeyPlan plan = KeyPlan.of(change);
        KeyList keys = new KeyList();
        if (change.before() != null) {
            addKeys(plan, change.before(), null, keys);
        }
        if (change.after() != null) {
            addKeys(plan, change.after(), change.before(), keys);
        }
        return keys.toList();
    }

    /**
     * Adds the keys of one image. {@code sameAs}: the image whose keys were added already (an UPDATE's old image);
     * a key whose values are the same Java values in both gives the same text, so it is not built again.
     */
    private static void addKeys(KeyPlan plan, Object[] row, Object[] sameAs, KeyList out) {
        TableSchema schema = plan.schema;
        for (int k = 0; k < plan.keyColumns.size(); k++) {
            int[] cols = plan.keyColumns.get(k);
            if (sameAs != null && sameValues(cols, row, sameAs)) {
                continue;
            }
            if (hasNull(cols, row)) {
                continue; // a NULL never conflicts in a unique index
            }
            out.add(key(plan.keyPrefixes[k], schema, cols, row));
        }
        if (!plan.hasIdentityKey && (sameAs == null || !sameValues(plan.identityColumns, row, sameAs))) {
            out.add(key(plan.identityPrefix, schema, plan.identityColumns, row));
        }
        DerivedKeys.add(plan.table, schema, plan.keyColumns, row, out);
    }

    /** Whether two images hold equal Java values (byte arrays by content) in the given columns. */
    static boolean sameValues(int[] cols, Object[] a, Object[] b) {
        for (int c : cols) {
            if (c < 0) {
                return false;
            }
            Object x = a[c];
            Object y = b[c];
            if (x instanceof byte[] bx ? !(y instanceof byte[] by && java.util.Arrays.equals(bx, by))
                    : !java.util.Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNull(int[] cols, Object[] row) {
        for (int c : cols) {
            if (c < 0 || row[c] == null) {
                return true;
            }
        }
        return false;
    }

    private static String key(String prefix, TableSchema schema, int[] cols, Object[] row) {
        StringBuilder sb = new StringBuilder(prefix.length() + 16 * cols.length).append(prefix);
        for (int c : cols) {
            sb.append(conservativeValue(schema.columns().get(c), row[c])).append(VALUE_SEP);
        }
        return shorten(sb.toString());
    }

    /**
     * What the keys of one table's changes share, worked out once per table structure and target instead of per
     * change (this runs on the dispatcher thread for every row): the lower-cased target, the key column positions
     * and each key's text up to its values.
     */
    private static final class KeyPlan {
        /** Plans per structure object (a DDL makes a new one); per thread, so that no lock is taken per change. */
        private static final ThreadLocal<IdentityHashMap<TableSchema, KeyPlan>> PLANS =
                ThreadLocal.withInitial(IdentityHashMap::new);
        private static final int MAX_PLANS = 4096;

        final TableSchema schema;
        final TableId target;
        final String table;
        final List<int[]> keyColumns;
        final String[] keyPrefixes;
        final boolean hasIdentityKey;
        final int[] identityColumns;
        final String identityPrefix;

        private KeyPlan(TableSchema schema, TableId target) {
            this.schema = schema;
            this.target = target;
            this.table = target.quoted().toLowerCase(Locale.ROOT);
            this.keyColumns = schema.allKeyColumns();
            this.keyPrefixes = new String[keyColumns.size()];
            for (int k = 0; k < keyPrefixes.length; k++) {
                keyPrefixes[k] = prefix(table, schema, keyColumns.get(k));
            }
            this.hasIdentityKey = schema.hasIdentityKey();
            this.identityColumns = schema.identityColumns();
            this.identityPrefix = prefix(table, schema, identityColumns);
        }

        static KeyPlan of(RowChange change) {
            IdentityHashMap<TableSchema, KeyPlan> plans = PLANS.get();
            KeyPlan plan = plans.get(change.schema());
            if (plan == null || !plan.target.equals(change.target())) {
                if (plans.size() >= MAX_PLANS) {
                    plans.clear(); // structures replaced by DDL are not looked up again
                }
                plan = new KeyPlan(change.schema(), change.target());
                plans.put(change.schema(), plan);
            }
            return plan;
        }

        private static String prefix(String table, TableSchema schema, int[] cols) {
            StringBuilder sb = new StringBuilder(table).append(SEP);
            for (int c : cols) {
                sb.append(c < 0 ? "" : schema.columns().get(c).name().toLowerCase(Locale.ROOT)).append(',');
            }
            return sb.append(SEP).toString();
        }
    }

    /** A value in the form two downstream-equal values share. */
    static String conservativeValue(ColumnDef col, Object v) {
        if (v == null) {
            return "\u0000";
        }
        if (v instanceof String s && col.charset() != null && !col.isBinaryCharset()) {
            String t = stripTrailingSpaces(s);
            if (col.caseInsensitive()) {
                // _ci collations also ignore accents in most cases (utf8mb4_general_ci: e = é)
                t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
            }
            return "s" + t;
        }
        return exactValue(v);
    }

    /**
     * The exact identity of the row an image describes: target table, identity column values and extra (routing)
     * column values. Two changes with equal identities touch the same downstream row.
     */
    static List<Object> identity(RowChange change, Object[] row) {
        int[] cols = change.schema().identityColumns();
        List<Object> id = new ArrayList<>(cols.length + change.extraValues().length + 1);
        id.add(change.target());
        for (int c : cols) {
            id.add(exactValue(row[c]));
        }
        for (Object extra : change.extraValues()) {
            id.add(exactValue(extra));
        }
        return id;
    }

    /** Whether an UPDATE changes a value of its identity columns (compared exactly). */
    static boolean identityChanged(RowChange change) {
        return change.type() == ChangeType.UPDATE && identityChanged(change, change.schema().identityColumns());
    }

    /** The same, with the change's identity column positions already known ({@link TableTexts#identity}). */
    static boolean identityChanged(RowChange change, int[] identity) {
        if (change.type() != ChangeType.UPDATE) {
            return false;
        }
        for (int c : identity) {
            Object before = change.before()[c];
            Object after = change.after()[c];
            if (before != null && after != null && before.getClass() == after.getClass()
                    && !(before instanceof byte[])
                    && before.equals(after)) {
                continue; // the common case, without building the canonical texts
            }
            if (!exactValue(before).equals(exactValue(after))) {
                return true;
            }
        }
        return false;
    }

    /** A canonical text of a value: numbers by their numeric value, bytes by content, text as is. */
    static String exactValue(Object v) {
        if (v == null) {
            return "\u0000";
        }
        if (v instanceof byte[] b) {
            return "x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof String s) {
            return "s" + s;
        }
        if (v instanceof BigDecimal d) {
            return "n" + canonical(d);
        }
        if (v instanceof BigInteger bi) {
            return "n" + bi;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "n" + ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "f" + d;
            }
            return "n" + canonical(new BigDecimal(d));
        }
        return "o" + v;
    }

    private static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Long keys become a digest: a collision can only make two changes wait for each other. */
    static String shorten(String key) {
        if (key.length() <= MAX_KEY_CHARS) {
            return key;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return "#" + HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
