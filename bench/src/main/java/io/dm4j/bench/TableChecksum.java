package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the benchmark tables upstream and downstream: row count and an order-independent digest (XOR of a 64-bit
 * slice of each row's SHA-256). Rows are unique by primary key, so equal digests mean equal contents.
 */
final class TableChecksum {
    private static final String ROW_TEXT = "CONCAT_WS('|', id, uk, name, IFNULL(note, '<NULL>'), qty, price, created,"
            + " IFNULL(updated, '<NULL>'))";

    private TableChecksum() {
    }

    /** Per-table "count:digest" upstream and downstream; the descriptions of the tables that differ (empty if none). */
    static List<String> differences(Endpoint upstream, Endpoint downstream, String schema) throws SQLException {
        List<String> diffs = new ArrayList<>();
        try (Connection up = upstream.connect(); Connection down = downstream.connect()) {
            List<String> downTables = tablesOf(down, schema);
            for (String t : BenchTables.names()) {
                String u = digest(up, schema, t);
                String d = downTables.contains(t) ? digest(down, schema, t) : "missing";
                if (!u.equals(d)) {
                    diffs.add(t + ": upstream " + u + ", downstream " + d);
                }
            }
            for (String t : downTables) {
                if (!BenchTables.names().contains(t)) {
                    diffs.add(t + ": only downstream");
                }
            }
        }
        return diffs;
    }

    private static List<String> tablesOf(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static String digest(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(BIT_XOR(CAST(CONV(LEFT(SHA2(" + ROW_TEXT + ", 256), 16), 16, 10)"
                + " AS UNSIGNED)), 0) FROM " + new TableId(schema, table).quoted();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) + " rows/" + rs.getString(2);
        }
    }
}
