package io.dm4j.worker.dump;

import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the upstream has that the block-allow-list keeps: schemas, tables and views with their columns, keys and
 * size estimates (from information_schema), and their CREATE statements (SHOW CREATE ...). System schemas and the
 * meta schema are never selected (BlockAllowList drops them).
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final Pattern GENERATED = Pattern.compile("\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b",
            Pattern.CASE_INSENSITIVE);

    /** The selection: kept schemas (with or without tables) and kept tables/views. */
    public record Selection(List<String> schemas, List<TableMeta> tables) {
        public Selection {
            schemas = List.copyOf(schemas);
            tables = List.copyOf(tables);
        }

        public List<TableMeta> baseTables() {
            return tables.stream().filter(t -> !t.view()).toList();
        }

        public List<TableMeta> views() {
            return tables.stream().filter(TableMeta::view).toList();
        }
    }

    private Catalog() {
    }

    /** Lists the schemas and tables the block-allow-list keeps, with columns, chunk keys and estimates. */
    public static Selection read(Connection c, BlockAllowList filter) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (rs.next()) {
                String s = rs.getString(1);
                if (filter.keepSchema(s)) {
                    schemas.add(s);
                }
            }
        }
        if (schemas.isEmpty()) {
            return new Selection(schemas, List.of());
        }
        Map<TableId, long[]> estimates = new LinkedHashMap<>();
        Map<TableId, Boolean> isView = new HashMap<>();
        // only the kept schemas (no other holds a kept table): TABLE_ROWS and DATA_LENGTH open every table listed
        try (PreparedStatement st = inSchemas(c, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS,"
                + " DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + inList(schemas.size()) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME", schemas);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString(1), rs.getString(2));
                String type = rs.getString(3).toUpperCase(Locale.ROOT);
                boolean view = type.equals("VIEW");
                boolean table = type.equals("BASE TABLE") || type.equals("SYSTEM VERSIONED");
                if ((!view && !table) || !filter.keep(id)) {
                    if (type.equals("SEQUENCE") && filter.keep(id)) {
                        LOG.warn("{} is a sequence; sequences are not dumped", id);
                    }
                    continue;
                }
                estimates.put(id, new long[] {rs.getLong(4), rs.getLong(5)});
                isView.put(id, view);
            }
        }
        if (estimates.isEmpty()) {
            return new Selection(schemas, List.of());
        }
        Map<TableId, List<ColumnMeta>> columns = columns(c, schemas, estimates);
        Map<TableId, Keys> keys = keys(c, schemas, estimates);
        List<TableMeta> out = new ArrayList<>();
        for (Map.Entry<TableId, long[]> e : estimates.entrySet()) {
            TableId id = e.getKey();
            List<ColumnMeta> cols = columns.getOrDefault(id, List.of());
            Keys k = keys.getOrDefault(id, new Keys());
            boolean view = isView.get(id);
            String chunk = view ? null : k.chunkColumn(cols);
            out.add(new TableMeta(id, view, cols, chunk, k.primary != null, view ? 0 : e.getValue()[0],
                    view ? 0 : e.getValue()[1]));
        }
        return new Selection(schemas, out);
    }

    private static String inList(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** {@code sql} prepared with its {@link #inList} bound to the schemas. */
    private static PreparedStatement inSchemas(Connection c, String sql, List<String> schemas) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < schemas.size(); i++) {
            ps.setString(i + 1, schemas.get(i));
        }
        return ps;
    }

    private static Map<TableId, List<ColumnMeta>> columns(Connection c, List<String> schemas, Map<TableId, long[]> wanted)
            throws SQLException {
        Map<TableId, List<ColumnMeta>> out = new HashMap<>();
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_SET_NAME, EXTRA, IS_NULLABLE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + inList(schemas.size()) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
        try (PreparedStatement ps = inSchemas(c, sql, schemas)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (!wanted.containsKey(id)) {
                        continue;
                    }
                    String extra = rs.getString(6);
                    out.computeIfAbsent(id, x -> new ArrayList<>()).add(new ColumnMeta(rs.getString(3), rs.getString(4),
                            rs.getString(5), extra != null && GENERATED.matcher(extra).find(),
                            "YES".equalsIgnoreCase(rs.getString(7))));
                }
            }
        }
        return out;
    }

    /** Primary and unique keys of a table, as ordered column lists. */
    private static final class Keys {
        List<String> primary;
        final List<List<String>> unique = new ArrayList<>();

        /** First column of the primary key if it is an integer, else of the first unique key on a NOT NULL integer. */
        String chunkColumn(List<ColumnMeta> cols) {
            if (primary != null) {
                ColumnMeta first = find(cols, primary.get(0));
                return first != null && first.isInteger() ? first.name() : null;
            }
            for (List<String> u : unique) {
                boolean allNotNull = u.stream().allMatch(n -> {
                    ColumnMeta m = find(cols, n);
                    return m != null && !m.nullable();
                });
                ColumnMeta first = find(cols, u.get(0));
                if (allNotNull && first != null && first.isInteger()) {
                    return first.name();
                }
            }
            return null;
        }

        private static ColumnMeta find(List<ColumnMeta> cols, String name) {
            for (ColumnMeta m : cols) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    private static Map<TableId, Keys> keys(Connection c, List<String> schemas, Map<TableId, long[]> wanted)
            throws SQLException {
        Map<TableId, Map<String, List<String>>> byIndex = new LinkedHashMap<>();
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA IN (" + inList(schemas.size()) + ") AND NON_UNIQUE = 0"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
        try (PreparedStatement ps = inSchemas(c, sql, schemas)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (wanted.containsKey(id)) {
                        byIndex.computeIfAbsent(id, x -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getString(3), x -> new ArrayList<>()).add(rs.getString(5));
                    }
                }
            }
        }
        Map<TableId, Keys> out = new HashMap<>();
        byIndex.forEach((id, indexes) -> {
            Keys k = new Keys();
            indexes.forEach((name, cols) -> {
                if (name.equalsIgnoreCase("PRIMARY")) {
                    k.primary = cols;
                } else {
                    k.unique.add(cols);
                }
            });
            out.put(id, k);
        });
        return out;
    }

    /** {@code SHOW CREATE DATABASE}, as the server prints it. */
    public static String showCreateDatabase(Connection c, String schema) throws SQLException {
        return showCreate(c, "SHOW CREATE DATABASE " + TableId.quote(schema));
    }

    /** {@code SHOW CREATE TABLE} or {@code SHOW CREATE VIEW}, as the server prints it. */
    public static String showCreate(Connection c, TableMeta table) throws SQLException {
        return showCreate(c, (table.view() ? "SHOW CREATE VIEW " : "SHOW CREATE TABLE ") + table.id().quoted());
    }

    private static String showCreate(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException(sql + " returned no row");
            }
            return rs.getString(2);
        }
    }
}
