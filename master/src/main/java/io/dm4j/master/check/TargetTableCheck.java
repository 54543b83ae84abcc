package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code target_table_structure} (dm4j's own item): a target table that already exists downstream must have every
 * column of its upstream table (a failure otherwise: rows would be refused); other differences (order, types,
 * extra columns beyond the routes' extracted ones) are warnings. When the task already has checkpoints downstream
 * it resumes, and the binlog between its checkpoint and now may still bring the missing columns: then a missing
 * column is a warning too.
 */
final class TargetTableCheck extends NamedItem {
    TargetTableCheck() {
        super("target_table_structure", ALWAYS);
    }

    @Override
    public void run(CheckContext ctx, Findings out) throws SQLException {
        Map<TableId, TableInfo> upstreamOf = new LinkedHashMap<>();
        Map<TableId, Set<String>> extracted = new LinkedHashMap<>();
        for (SourceUnderCheck s : ctx.sources()) {
            for (TableInfo t : s.tables()) {
                TableId target = s.target(t.id());
                upstreamOf.putIfAbsent(target, t);
                extracted.computeIfAbsent(target, k -> new java.util.HashSet<>())
                        .addAll(s.router.extract(t.id(), s.source.sourceId()).columns().stream().map(Items::lower).toList());
            }
        }
        Set<String> schemas = upstreamOf.keySet().stream().map(TableId::schema).collect(Collectors.toSet());
        List<TableInfo> existing = TableCatalog.load(ctx.target(), schemas, upstreamOf::containsKey);
        String where = ctx.target().label();
        boolean resuming = ctx.resuming();
        int same = 0;
        for (TableInfo down : existing) {
            TableInfo up = upstreamOf.get(down.id());
            Set<String> downCols = down.columns().stream().map(c -> Items.lower(c.name())).collect(Collectors.toSet());
            List<String> missing = up.columns().stream().map(TableInfo.Column::name).filter(c -> !downCols.contains(Items.lower(c))).toList();
            if (!missing.isEmpty()) {
                String found = down.id() + " exists without column(s) " + Items.some(missing) + " of " + up.id();
                String fix = "Drop or alter the target table " + down.id() + " so that it matches " + up.id() + " (" + up.shape() + ").";
                if (resuming) {
                    out.warn(name(), where, found + " (the task resumes from its checkpoint; its binlog may still add them)", fix);
                } else {
                    out.fail(name(), where, found, fix);
                }
                continue;
            }
            String upShape = comparable(up, Set.of());
            String downShape = comparable(down, extracted.getOrDefault(down.id(), Set.of()));
            if (!upShape.equals(downShape)) {
                out.warn(name(), where, down.id() + " exists with a different structure: (" + down.shape() + ") vs upstream "
                        + up.id() + " (" + up.shape() + ")",
                        "Check that every upstream value fits the target columns, or drop the target table so the task creates it.");
            } else {
                same++;
            }
        }
        if (out.results().stream().noneMatch(r -> r.item().equals(name()))) {
            out.success(name(), where, existing.isEmpty() ? "no target table exists yet"
                    : same + " existing target table(s) match their upstream tables");
        }
    }

    /** Column names and types, without integer display widths (MySQL 8 omits them) and the given extra columns. */
    private static String comparable(TableInfo t, Set<String> skip) {
        return t.columns().stream().filter(c -> !skip.contains(Items.lower(c.name())))
                .map(c -> Items.lower(c.name()) + " " + c.type().toLowerCase(Locale.ROOT).replaceAll("^((?:tiny|small|medium|big)?int)\\(\\d+\\)", "$1"))
                .collect(Collectors.joining(", "));
    }
}
