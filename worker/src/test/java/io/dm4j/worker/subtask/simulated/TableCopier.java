package io.dm4j.worker.subtask.simulated;

import io.dm4j.common.config.DbConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Makes the selected downstream tables equal to the upstream ones by comparing whole tables (create missing tables,
 * REPLACE changed rows, DELETE rows that are gone). Only for the simulated units: slow on big tables, no binlog,
 * no checkpoints.
 */
final class TableCopier {
    private final SubTaskConfig cfg;
    private final DbConfig upstream;
    private final BlockAllowList bal;
    private final TableRouter router;

    TableCopier(SubTaskConfig cfg, DbConfig upstream) {
        this.cfg = cfg;
        this.upstream = upstream;
        this.bal = BlockAllowList.create(cfg.blockAllowList(), cfg.caseSensitive(), cfg.metaSchema());
        this.router = TableRouter.create(cfg.routeRules(), cfg.caseSensitive());
    }

    static Connection connect(DbConfig db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password().reveal());
        io.dm4j.common.tls.DbTls.of(db.security(), "security").applyTo(p);
        p.setProperty("connectTimeout", "5000");
        p.setProperty("characterEncoding", "UTF-8");
        return DriverManager.getConnection("jdbc:mysql://" + db.host() + ":" + db.port() + "/", p);
    }

    /** One comparison of every selected table; returns the number of rows written or deleted downstream. */
    int pass() throws SQLException {
        int changed = 0;
        try (Connection up = connect(upstream); Connection down = connect(cfg.targetDatabase())) {
            for (TableId t : tables(up)) {
                changed += copy(up, down, t, router.route(t));
            }
        }
        return changed;
    }

    private List<TableId> tables(Connection up) throws SQLException {
        List<TableId> out = new ArrayList<>();
        try (Statement st = up.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " ORDER BY table_schema, table_name")) {
            while (rs.next()) {
                TableId t = new TableId(rs.getString(1), rs.getString(2));
                if (!BlockAllowList.isSystemSchema(t.schema()) && !t.schema().equalsIgnoreCase(cfg.metaSchema()) && bal.keep(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private int copy(Connection up, Connection down, TableId from, TableId to) throws SQLException {
        ensureTable(up, down, from, to);
        List<String> pk = primaryKey(up, from);
        Map<String, Object[]> upRows = new LinkedHashMap<>();
        List<String> columns = read(up, from, pk, upRows);
        Map<String, Object[]> downRows = new LinkedHashMap<>();
        read(down, to, pk, downRows);
        int changed = 0;
        String marks = String.join(",", columns.stream().map(c -> "?").toList());
        String cols = String.join(",", columns.stream().map(TableId::quote).toList());
        try (PreparedStatement replace = down.prepareStatement("REPLACE INTO " + to.quoted() + " (" + cols + ") VALUES (" + marks + ")")) {
            for (Map.Entry<String, Object[]> e : upRows.entrySet()) {
                Object[] d = downRows.get(e.getKey());
                if (d == null || !Arrays.deepEquals(d, e.getValue())) {
                    for (int i = 0; i < columns.size(); i++) {
                        replace.setObject(i + 1, e.getValue()[i]);
                    }
                    replace.executeUpdate();
                    changed++;
                }
            }
        }
        Set<String> gone = new HashSet<>(downRows.keySet());
        gone.removeAll(upRows.keySet());
        if (!gone.isEmpty()) {
            List<Integer> keyIdx = pk.stream().map(columns::indexOf).toList();
            String where = pk.isEmpty() ? null : String.join(" AND ", pk.stream().map(c -> TableId.quote(c) + " <=> ?").toList());
            if (where == null) {
                try (Statement st = down.createStatement()) {
                    st.executeUpdate("DELETE FROM " + to.quoted());
                }
                return changed + gone.size() + copyAll(down, to, columns, upRows);
            }
            try (PreparedStatement del = down.prepareStatement("DELETE FROM " + to.quoted() + " WHERE " + where)) {
                for (String k : gone) {
                    Object[] row = downRows.get(k);
                    for (int i = 0; i < keyIdx.size(); i++) {
                        del.setObject(i + 1, row[keyIdx.get(i)]);
                    }
                    del.executeUpdate();
                    changed++;
                }
            }
        }
        return changed;
    }

    private int copyAll(Connection down, TableId to, List<String> columns, Map<String, Object[]> rows) throws SQLException {
        String marks = String.join(",", columns.stream().map(c -> "?").toList());
        String cols = String.join(",", columns.stream().map(TableId::quote).toList());
        try (PreparedStatement ins = down.prepareStatement("INSERT INTO " + to.quoted() + " (" + cols + ") VALUES (" + marks + ")")) {
            for (Object[] r : rows.values()) {
                for (int i = 0; i < columns.size(); i++) {
                    ins.setObject(i + 1, r[i]);
                }
                ins.executeUpdate();
            }
        }
        return rows.size();
    }

    private void ensureTable(Connection up, Connection down, TableId from, TableId to) throws SQLException {
        try (Statement st = down.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(to.schema()));
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '"
                    + to.schema().replace("'", "''") + "' AND table_name = '" + to.table().replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
        }
        String ddl;
        try (Statement st = up.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + from.quoted())) {
            rs.next();
            ddl = rs.getString(2);
        }
        int paren = ddl.indexOf('(');
        try (Statement st = down.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + to.quoted() + " " + ddl.substring(paren));
        }
    }

    private static List<String> primaryKey(Connection c, TableId t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.key_column_usage"
                + " WHERE table_schema = ? AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position")) {
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

    /** Reads every row into {@code out} (key = primary key values, or the whole row); returns the column names. */
    private static List<String> read(Connection c, TableId t, List<String> pk, Map<String, Object[]> out) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + t.quoted())) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i));
            }
            List<Integer> keyIdx = pk.stream().map(columns::indexOf).toList();
            boolean[] binary = new boolean[columns.size()];
            for (int i = 0; i < binary.length; i++) {
                int type = md.getColumnType(i + 1);
                binary[i] = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY || type == java.sql.Types.LONGVARBINARY
                        || type == java.sql.Types.BLOB || type == java.sql.Types.BIT;
            }
            while (rs.next()) {
                // values as text (bytes for binary columns): the server converts them back exactly, fractions included
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = binary[i] ? rs.getBytes(i + 1) : rs.getString(i + 1);
                }
                StringBuilder key = new StringBuilder();
                if (keyIdx.isEmpty()) {
                    key.append(Arrays.deepToString(row)).append('#').append(out.size());
                } else {
                    for (int i : keyIdx) {
                        Object v = row[i];
                        key.append(v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)).append('\u0001');
                    }
                }
                out.put(key.toString(), row);
            }
        }
        return columns;
    }
}
