package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code online_ddl}: with {@code online-ddl: true}, no online schema change (a gh-ost or pt-osc ghost table of a
 * replicated table) is in progress at a task's first start. The ghost table's ALTERs ran before the start point,
 * so the sync unit could not record them and the cut-over would leave the downstream table unchanged. A task that
 * resumes from its checkpoints recorded them in {@code {task}_onlineddl} and is not affected.
 */
final class OnlineDdlCheck extends PerSourceItem {
    OnlineDdlCheck() {
        super("online_ddl", t -> t.onlineDdl());
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        List<String> inProgress = new ArrayList<>();
        for (TableInfo t : TableCatalog.load(s.db, s::selectedSchema, // a ghost table is in its real table's schema
                id -> s.onlineDdl.realOfGhost(id).filter(s::selected).isPresent())) {
            TableId real = s.onlineDdl.realOfGhost(t.id()).orElseThrow();
            inProgress.add(t.id() + " (for " + real + ")");
        }
        if (inProgress.isEmpty()) {
            out.success(name(), s.db.label(), "no online schema change in progress");
        } else if (ctx.resuming()) {
            out.success(name(), s.db.label(), "online schema change(s) in progress, recorded by the running task: " + Items.some(inProgress));
        } else {
            out.fail(name(), s.db.label(), "online schema change(s) in progress: ghost table(s) " + Items.some(inProgress),
                    "Start the task after the change finished (or drop a ghost table left by an aborted run); its ALTERs"
                            + " made before the start would not reach the downstream table.");
        }
    }
}
