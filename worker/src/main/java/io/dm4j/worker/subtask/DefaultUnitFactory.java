package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskMode;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.worker.sync.SyncStart;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.util.ArrayList;
import java.util.List;

/**
 * The production unit factory: the real dump, load and sync units, found through {@link UnitFactories}. A unit that
 * this build lacks makes the subtask pause with "unit X not available in this build".
 */
public final class DefaultUnitFactory implements UnitFactory {

    static {
        // The units of one subtask share ctx.handoff(): the load unit puts the dump's start point there.
        UnitFactories.register(UnitType.SYNC, (cfg, source, ctx) -> new SyncUnit(cfg, source, () -> syncStart(cfg, ctx)));
    }

    /** Where a sync unit without checkpoint starts: --start-time, else the full copy's snapshot, else meta/current. */
    static SyncStart syncStart(SubTaskConfig cfg, UnitContext ctx) {
        if (ctx.startTime() != null && !ctx.startTime().isBlank()) {
            return SyncStart.at(StartTimes.parse(ctx.startTime(), SyncUnit.zoneOf(cfg.timezone())));
        }
        return ctx.handoff().get(SyncStart.class).orElse(SyncStart.NONE);
    }

    /** The units of a task-mode, in run order. */
    public static List<UnitType> unitsFor(TaskMode mode) {
        List<UnitType> out = new ArrayList<>();
        if (mode.hasDump()) {
            out.add(UnitType.DUMP);
        }
        if (mode.hasLoad()) {
            out.add(UnitType.LOAD);
        }
        if (mode.hasSync()) {
            out.add(UnitType.SYNC);
        }
        return out;
    }

    /** Whether every unit of the mode is in this build. */
    public static boolean supports(TaskMode mode) {
        return unitsFor(mode).stream().allMatch(UnitFactories::available);
    }

    @Override
    public List<Unit> create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
        List<UnitType> types = unitsFor(cfg.taskMode());
        for (UnitType t : types) {
            if (!UnitFactories.available(t)) {
                throw WorkerErrors.UNIT_NOT_AVAILABLE.error(t.label(), cfg.name(), cfg.sourceId());
            }
        }
        List<Unit> units = new ArrayList<>();
        try {
            for (UnitType t : types) {
                units.add(UnitFactories.lookup(t).orElseThrow().create(cfg, source, ctx));
            }
            return units;
        } catch (RuntimeException e) {
            units.forEach(Unit::close);
            throw e;
        }
    }
}
