package io.dm4j.master.check;

import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Reads the structure of base tables from {@code information_schema}, a few queries per database. */
final class TableCatalog {
    private TableCatalog() {
    }

    /**
     * Every base table outside the system schemas that {@code keep} accepts, looked for only in the schemas
     * {@code keepSchema} accepts (none of the others may hold a table {@code keep} accepts): the column and index
     * queries then skip the schemas a task does not replicate, which on a server with hundreds of them took most
     * of a precheck.
     */
    static List<TableInfo> load(CheckedDb db, Predicate<String> keepSchema, Predicate<TableId> keep) throws SQLException {
        Set<String> schemas = new TreeSet<>();
        for (List<String> r : db.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
            if (!BlockAllowList.isSystemSchema(r.get(0)) && keepSchema.test(r.get(0))) {
                schemas.add(r.get(0));
            }
        }
        return load(db, schemas, keep);
    }

    /** The base tables of the given schemas that {@code keep} accepts. */
    static List<TableInfo> load(CheckedDb db, Collection<String> schemas, Predicate<TableId> keep) throws SQLException {
        if (schemas.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(schemas.size(), "?"));
        Object[] params = schemas.toArray();
        Map<TableId, String> collations = new LinkedHashMap<>();
        for (List<String> r : db.query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (" + in + ") ORDER BY TABLE_SCHEMA, TABLE_NAME", params)) {
            TableId id = new TableId(r.get(0), r.get(1));
            if (keep.test(id)) {
                collations.put(id, r.get(2) == null ? "" : r.get(2));
            }
        }
        Map<TableId, List<TableInfo.Column>> columns = new LinkedHashMap<>();
        Map<TableId, Map<String, Boolean>> nullable = new LinkedHashMap<>();
        for (List<String> r : db.query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, IS_NULLABLE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + in + ") ORDER BY TABLE_SCHEMA, TABLE_NAME,"
                + " ORDINAL_POSITION", params)) {
            TableId id = new TableId(r.get(0), r.get(1));
            if (collations.containsKey(id)) {
                columns.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new TableInfo.Column(r.get(2), r.get(3).toLowerCase(Locale.ROOT), r.get(4) == null ? "" : r.get(4)));
                nullable.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(r.get(2).toLowerCase(Locale.ROOT), "YES".equals(r.get(5)));
            }
        }
        // index name → whether every column is NOT NULL, for unique indexes only
        Map<TableId, Map<String, Boolean>> uniques = new LinkedHashMap<>();
        for (List<String> r : db.query("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE NON_UNIQUE = 0 AND TABLE_SCHEMA IN (" + in + ")", params)) {
            TableId id = new TableId(r.get(0), r.get(1));
            if (collations.containsKey(id)) {
                boolean colNullable = nullable.getOrDefault(id, Map.of()).getOrDefault(r.get(3).toLowerCase(Locale.ROOT), true);
                uniques.computeIfAbsent(id, k -> new LinkedHashMap<>()).merge(r.get(2), !colNullable, Boolean::logicalAnd);
            }
        }
        List<TableInfo> out = new ArrayList<>();
        for (Map.Entry<TableId, String> e : collations.entrySet()) {
            Map<String, Boolean> keys = uniques.getOrDefault(e.getKey(), Map.of());
            String identity = keys.containsKey("PRIMARY") ? "PRIMARY" : keys.entrySet().stream()
                    .filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst().orElse("");
            String nullableUnique = keys.entrySet().stream().filter(k -> !k.getValue()).map(Map.Entry::getKey).findFirst().orElse("");
            out.add(new TableInfo(e.getKey(), e.getValue(), columns.getOrDefault(e.getKey(), List.of()), identity, nullableUnique));
        }
        return out;
    }
}
