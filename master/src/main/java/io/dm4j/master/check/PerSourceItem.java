package io.dm4j.master.check;

import io.dm4j.common.config.TaskConfig;
import java.sql.SQLException;
import java.util.function.Predicate;

/** A check item that looks at each source on its own; a source it cannot query is a failed finding of that source. */
abstract class PerSourceItem extends NamedItem {
    PerSourceItem(String name, Predicate<TaskConfig> appliesTo) {
        super(name, appliesTo);
    }

    interface SourceAction {
        void run(SourceUnderCheck s) throws SQLException;
    }

    @Override
    public void run(CheckContext ctx, Findings out) {
        for (SourceUnderCheck s : ctx.sources()) {
            guarded(s, out, x -> check(x, ctx, out));
        }
    }

    /** Runs {@code action} on one source; a failed query becomes a failed finding of this item for that source. */
    final void guarded(SourceUnderCheck s, Findings out, SourceAction action) {
        try {
            action.run(s);
        } catch (SQLException | NumberFormatException e) {
            out.fail(name(), s.db.label(), "could not check: " + e.getMessage(),
                    "Check that user `" + s.db.user() + "` may read global variables, SHOW GRANTS and information_schema.");
        }
    }

    abstract void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException;
}
