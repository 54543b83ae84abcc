package io.dm4j.common.filter;

import java.util.List;

/**
 * A binlog event filter rule ({@code filters} in task.yaml and source.yaml): which schemas/tables, which event
 * types (DM's names, e.g. {@code insert}, {@code all ddl}, {@code truncate table}), which DDL text patterns.
 */
public record BinlogEventRule(String schemaPattern, String tablePattern, List<String> events,
                              List<String> sqlPatterns, FilterAction action) {
    public BinlogEventRule {
        events = events == null ? List.of() : List.copyOf(events);
        sqlPatterns = sqlPatterns == null ? List.of() : List.copyOf(sqlPatterns);
    }
}
