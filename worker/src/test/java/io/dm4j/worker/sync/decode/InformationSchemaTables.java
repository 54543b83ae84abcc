package io.dm4j.worker.sync.decode;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.ColumnDef.Generated;
import io.dm4j.worker.schema.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-only TableSchema from information_schema.COLUMNS (the schema tracker is the production source), for
 * decoder round-trip tests against the sandbox.
 */
final class InformationSchemaTables {
    private InformationSchemaTables() {
    }

    static TableSchema load(Connection c, String schema, String table) throws SQLException {
        List<ColumnDef> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,"
                + " CHARACTER_SET_NAME, COLLATION_NAME, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " DATETIME_PRECISION, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
                    String columnType = rs.getString(3);
                    String extra = rs.getString(11) == null ? "" : rs.getString(11).toUpperCase(Locale.ROOT);
                    Generated generated = extra.contains("VIRTUAL") ? Generated.VIRTUAL
                            : extra.contains("STORED") || extra.contains("PERSISTENT") ? Generated.STORED
                            : Generated.NONE;
                    int length = dataType.equals("bit") ? rs.getInt(8) : intOr(rs, 7);
                    columns.add(new ColumnDef(rs.getString(1), dataType, columnType,
                            columnType.toLowerCase(Locale.ROOT).contains("unsigned"), "YES".equals(rs.getString(4)),
                            rs.getString(5), rs.getString(6), length,
                            dataType.equals("decimal") ? rs.getInt(8) : -1, dataType.equals("decimal") ? rs.getInt(9) : -1,
                            intOr(rs, 10), members(dataType, columnType), generated));
                }
            }
        }
        return new TableSchema(new TableId(schema, table), columns, List.of(), null);
    }

    private static int intOr(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** Labels of enum('a','b''c') / set(...) in declaration order. */
    static List<String> members(String dataType, String columnType) {
        if (!dataType.equals("enum") && !dataType.equals("set")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String body = columnType.substring(columnType.indexOf('(') + 1, columnType.lastIndexOf(')'));
        StringBuilder cur = null;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (cur == null) {
                if (ch == '\'') {
                    cur = new StringBuilder();
                }
            } else if (ch == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                cur.append('\'');
                i++;
            } else if (ch == '\'') {
                out.add(cur.toString());
                cur = null;
            } else if (ch == '\\' && i + 1 < body.length()) {
                cur.append(body.charAt(++i));
            } else {
                cur.append(ch);
            }
        }
        return out;
    }
}
