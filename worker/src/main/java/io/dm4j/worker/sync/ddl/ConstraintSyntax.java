package io.dm4j.worker.sync.ddl;

import java.util.Objects;

/**
 * A table element that is neither a column nor an index: CHECK, FOREIGN KEY, MariaDB's PERIOD FOR.
 *
 * @param kind       what it is
 * @param name       the constraint symbol, or null
 * @param text       the whole element as written
 * @param expression CHECK: the expression inside the parentheses; else null
 */
public record ConstraintSyntax(Kind kind, String name, String text, String expression) {

    public enum Kind { CHECK, FOREIGN_KEY, PERIOD }

    public ConstraintSyntax {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
