package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Objects;

/**
 * A table element that is neither a column nor an index: CHECK, FOREIGN KEY, MariaDB's PERIOD FOR.
 *
 * @param kind       what it is
 * @param name       the constraint symbol, or null
 * @param text       the whole element as written
 * @param expression CHECK: the expression inside the parentheses; else null
 * @param columns    FOREIGN KEY: the referencing columns; else empty
 * @param indexName  FOREIGN KEY: the index name given after FOREIGN KEY, or null
 */
public record ConstraintSyntax(Kind kind, String name, String text, String expression, List<String> columns,
                               String indexName) {

    public enum Kind { CHECK, FOREIGN_KEY, PERIOD }

    public ConstraintSyntax {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
