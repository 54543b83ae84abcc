package io.dm4j.worker.dump;

import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of what a dump writes: the selected schemas and tables (with columns and keys) and their CREATE
 * statements, as the server showed them at one moment. Two readings with the same shape (ignoring AUTO_INCREMENT
 * counters) saw no DDL on the dumped objects in between.
 *
 * @param selection the schemas, tables and views the block-allow-list keeps
 * @param creates   SHOW CREATE TABLE / VIEW of every selected table and view
 * @param databases SHOW CREATE DATABASE of every selected schema
 */
record Structures(Catalog.Selection selection, Map<TableId, String> creates, Map<String, String> databases) {
    private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");

    Structures {
        creates = Map.copyOf(creates);
        databases = Map.copyOf(databases);
    }

    static Structures read(Connection c, BlockAllowList filter) throws SQLException {
        Catalog.Selection selection = Catalog.read(c, filter);
        Map<TableId, String> creates = new LinkedHashMap<>();
        for (TableMeta t : selection.tables()) {
            try {
                creates.put(t.id(), Catalog.showCreate(c, t));
            } catch (SQLException e) {
                if (e.getErrorCode() != 1146) { // dropped since it was listed: the next reading tells
                    throw e;
                }
                creates.put(t.id(), "");
            }
        }
        Map<String, String> databases = new LinkedHashMap<>();
        for (String schema : selection.schemas()) {
            databases.put(schema, Catalog.showCreateDatabase(c, schema));
        }
        return new Structures(selection, creates, databases);
    }

    /** Same objects with the same CREATE statements (AUTO_INCREMENT counters aside). */
    boolean sameShape(Structures other) {
        return selection.schemas().equals(other.selection.schemas())
                && ids(selection.tables()).equals(ids(other.selection.tables()))
                && normalized(creates).equals(normalized(other.creates));
    }

    private static List<String> ids(List<TableMeta> tables) {
        return tables.stream().map(t -> t.id() + (t.view() ? " view" : "")).toList();
    }

    private static Map<TableId, String> normalized(Map<TableId, String> creates) {
        Map<TableId, String> out = new LinkedHashMap<>();
        creates.forEach((id, sql) -> out.put(id, AUTO_INCREMENT.matcher(sql).replaceAll("")));
        return out;
    }
}
