package io.dm4j.common.filter;

/**
 * A {@code routes} rule. A rule without {@code tablePattern} is a schema-level rule. Extract rules are optional (null).
 */
public record RouteRule(String schemaPattern, String tablePattern, String targetSchema, String targetTable,
                        ExtractRule extractTable, ExtractRule extractSchema, ExtractRule extractSource) {

    public RouteRule(String schemaPattern, String tablePattern, String targetSchema, String targetTable) {
        this(schemaPattern, tablePattern, targetSchema, targetTable, null, null, null);
    }

    public boolean isSchemaLevel() {
        return tablePattern == null || tablePattern.isEmpty();
    }
}
