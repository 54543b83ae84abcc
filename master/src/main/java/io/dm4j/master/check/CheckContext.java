package io.dm4j.master.check;

import io.dm4j.common.config.TaskConfig;
import java.sql.SQLException;
import java.util.List;

/** What the check items look at: the task, each of its sources with its upstream, and the downstream. */
record CheckContext(TaskConfig task, List<SourceUnderCheck> sources, CheckedDb target) {
    /** Whether the task's checkpoint tables exist in its meta-schema downstream (a restart, not a first start). */
    boolean resuming() throws SQLException {
        String name = task.name();
        return !target.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?)",
                task.metaSchema(), name + "_syncer_checkpoint", name + "_loader_checkpoint").isEmpty();
    }
}
