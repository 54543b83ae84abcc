package io.dm4j.common.filter;

/**
 * A schema pattern with an optional table pattern, as rules write {@code schema-pattern} / {@code table-pattern}
 * or {@code db-name} / {@code tbl-name}. Without a table pattern it selects the schema and every table in it.
 * A table pattern is matched against the table name, which is empty for schema-level names, so {@code *} also
 * selects schema-level names while {@code t_*} does not (as DM's selector does).
 */
record TableSelector(NamePattern schema, NamePattern table) {

    /** Compiles both patterns; an empty table pattern means schema level; errors name {@code ruleLabel}. */
    static TableSelector compile(String ruleLabel, String schemaPattern, String tablePattern, boolean caseSensitive) {
        NamePattern s = NamePattern.compile(ruleLabel, schemaPattern, caseSensitive);
        NamePattern t = tablePattern == null || tablePattern.isEmpty() ? null
                : NamePattern.compile(ruleLabel, tablePattern, caseSensitive);
        return new TableSelector(s, t);
    }

    boolean isSchemaLevel() {
        return table == null;
    }

    /** Whether the folded names match. */
    boolean matches(String foldedSchema, String foldedTable) {
        return schema.matches(foldedSchema) && (table == null || table.matches(foldedTable));
    }

    @Override
    public String toString() {
        return table == null ? "schema-pattern " + schema : "schema-pattern " + schema + ", table-pattern " + table;
    }
}
