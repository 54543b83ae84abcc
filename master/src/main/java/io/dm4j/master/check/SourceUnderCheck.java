package io.dm4j.master.check;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.filter.OnlineDdlRules;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.List;

/** One source of the task under check: its files, its upstream, and the tables the task selects there. */
final class SourceUnderCheck {
    final SourceConfig source;
    final SubTaskConfig subTask;
    final CheckedDb db;
    final TableRouter router;
    final OnlineDdlRules onlineDdl;
    private final BlockAllowList selection;
    private List<TableInfo> tables;

    SourceUnderCheck(SourceConfig source, SubTaskConfig subTask, DbConnector connector) {
        this.source = source;
        this.subTask = subTask;
        this.db = new CheckedDb("source " + source.sourceId() + " (" + source.from().address() + ")", source.from(), "from", connector);
        this.router = TableRouter.create(subTask.routeRules(), subTask.caseSensitive());
        this.selection = BlockAllowList.create(subTask.blockAllowList(), subTask.caseSensitive(), subTask.metaSchema());
        this.onlineDdl = OnlineDdlRules.of(subTask);
    }

    /** The upstream base tables the task replicates: selected by its block-allow-list, not an online DDL tool's. */
    List<TableInfo> tables() throws SQLException {
        if (tables == null) {
            tables = TableCatalog.load(db, selection::keepSchema, t -> selected(t) && !onlineDdl.isToolTable(t));
        }
        return tables;
    }

    /** Whether the task may replicate tables of the schema (false: none of its tables is {@link #selected}). */
    boolean selectedSchema(String schema) {
        return selection.keepSchema(schema);
    }

    boolean selected(TableId table) {
        return selection.keep(table);
    }

    TableId target(TableId upstream) {
        return router.route(upstream);
    }
}
