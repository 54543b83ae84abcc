package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.worker.unit.Unit;
import java.util.List;

/**
 * Makes the units of one subtask, in the order they run (task-mode: all = Dump, Load, Sync; full = Dump, Load;
 * incremental = Sync). Throws a {@link io.dm4j.common.errors.DmException} when a unit cannot be made; the subtask
 * then pauses with that error.
 */
public interface UnitFactory {
    List<Unit> create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx);
}
