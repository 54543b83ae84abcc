package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.KeyDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Random INSERT/UPDATE/DELETE changes over five keyed tables, generated against an in-memory model of the rows so
 * every change is one the upstream could have produced (primary and unique keys stay unique, with case-insensitive
 * comparison where the column's collation is _ci). Includes primary-key updates and unique-key swaps through a
 * temporary value.
 */
final class RowWorkload {

    /** One table: DDL, structure, random row factory, and the columns of its unique keys. */
    record Spec(TableSchema schema, String ddl, Function<Random, Object[]> newRow, int[] mutable, String orderBy) {
    }

    final List<Spec> specs;
    final Map<TableId, List<Object[]>> model = new LinkedHashMap<>();
    private final Random rnd;

    RowWorkload(String db, long seed) {
        this.rnd = new Random(seed);
        this.specs = specs(db);
        for (Spec s : specs) {
            model.put(s.schema().id(), new ArrayList<>());
        }
    }

    // ---- table definitions

    private static ColumnDef col(String name, String type, boolean nullable, String collation) {
        String charset = collation == null ? null : collation.startsWith("binary") ? "binary" : "utf8mb4";
        return new ColumnDef(name, type, type, false, nullable, charset, collation, -1, -1, -1, -1, null, null);
    }

    private static ColumnDef storedGenerated(String name, String type) {
        return new ColumnDef(name, type, type, false, true, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.STORED);
    }

    private static TableSchema schema(String db, String t, List<ColumnDef> cols, KeyDef... keys) {
        return new TableSchema(new TableId(db, t), cols, List.of(keys), null);
    }

    private static final String[] WORDS = {"alpha", "Alpha", "ALPHA ", "beta", "BETA", "gamma", "Gamma ", "delta",
        "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"};

    private List<Spec> specs(String db) {
        List<Spec> out = new ArrayList<>();
        String q = "`" + db + "`.";
        out.add(new Spec(schema(db, "t1", List.of(col("id", "int", false, null), col("uk", "int", false, null),
                        col("v", "varchar", true, "utf8mb4_general_ci")),
                new KeyDef("PRIMARY", List.of("id"), true), new KeyDef("uk", List.of("uk"), false)),
                "CREATE TABLE " + q + "t1 (id INT NOT NULL PRIMARY KEY, uk INT NOT NULL, v VARCHAR(32),"
                        + " UNIQUE KEY uk (uk)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                r -> new Object[] {(long) 1 + r.nextInt(400), (long) 1 + r.nextInt(400), str(r)},
                new int[] {0, 1, 2}, "id"));
        out.add(new Spec(schema(db, "t2", List.of(col("a", "int", false, null), col("b", "varchar", false, "utf8mb4_bin"),
                        col("v", "int", true, null)),
                new KeyDef("PRIMARY", List.of("a", "b"), true)),
                "CREATE TABLE " + q + "t2 (a INT NOT NULL, b VARCHAR(16) COLLATE utf8mb4_bin NOT NULL, v INT,"
                        + " PRIMARY KEY (a, b)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                r -> new Object[] {(long) 1 + r.nextInt(40), new String[] {"x", "X", "y", "z", "w "}[r.nextInt(5)],
                    r.nextInt(5) == 0 ? null : (long) r.nextInt(1000)},
                new int[] {0, 1, 2}, "a, b"));
        out.add(new Spec(schema(db, "t3", List.of(col("id", "bigint", false, null), col("u1", "int", true, null),
                        col("u2", "varchar", true, "utf8mb4_general_ci"), col("payload", "varbinary", true, "binary")),
                new KeyDef("PRIMARY", List.of("id"), true), new KeyDef("u1", List.of("u1"), false),
                new KeyDef("u2", List.of("u2"), false)),
                "CREATE TABLE " + q + "t3 (id BIGINT NOT NULL PRIMARY KEY, u1 INT NULL, u2 VARCHAR(20) NULL,"
                        + " payload VARBINARY(16), UNIQUE KEY u1 (u1), UNIQUE KEY u2 (u2))"
                        + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                r -> new Object[] {(long) 1 + r.nextInt(400), r.nextInt(5) == 0 ? null : (long) 1 + r.nextInt(300),
                    r.nextInt(4) == 0 ? null : WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : r.nextInt(20)),
                    r.nextInt(6) == 0 ? null : bytes(r)},
                new int[] {0, 1, 2, 3}, "id"));
        out.add(new Spec(schema(db, "t4", List.of(col("code", "varchar", false, "utf8mb4_bin"),
                        col("n", "int", true, null), col("val", "decimal", true, null)),
                new KeyDef("n", List.of("n"), false), new KeyDef("code", List.of("code"), false)),
                "CREATE TABLE " + q + "t4 (code VARCHAR(20) COLLATE utf8mb4_bin NOT NULL, n INT NULL,"
                        + " val DECIMAL(10,2), UNIQUE KEY n (n), UNIQUE KEY code (code))"
                        + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                r -> new Object[] {(r.nextBoolean() ? "c" : "C") + (1 + r.nextInt(300)),
                    r.nextInt(4) == 0 ? null : (long) 1 + r.nextInt(300), decimal(r)},
                new int[] {0, 1, 2}, "code"));
        out.add(new Spec(schema(db, "t5", List.of(col("id", "int", false, null), col("price", "decimal", false, null),
                        col("qty", "int", false, null), storedGenerated("total", "decimal"),
                        col("dt", "datetime", true, null), col("note", "text", true, "utf8mb4_general_ci")),
                new KeyDef("PRIMARY", List.of("id"), true)),
                "CREATE TABLE " + q + "t5 (id INT NOT NULL PRIMARY KEY, price DECIMAL(10,2) NOT NULL, qty INT NOT NULL,"
                        + " total DECIMAL(20,2) AS (price * qty) STORED, dt DATETIME NULL, note TEXT)"
                        + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                r -> {
                    BigDecimal price = decimal(r);
                    long qty = r.nextInt(50);
                    return new Object[] {(long) r.nextInt(400), price, qty, price.multiply(BigDecimal.valueOf(qty)),
                        r.nextInt(5) == 0 ? null : String.format("2024-%02d-%02d %02d:%02d:%02d", 1 + r.nextInt(12),
                                1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60)),
                        r.nextInt(3) == 0 ? null : str(r) + " 😀"};
                },
                new int[] {0, 1, 2, 4, 5}, "id"));
        return out;
    }

    private static String str(Random r) {
        if (r.nextInt(6) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(9)];
        r.nextBytes(b);
        return b;
    }

    private static BigDecimal decimal(Random r) {
        return BigDecimal.valueOf(r.nextInt(200_000) - 100_000, 2);
    }

    // ---- generation

    /** The next changes (one, or three for a unique-key swap), already applied to the model. */
    List<RowChange> next() {
        Spec spec = specs.get(rnd.nextInt(specs.size()));
        List<Object[]> rows = model.get(spec.schema().id());
        int p = rnd.nextInt(100);
        if (rows.isEmpty() || (p < 35 && rows.size() < 150)) {
            return insert(spec);
        }
        if (p < 55 || rows.size() >= 150) {
            return List.of(delete(spec, rows.get(rnd.nextInt(rows.size()))));
        }
        if (p < 65) {
            List<RowChange> swap = swap(spec);
            if (!swap.isEmpty()) {
                return swap;
            }
        }
        Object[] before = rows.get(rnd.nextInt(rows.size()));
        for (int attempt = 0; attempt < 20; attempt++) {
            Object[] after = before.clone();
            Object[] fresh = spec.newRow().apply(rnd);
            int changes = 1 + rnd.nextInt(2);
            for (int i = 0; i < changes; i++) {
                int c = spec.mutable()[rnd.nextInt(spec.mutable().length)];
                after[c] = fresh[c];
            }
            fixGenerated(spec, after);
            if (fits(spec, after, before)) {
                return List.of(update(spec, before, after));
            }
        }
        return insert(spec);
    }

    private List<RowChange> insert(Spec spec) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Object[] row = spec.newRow().apply(rnd);
            if (fits(spec, row, null)) {
                model.get(spec.schema().id()).add(row);
                return List.of(RowChange.insert(spec.schema().id(), spec.schema().id(), spec.schema(), row));
            }
        }
        return List.of();
    }

    private RowChange delete(Spec spec, Object[] row) {
        model.get(spec.schema().id()).remove(row);
        return RowChange.delete(spec.schema().id(), spec.schema().id(), spec.schema(), row);
    }

    private RowChange update(Spec spec, Object[] before, Object[] after) {
        List<Object[]> rows = model.get(spec.schema().id());
        rows.set(rows.indexOf(before), after);
        return RowChange.update(spec.schema().id(), spec.schema().id(), spec.schema(), before, after);
    }

    /** A and B exchange the values of one key (primary or unique) through a free temporary value. */
    private List<RowChange> swap(Spec spec) {
        List<Object[]> rows = model.get(spec.schema().id());
        if (rows.size() < 2) {
            return List.of();
        }
        List<int[]> keys = spec.schema().allKeyColumns();
        int[] key = keys.get(rnd.nextInt(keys.size()));
        Object[] a = rows.get(rnd.nextInt(rows.size()));
        Object[] b = rows.get(rnd.nextInt(rows.size()));
        if (a == b || hasNull(a, key) || hasNull(b, key)) {
            return List.of();
        }
        Object[] fresh = null;
        for (int attempt = 0; attempt < 50 && fresh == null; attempt++) {
            Object[] tmp = a.clone();
            Object[] candidate = spec.newRow().apply(rnd);
            for (int c : key) {
                tmp[c] = candidate[c];
            }
            // the temporary value must differ from A's own, or B could not take A's value next
            if (!hasNull(tmp, key) && !sameKey(spec, tmp, a, key) && fits(spec, tmp, a)) {
                fresh = tmp;
            }
        }
        if (fresh == null) {
            return List.of();
        }
        List<RowChange> out = new ArrayList<>(3);
        Object[] a1 = fresh;
        out.add(update(spec, a, a1));
        Object[] b1 = b.clone();
        for (int c : key) {
            b1[c] = a[c];
        }
        out.add(update(spec, b, b1));
        Object[] a2 = a1.clone();
        for (int c : key) {
            a2[c] = b[c];
        }
        out.add(update(spec, a1, a2));
        return out;
    }

    private static void fixGenerated(Spec spec, Object[] row) {
        if (spec.schema().id().table().equals("t5")) {
            row[3] = ((BigDecimal) row[1]).multiply(BigDecimal.valueOf((Long) row[2]));
        }
    }

    private static boolean hasNull(Object[] row, int[] cols) {
        for (int c : cols) {
            if (row[c] == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameKey(Spec spec, Object[] x, Object[] y, int[] key) {
        for (int c : key) {
            ColumnDef col = spec.schema().columns().get(c);
            if (!comparable(col, x[c]).equals(comparable(col, y[c]))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code row} violates no PRIMARY/UNIQUE key against the other rows (all but {@code self}). */
    private boolean fits(Spec spec, Object[] row, Object[] self) {
        for (int[] key : spec.schema().allKeyColumns()) {
            if (hasNull(row, key)) {
                continue;
            }
            for (Object[] other : model.get(spec.schema().id())) {
                if (other == self || hasNull(other, key)) {
                    continue;
                }
                if (sameKey(spec, row, other, key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How the server compares values in a unique index: _ci text case-insensitively, trailing spaces ignored. */
    private static String comparable(ColumnDef col, Object v) {
        if (v instanceof String s && col.collation() != null && !col.isBinaryCharset()) {
            String t = s.replaceAll(" +$", "");
            return col.caseInsensitive() ? t.toLowerCase(Locale.ROOT) : t;
        }
        return render(v);
    }

    // ---- comparing with the downstream

    /** A value as the downstream returns it through getString / getBytes. */
    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** The model's rows of a table, rendered and sorted. */
    List<String> expected(Spec spec) {
        List<String> out = new ArrayList<>();
        for (Object[] row : model.get(spec.schema().id())) {
            StringBuilder sb = new StringBuilder();
            for (Object v : row) {
                sb.append(render(v)).append(" | ");
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }
}
