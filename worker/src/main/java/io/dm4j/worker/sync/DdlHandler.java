package io.dm4j.worker.sync;

import io.dm4j.common.errors.DdlErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.daemon.LogRedaction;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.schema.SchemaTracker;
import io.dm4j.worker.sync.ddl.DdlAlreadyDone;
import io.dm4j.worker.sync.ddl.DdlOperation;
import io.dm4j.worker.sync.ddl.DdlParseResult;
import io.dm4j.worker.sync.ddl.DdlParser;
import io.dm4j.worker.sync.ddl.DdlStatement;
import io.dm4j.worker.sync.onlineddl.OnlineDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DDL path of the sync unit: parse the query event, keep what the block-allow-list and filters keep, route every
 * name, execute downstream, and evolve the tracked structures. The caller drains the DML queues before and flushes
 * the checkpoint after.
 */
final class DdlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DdlHandler.class);

    private final DdlParser parser;
    private final TableSelection selection;
    private final DdlPrefilter prefilter;
    private final SchemaTracker tracker;
    private final Downstream downstream;
    private final OnlineDdl onlineDdl;

    DdlHandler(DdlParser parser, TableSelection selection, SchemaTracker tracker, Downstream downstream, OnlineDdl onlineDdl) {
        this.parser = parser;
        this.selection = selection;
        this.prefilter = new DdlPrefilter(selection);
        this.tracker = tracker;
        this.downstream = downstream;
        this.onlineDdl = onlineDdl;
    }

    /** What a query event asks for, before anything is executed. */
    record Plan(List<DdlStatement> statements) {
        boolean isEmpty() {
            return statements.isEmpty();
        }
    }

    /** Parses the statement and keeps the parts that concern replicated tables; empty when nothing is to be done. */
    Plan plan(String currentSchema, String sql) {
        String skip = prefilter.skipBeforeParse(currentSchema, sql);
        if (skip != null) {
            LOG.info("DDL not replicated ({}): {}", skip, LogRedaction.sql(sql));
            return new Plan(List.of());
        }
        DdlParseResult parsed;
        try {
            parsed = parser.parse(currentSchema, sql);
        } catch (DmException e) {
            skip = DdlErrors.PARSE_DDL.equals(e.code()) ? prefilter.skipUnreadable(currentSchema, sql) : null;
            if (skip == null) {
                throw e;
            }
            LOG.warn("DDL the parser cannot read is skipped ({}): {}", skip, LogRedaction.sql(sql));
            return new Plan(List.of());
        }
        if (!parsed.isDdl()) {
            LOG.debug("not replicated ({}): {}", parsed.skipReason(), LogRedaction.sql(sql));
            return new Plan(List.of());
        }
        List<DdlStatement> kept = new ArrayList<>();
        for (DdlStatement ddl : onlineDdl.rewrite(parsed.statements(), selection::keep, q -> parser.parse("", q).statements())) {
            if (ddl.tables().stream().anyMatch(selection::keep)) {
                kept.add(ddl);
            }
        }
        return new Plan(kept);
    }

    /**
     * Executes the plan downstream (unless a filter ignores a statement) and applies it to the tracker.
     *
     * @param safeMode       the event may have been applied before an unclean stop: "already exists/does not exist"
     *                       errors are taken as done
     * @param changedTables  told every table whose tracked structure changed or disappeared
     */
    void execute(Plan plan, String currentSchema, Location at, boolean safeMode, Consumer<TableId> changedTables) {
        for (DdlStatement ddl : plan.statements()) {
            TableId subject = ddl.table();
            FilterAction action = selection.decideDdl(subject, ddl.eventType().label(), ddl.originalSql(), at);
            if (action == FilterAction.DO) {
                String sql = ddl.render(selection::route);
                executeDownstream(sql, at, safeMode);
            } else {
                LOG.info("DDL ignored by binlog event filter at {}: {}", at, LogRedaction.sql(ddl.originalSql()));
            }
            boolean known = subject.isSchemaOnly() || tracker.get(subject) != null
                    || ddl.operation() instanceof DdlOperation.CreateTable;
            if (known) {
                tracker.apply(currentSchema, ddl);
            }
            ddl.tables().forEach(changedTables);
        }
        onlineDdl.applied();
    }

    private void executeDownstream(String sql, Location at, boolean safeMode) {
        try (Connection c = downstream.connection(); Statement st = c.createStatement()) {
            LOG.info("executing DDL at {}: {}", at, LogRedaction.sql(sql));
            st.execute(sql);
        } catch (SQLException e) {
            if (DdlAlreadyDone.means(e, safeMode)) {
                LOG.warn("DDL at {} is already applied downstream ({}); going on: {}", at, e.getMessage(), LogRedaction.sql(sql));
                return;
            }
            throw SyncErrors.DDL_EXECUTE.wrap(e, at, LogRedaction.sql(sql));
        }
    }
}
