package io.dm4j.master.check;

import io.dm4j.common.config.ShardMode;
import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code schema_of_shard_tables}: the upstream tables that routes merge into one target table (across all sources)
 * have the same columns in the same order with the same types. A difference fails a pessimistic shard task (its DDL
 * coordination assumes identical shards) and warns otherwise (rows of the odd shard may not fit the target).
 */
final class ShardTablesCheck extends NamedItem {
    ShardTablesCheck() {
        super("schema_of_shard_tables", t -> t.taskMode().hasLoad() || t.taskMode().hasSync());
    }

    @Override
    public void run(CheckContext ctx, Findings out) throws java.sql.SQLException {
        Map<TableId, List<String>> members = new LinkedHashMap<>();
        Map<TableId, Map<String, List<String>>> shapes = new LinkedHashMap<>();
        for (SourceUnderCheck s : ctx.sources()) {
            for (TableInfo t : s.tables()) {
                TableId target = s.target(t.id());
                String who = s.source.sourceId() + ":" + t.id();
                members.computeIfAbsent(target, k -> new ArrayList<>()).add(who);
                shapes.computeIfAbsent(target, k -> new LinkedHashMap<>()).computeIfAbsent(t.shape(), k -> new ArrayList<>()).add(who);
            }
        }
        boolean pessimistic = ctx.task().shardMode() == ShardMode.PESSIMISTIC;
        int merged = 0;
        for (Map.Entry<TableId, Map<String, List<String>>> e : shapes.entrySet()) {
            if (members.get(e.getKey()).size() < 2) {
                continue;
            }
            merged++;
            if (e.getValue().size() > 1) {
                StringBuilder found = new StringBuilder("the tables merged into " + e.getKey() + " differ:");
                e.getValue().forEach((shape, who) -> found.append(" [").append(Items.some(who)).append(": ").append(shape).append(']'));
                String fix = "Make the shard tables identical upstream (same columns, order and types) before starting, or"
                        + " route the odd tables elsewhere.";
                if (pessimistic) {
                    out.fail(name(), "task " + ctx.task().name(), found.toString(), fix);
                } else {
                    out.warn(name(), "task " + ctx.task().name(), found.toString(), fix);
                }
            }
        }
        if (out.results().stream().noneMatch(r -> r.item().equals(name()))) {
            out.success(name(), "task " + ctx.task().name(), merged == 0 ? "no tables are merged"
                    : merged + " merged target table(s), each from identical shards");
        }
    }
}
