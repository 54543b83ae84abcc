package io.dm4j.worker.sync;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.DdlNameProbe;

/**
 * Decides about a DDL statement without the full parser, so that a statement the task does not replicate can never
 * pause it because the parser cannot read it.
 *
 * <p>Before parsing: a statement a {@code sql-pattern} filter of every schema drops (DM checks these before parsing
 * too), a statement whose names (read by {@link DdlNameProbe}) are all outside the block-allow-list, and, when not
 * even the names can be read, a statement whose query event runs in a schema the task does not replicate, are
 * skipped. After the parser failed: a statement that the filters ({@code events} by the probed type, or
 * {@code sql-pattern}) drop for every named table is skipped. A statement the filters drop but the parser reads is
 * still parsed, so the tracked structure follows it as before.
 */
final class DdlPrefilter {
    private final TableSelection selection;

    DdlPrefilter(TableSelection selection) {
        this.selection = selection;
    }

    /** Why the statement is skipped before parsing, or null when it must be parsed. */
    String skipBeforeParse(String currentSchema, String sql) {
        if (selection.droppedBySqlPattern(sql)) {
            return "dropped by a sql-pattern filter";
        }
        DdlNameProbe.Result probe = DdlNameProbe.probe(currentSchema, sql);
        if (probe.known()) {
            return probe.names().stream().noneMatch(selection::concernsDdl)
                    ? "names only tables the task does not replicate " + probe.names() : null;
        }
        if (currentSchema != null && !currentSchema.isEmpty() && !selection.keep(TableId.schemaOnly(currentSchema))) {
            return "its names cannot be read and its schema `" + currentSchema + "` is not replicated";
        }
        return null;
    }

    /** Why a statement the parser could not read is skipped, or null when the unit must stop on it. */
    String skipUnreadable(String currentSchema, String sql) {
        DdlNameProbe.Result probe = DdlNameProbe.probe(currentSchema, sql);
        if (!probe.known()) {
            return null;
        }
        for (TableId name : probe.names()) {
            if (selection.keep(name) && !selection.filterIgnores(name, probe.eventType(), sql)) {
                return null;
            }
        }
        return "the binlog event filters drop it for " + probe.names();
    }
}
