package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.worker.unit.Unit;

/** Makes one unit of a subtask, e.g. {@code SyncUnit::new} for a constructor with these three parameters. */
@FunctionalInterface
public interface UnitCreator {
    Unit create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx);
}
