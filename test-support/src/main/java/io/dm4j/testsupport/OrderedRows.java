package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams a table's rows as hex strings of each value's bytes ({@code HEX(CAST(col AS BINARY))}, null stays null),
 * ordered by the bytes of the given key columns, so two servers' copies of a table can be merged row by row.
 * The bytes are what the server stores and prints, so equality is byte-exact, independent of driver conversions.
 */
final class OrderedRows implements AutoCloseable {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final int width;

    private OrderedRows(Connection connection, Statement statement, ResultSet rs, int width) {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        this.width = width;
    }

    /** Column names in table order; empty when the table does not exist. */
    static List<String> columns(DbEndpoint db, TableName t) throws SQLException {
        return names(db, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION", t);
    }

    /** Primary key column names in key order; empty when the table has none. */
    static List<String> primaryKey(DbEndpoint db, TableName t) throws SQLException {
        return names(db, "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX", t);
    }

    private static List<String> names(DbEndpoint db, String sql, TableName t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static OrderedRows open(DbEndpoint db, TableName t, List<String> columns, List<String> orderBy) throws SQLException {
        String select = columns.stream().map(c -> "HEX(CAST(" + TableName.quote(c) + " AS BINARY))").collect(Collectors.joining(", "));
        String order = orderBy.stream().map(c -> "CAST(" + TableName.quote(c) + " AS BINARY)").collect(Collectors.joining(", "));
        Connection c = db.connect();
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION time_zone = '+00:00'"); // TIMESTAMP text must not depend on the server's zone
                try {
                    st.execute("SET SESSION max_sort_length = 8388608"); // order long values by all their bytes
                } catch (SQLException ignored) {
                    // servers without the variable compare whole values anyway
                }
            }
            Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(Integer.MIN_VALUE); // stream: tables may be larger than the heap wants to hold
            ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + t.quoted() + " ORDER BY " + order);
            return new OrderedRows(c, st, rs, columns.size());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The next row's hex values, or null at the end. */
    String[] next() throws SQLException {
        if (!rs.next()) {
            return null;
        }
        String[] row = new String[width];
        for (int i = 0; i < width; i++) {
            row[i] = rs.getString(i + 1);
        }
        return row;
    }

    @Override
    public void close() throws SQLException {
        try {
            rs.close();
        } finally {
            try {
                statement.close();
            } finally {
                connection.close();
            }
        }
    }
}
