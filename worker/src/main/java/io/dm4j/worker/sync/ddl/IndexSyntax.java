package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Objects;

/**
 * An index as written: kind, name (null when the statement gives none), key parts, and the options after
 * the part list ({@code USING BTREE}, {@code COMMENT '...'}, ...) as text.
 */
public record IndexSyntax(Kind kind, String name, List<Part> parts, String options) {

    public enum Kind { PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL }

    public IndexSyntax {
        Objects.requireNonNull(kind, "kind");
        parts = List.copyOf(parts);
        options = options == null ? "" : options;
    }

    /**
     * One key part.
     *
     * @param column     the column name, or null for an expression part ({@code (lower(a))})
     * @param prefix     prefix length ({@code c(10)}), or -1 for the whole column
     * @param descending {@code DESC} given
     * @param expression functional parts: the text including its parentheses ({@code (lower(a))}); MariaDB's
     *                   {@code p WITHOUT OVERLAPS}; else null
     */
    public record Part(String column, int prefix, boolean descending, String expression) {
    }

    public boolean unique() {
        return kind == Kind.PRIMARY || kind == Kind.UNIQUE;
    }

    public IndexSyntax withName(String newName) {
        return new IndexSyntax(kind, newName, parts, options);
    }

    public IndexSyntax withParts(List<Part> newParts) {
        return new IndexSyntax(kind, name, newParts, options);
    }
}
