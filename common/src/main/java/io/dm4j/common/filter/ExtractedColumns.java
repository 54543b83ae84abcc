package io.dm4j.common.filter;

import java.util.List;

/**
 * Values a route's {@code extract-table} / {@code extract-schema} / {@code extract-source} produce for one source
 * table: target column names and their values, in that order (table, schema, source; absent extractors are
 * left out). The columns are the last ones of the downstream merged table.
 */
public record ExtractedColumns(List<String> columns, List<String> values) {
    public static final ExtractedColumns NONE = new ExtractedColumns(List.of(), List.of());

    public ExtractedColumns {
        columns = List.copyOf(columns);
        values = List.copyOf(values);
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException("columns " + columns + " and values " + values + " differ in size");
        }
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }
}
