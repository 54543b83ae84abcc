package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Objects;

/**
 * What a query event's statement means for replication: either not a DDL to replicate (with the reason), or
 * the table-level DDL operations it splits into.
 */
public record DdlParseResult(List<DdlStatement> statements, String skipReason) {

    public DdlParseResult {
        statements = List.copyOf(statements);
        if (statements.isEmpty() == (skipReason == null)) {
            throw new IllegalArgumentException("either statements or a skip reason");
        }
    }

    public static DdlParseResult notDdl(String reason) {
        return new DdlParseResult(List.of(), Objects.requireNonNull(reason, "reason"));
    }

    public static DdlParseResult ddl(List<DdlStatement> statements) {
        return new DdlParseResult(statements, null);
    }

    /** Whether the statement is a DDL to replicate. */
    public boolean isDdl() {
        return skipReason == null;
    }
}
