package io.dm4j.worker.subtask.simulated;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import io.dm4j.worker.subtask.UnitContext;
import io.dm4j.worker.subtask.UnitFactory;
import io.dm4j.worker.unit.Unit;
import java.time.Duration;
import java.util.List;

/**
 * Units that imitate dump, load and sync by comparing whole tables (see {@link SimulatedUnit}), run by
 * {@link SimulatedWorkerMain} so that the control plane can be exercised end to end without the real units. Test
 * code only.
 */
public final class SimulatedUnitFactory implements UnitFactory {
    private final Duration poll;

    public SimulatedUnitFactory(Duration poll) {
        this.poll = poll;
    }

    @Override
    public List<Unit> create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
        TableCopier copier = new TableCopier(cfg, source.from());
        return DefaultUnitFactory.unitsFor(cfg.taskMode()).stream()
                .<Unit>map(t -> new SimulatedUnit(t, copier, poll)).toList();
    }
}
