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
 * Units that imitate dump, load and sync by comparing whole tables (see {@link SimulatedUnit}). Selected with
 * {@code -Ddm4j.units=simulated} (or {@code DM4J_UNITS=simulated}) so that the control plane can be exercised end to
 * end before, or without, the real units; never for production.
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
