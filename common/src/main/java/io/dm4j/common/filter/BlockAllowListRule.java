package io.dm4j.common.filter;

import java.util.List;

/**
 * A {@code block-allow-list} (legacy {@code black-white-list}) rule: schema and table patterns to keep or drop.
 * Patterns starting with {@code ~} are regular expressions, others are wildcards.
 */
public record BlockAllowListRule(List<String> doDbs, List<String> ignoreDbs, List<TableRef> doTables,
                                 List<TableRef> ignoreTables) {
    public BlockAllowListRule {
        doDbs = doDbs == null ? List.of() : List.copyOf(doDbs);
        ignoreDbs = ignoreDbs == null ? List.of() : List.copyOf(ignoreDbs);
        doTables = doTables == null ? List.of() : List.copyOf(doTables);
        ignoreTables = ignoreTables == null ? List.of() : List.copyOf(ignoreTables);
    }

    /** The rule that keeps everything (no task rule given). */
    public static BlockAllowListRule allowAll() {
        return new BlockAllowListRule(null, null, null, null);
    }
}
