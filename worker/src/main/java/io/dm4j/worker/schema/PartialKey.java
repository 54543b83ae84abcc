package io.dm4j.worker.schema;

import java.util.List;

/**
 * A UNIQUE key that does not identify a row by whole column values: a part is a column prefix
 * ({@code UNIQUE (c(10))}) or an expression ({@code UNIQUE ((lower(c)))}, MySQL 8 functional index). Such keys
 * never pick the row of an UPDATE/DELETE, but two rows can still conflict on them, so causality must see them.
 */
public record PartialKey(List<Part> parts) {

    /**
     * One key part.
     *
     * @param column the column name, or null for an expression part (its text is not kept: MySQL rewrites it, and
     *               only the fact that the binlog cannot give its value matters)
     * @param prefix the prefix length (characters for text, bytes for binary strings), or -1 for the whole column
     */
    public record Part(String column, int prefix) {
        public boolean functional() {
            return column == null;
        }
    }

    public PartialKey {
        parts = List.copyOf(parts);
    }

    /** Whether a part is an expression, whose value the binlog does not carry. */
    public boolean functional() {
        return parts.stream().anyMatch(Part::functional);
    }
}
