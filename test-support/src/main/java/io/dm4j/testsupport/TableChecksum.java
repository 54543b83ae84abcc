package io.dm4j.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Byte-exact comparison of a table's content on two servers. Every value is read as the bytes the server holds
 * ({@code HEX(CAST(col AS BINARY))}, TIMESTAMPs in UTC), rows are ordered by the bytes of the primary key (all
 * columns when there is none) and hashed with SHA-256. On a mismatch the assertion names the first differing rows:
 * rows only on one side, and rows whose key matches but whose values differ, column by column.
 * Tables are named {@code schema.table} (backquote names that contain dots: {@code `a.b`.`t`}).
 */
public final class TableChecksum {
    private static final int MAX_DIFFERENCES = 10;

    /** A table's content summary: row count and SHA-256 of all values in key order. */
    public record Result(String table, long rows, String sha256) {
    }

    private TableChecksum() {
    }

    /** Row count and ordered SHA-256 of {@code table} ({@code schema.table}) on {@code db}. */
    public static Result of(DbEndpoint db, String table) throws SQLException {
        TableName t = TableName.parse(table);
        List<String> columns = existingColumns(db, t);
        List<String> order = orderColumns(db, t, columns);
        RowHasher hasher = new RowHasher();
        try (OrderedRows rows = OrderedRows.open(db, t, columns, order)) {
            for (String[] row = rows.next(); row != null; row = rows.next()) {
                hasher.add(row);
            }
        }
        return new Result(t.toString(), hasher.rows, hasher.hex());
    }

    /** Same as {@link #assertSameContent(DbEndpoint, String, DbEndpoint, String)} for one name on both sides. */
    public static void assertSameContent(TestDatabases dbs, String table) throws SQLException {
        assertSameContent(dbs.upstream(), table, dbs.downstream(), table);
    }

    /**
     * Fails unless {@code upTable} on {@code up} and {@code downTable} on {@code down} have the same column names (in
     * order) and the same rows, byte for byte. The row order comes from the upstream table's primary key.
     */
    public static void assertSameContent(DbEndpoint up, String upTable, DbEndpoint down, String downTable) throws SQLException {
        TableName ut = TableName.parse(upTable);
        TableName dt = TableName.parse(downTable);
        List<String> upColumns = existingColumns(up, ut);
        List<String> downColumns = existingColumns(down, dt);
        if (!lower(upColumns).equals(lower(downColumns))) {
            throw new AssertionError("Columns differ: upstream " + ut + " has " + upColumns + ", downstream " + dt
                    + " has " + downColumns);
        }
        List<String> order = orderColumns(up, ut, upColumns);
        int[] keyIndexes = order.stream().mapToInt(c -> indexOfIgnoreCase(upColumns, c)).toArray();

        RowHasher upHash = new RowHasher();
        RowHasher downHash = new RowHasher();
        List<String> differences = new ArrayList<>();
        long differing = 0;
        try (OrderedRows u = OrderedRows.open(up, ut, upColumns, order);
             OrderedRows d = OrderedRows.open(down, dt, downColumns, order)) {
            String[] ur = u.next();
            String[] dr = d.next();
            while (ur != null || dr != null) {
                int cmp = ur == null ? 1 : dr == null ? -1 : compareKeys(ur, dr, keyIndexes);
                String difference = null;
                if (cmp < 0) {
                    difference = "only upstream:   " + render(upColumns, ur);
                } else if (cmp > 0) {
                    difference = "only downstream: " + render(upColumns, dr);
                } else if (!Arrays.equals(ur, dr)) {
                    difference = "differs at " + renderKey(upColumns, ur, keyIndexes) + ": " + changedColumns(upColumns, ur, dr);
                }
                if (difference != null) {
                    differing++;
                    if (differences.size() < MAX_DIFFERENCES) {
                        differences.add(difference);
                    }
                }
                if (cmp <= 0) {
                    upHash.add(ur);
                    ur = u.next();
                }
                if (cmp >= 0) {
                    downHash.add(dr);
                    dr = d.next();
                }
            }
        }
        if (differing > 0) {
            throw new AssertionError("Table content differs: upstream " + ut + " (" + upHash.rows + " rows, sha256 "
                    + upHash.hex() + ") vs downstream " + dt + " (" + downHash.rows + " rows, sha256 " + downHash.hex()
                    + "); " + differing + " differing row(s), ordered by " + order + ", first ones:\n  "
                    + String.join("\n  ", differences));
        }
    }

    private static List<String> existingColumns(DbEndpoint db, TableName t) throws SQLException {
        List<String> columns = OrderedRows.columns(db, t);
        if (columns.isEmpty()) {
            throw new AssertionError("Table " + t + " does not exist on " + db);
        }
        return columns;
    }

    private static List<String> orderColumns(DbEndpoint db, TableName t, List<String> columns) throws SQLException {
        List<String> pk = OrderedRows.primaryKey(db, t);
        return pk.isEmpty() ? columns : pk;
    }

    /** Bytewise order of the key values, NULL first: the order of ORDER BY CAST(.. AS BINARY), as hex preserves it. */
    private static int compareKeys(String[] a, String[] b, int[] keyIndexes) {
        for (int i : keyIndexes) {
            String x = a[i];
            String y = b[i];
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String render(List<String> columns, String[] row) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < row.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(ValueText.render(row[i]));
        }
        return sb.append('}').toString();
    }

    private static String renderKey(List<String> columns, String[] row, int[] keyIndexes) {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < keyIndexes.length; k++) {
            int i = keyIndexes[k];
            sb.append(k == 0 ? "" : ", ").append(columns.get(i)).append('=').append(ValueText.render(row[i]));
        }
        return sb.append('}').toString();
    }

    private static String changedColumns(List<String> columns, String[] up, String[] down) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < up.length; i++) {
            if (!Objects.equals(up[i], down[i])) {
                parts.add(columns.get(i) + " up=" + ValueText.render(up[i]) + " down=" + ValueText.render(down[i]));
            }
        }
        return String.join("; ", parts);
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException("key column " + name + " not among " + names);
    }

    /** SHA-256 over rows, with NULL distinct from every value (including the empty string). */
    private static final class RowHasher {
        private final MessageDigest digest;
        private long rows;

        RowHasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(String[] row) {
            rows++;
            for (String v : row) {
                digest.update(v == null ? "N;".getBytes(StandardCharsets.US_ASCII) : ("V" + v + ";").getBytes(StandardCharsets.US_ASCII));
            }
            digest.update((byte) '\n');
        }

        String hex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
