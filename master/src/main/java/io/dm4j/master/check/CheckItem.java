package io.dm4j.master.check;

import io.dm4j.common.config.TaskConfig;
import java.sql.SQLException;

/** One precheck item, named as DM names it so that {@code ignore-checking-items} can skip it. */
interface CheckItem {
    String name();

    /** Whether the item matters for this task (e.g. binlog settings only when the task syncs). */
    boolean appliesTo(TaskConfig task);

    /** Adds this item's findings; a query that fails is reported by the caller as a failed finding. */
    void run(CheckContext ctx, Findings out) throws SQLException;
}
