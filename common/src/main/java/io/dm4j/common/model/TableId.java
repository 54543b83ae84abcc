package io.dm4j.common.model;

import java.util.Objects;

/** A schema-qualified table name, exactly as spelled upstream (matching rules decide about case). */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        table = table == null ? "" : table;
    }

    /** A schema-level name (CREATE/DROP DATABASE): table is empty. */
    public static TableId schemaOnly(String schema) {
        return new TableId(schema, "");
    }

    public boolean isSchemaOnly() {
        return table.isEmpty();
    }

    /** Backquoted for SQL: {@code `db`.`tbl`}, or {@code `db`} for a schema-level name. */
    public String quoted() {
        return isSchemaOnly() ? quote(schema) : quote(schema) + "." + quote(table);
    }

    /** Quotes one identifier for MySQL, doubling backquotes inside it. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public int compareTo(TableId o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override
    public String toString() {
        return isSchemaOnly() ? schema : schema + "." + table;
    }
}
