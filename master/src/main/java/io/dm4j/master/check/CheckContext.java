package io.dm4j.master.check;

import io.dm4j.common.config.TaskConfig;
import java.util.List;

/** What the check items look at: the task, each of its sources with its upstream, and the downstream. */
record CheckContext(TaskConfig task, List<SourceUnderCheck> sources, CheckedDb target) {
}
