package io.dm4j.worker.sync;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.filter.BinlogEventFilter;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.filter.EventType;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.filter.OnlineDdlRules;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.model.ChangeType;

/** A subtask's block-allow-list, binlog event filters and routes, applied the way the sync unit needs them. */
final class TableSelection {
    private final BlockAllowList blockAllowList;
    private final BinlogEventFilter filter;
    private final TableRouter router;
    private final String sourceId;
    private final OnlineDdlRules onlineDdl;
    // per rows event the sync unit asks these for the same few tables; the rules are fixed for the task's life
    private final TableMemo<Boolean> kept = new TableMemo<>(this::computeKeep);
    private final TableMemo<TableId> routes;
    private final TableMemo<ExtractedColumns> extracted;

    TableSelection(SubTaskConfig task) {
        this.blockAllowList = BlockAllowList.create(task.blockAllowList(), task.caseSensitive(), task.metaSchema());
        this.filter = BinlogEventFilter.create(task.filterRules(), task.caseSensitive());
        this.router = TableRouter.create(task.routeRules(), task.caseSensitive());
        this.sourceId = task.sourceId();
        this.onlineDdl = OnlineDdlRules.of(task);
        this.routes = new TableMemo<>(router::route);
        this.extracted = new TableMemo<>(t -> router.extract(t, sourceId));
    }

    /** Whether the task replicates the table (or schema); an online DDL tool's ghost and trash tables never. */
    boolean keep(TableId table) {
        return kept.get(table);
    }

    private boolean computeKeep(TableId table) {
        return table.isSchemaOnly() ? blockAllowList.keepSchema(table.schema())
                : blockAllowList.keep(table) && !onlineDdl.isToolTable(table);
    }

    /**
     * Whether a DDL naming this table must reach the parser: a replicated table, or an online DDL tool's ghost or
     * trash table, whose statements are recorded for (or rewritten onto) the real table.
     */
    boolean concernsDdl(TableId table) {
        return keep(table) || !table.isSchemaOnly() && onlineDdl.isToolTable(table);
    }

    /** The filter decision for row events; an Error rule stops the unit. */
    FilterAction decideRows(TableId table, ChangeType kind, Location at) {
        EventType type = switch (kind) {
            case INSERT -> EventType.INSERT;
            case UPDATE -> EventType.UPDATE;
            case DELETE -> EventType.DELETE;
        };
        return checked(filter.decide(table, type, null), type.toString(), table, at);
    }

    /** The filter decision for a DDL of the given DM event name and text. */
    FilterAction decideDdl(TableId table, String eventName, String sql, Location at) {
        EventType type = EventType.parse(eventName);
        return checked(filter.decide(table, type, sql), sql, table, at);
    }

    /**
     * Whether a {@code sql-pattern} rule that applies to every schema drops the statement; checked before the
     * statement is parsed, as DM does.
     */
    boolean droppedBySqlPattern(String sql) {
        return filter.decideStatement(sql) == FilterAction.IGNORE;
    }

    /**
     * Whether the filters ignore a DDL of the given DM event name (null when unknown: only sql-pattern applies)
     * on {@code table}; an Error verdict is not "ignored".
     */
    boolean filterIgnores(TableId table, String eventName, String sql) {
        EventType type = eventName == null ? null : EventType.parse(eventName);
        return filter.decide(table, type, sql) == FilterAction.IGNORE;
    }

    private static FilterAction checked(FilterAction action, String what, TableId table, Location at) {
        if (action == FilterAction.ERROR) {
            throw SyncErrors.FILTER_ERROR.error(what, table, at);
        }
        return action;
    }

    TableId route(TableId source) {
        return routes.get(source);
    }

    ExtractedColumns extract(TableId source) {
        return extracted.get(source);
    }
}
