package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Objects;

/**
 * One column definition as written in CREATE TABLE or ALTER TABLE: name, type, and the other attributes in
 * the order given (each with its text, so the definition can be written back).
 */
public record ColumnSyntax(String name, DataTypeSyntax type, List<Attribute> attributes) {

    public ColumnSyntax {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        attributes = List.copyOf(attributes);
    }

    /** Kinds of column attributes the tracker needs to tell apart; everything else is OTHER. */
    public enum AttributeKind {
        NULL, NOT_NULL, DEFAULT, AUTO_INCREMENT, ON_UPDATE, COMMENT,
        /** {@code [GENERATED ALWAYS] AS (expr) [VIRTUAL|STORED|PERSISTENT]}; detail is VIRTUAL or STORED. */
        GENERATED,
        /** Column CHECK constraint; detail is the expression inside the parentheses. */
        CHECK,
        /** Inline {@code PRIMARY KEY} (or bare {@code KEY}). */
        PRIMARY_KEY,
        /** Inline {@code UNIQUE [KEY]}. */
        UNIQUE_KEY,
        /** Inline {@code REFERENCES ...}. */
        REFERENCES,
        OTHER
    }

    /**
     * @param kind   what it is
     * @param text   the attribute as written ({@code DEFAULT 'x'}, {@code NOT NULL})
     * @param detail DEFAULT: the value expression; GENERATED: VIRTUAL/STORED; CHECK: the expression; else null
     */
    public record Attribute(AttributeKind kind, String text, String detail) {
        public Attribute {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    public boolean has(AttributeKind kind) {
        return attributes.stream().anyMatch(a -> a.kind() == kind);
    }

    public Attribute first(AttributeKind kind) {
        return attributes.stream().filter(a -> a.kind() == kind).findFirst().orElse(null);
    }

}
