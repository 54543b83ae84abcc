package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskMode;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.dump.DumpMetadata;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.sync.SyncStart;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The production unit factory: the real dump, load and sync units, found through {@link UnitFactories}. A unit that
 * this build lacks makes the subtask pause with "unit X not available in this build".
 */
public final class DefaultUnitFactory implements UnitFactory {

    static {
        UnitFactories.register(UnitType.DUMP, (cfg, source, ctx) -> new DumpUnit(cfg, upstream(source)));
        UnitFactories.register(UnitType.LOAD, (cfg, source, ctx) -> new LoadUnit(cfg,
                DownstreamConfig.forTask(cfg, java.time.ZoneOffset.UTC, cfg.loader().poolSize() + 2)));
        UnitFactories.register(UnitType.SYNC, (cfg, source, ctx) -> ctx.operators() == null && ctx.relay() == null
                ? new SyncUnit(cfg, source, () -> syncStart(cfg, source, ctx))
                : new SyncUnit(cfg, source, () -> syncStart(cfg, source, ctx), ctx.operators() == null
                        ? new io.dm4j.worker.sync.operator.BinlogOperators(cfg.name(), cfg.sourceId(),
                        new io.dm4j.worker.sync.operator.MemoryOperatorStore()) : ctx.operators(), ctx.relay()));
    }

    private static Upstream upstream(SourceConfig source) {
        return Upstream.of(source.from());
    }

    /**
     * Where a sync unit without checkpoint starts: {@code --start-time}; after a full copy, the dump's snapshot
     * (its metadata file stays in the dump directory after the load); else the task's meta or the current position.
     */
    static SyncStart syncStart(SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
        if (ctx.startTime() != null && !ctx.startTime().isBlank()) {
            return SyncStart.at(StartTimes.parse(ctx.startTime(), SyncUnit.zoneOf(cfg.timezone())));
        }
        if (cfg.taskMode().hasLoad()) {
            Path dir = Path.of(cfg.dumpDir());
            try {
                DumpMetadata m = DumpMetadata.read(dir, upstream(source).flavor());
                return SyncStart.afterDump(m.location(), m.exitSafe(), DumpIndex.exists(dir) ? DumpIndex.read(dir).createTableStatements(dir) : java.util.Map.of());
            } catch (java.sql.SQLException e) {
                throw io.dm4j.common.errors.SyncErrors.UNIT_INIT.wrap(e, cfg.name(), cfg.sourceId(),
                        "cannot reach the upstream to read the dump metadata");
            }
        }
        return SyncStart.NONE;
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
        if (ctx.removeMeta() && cfg.taskMode().hasDump()) {
            try {
                // start-task --remove-meta: a fresh full copy, so an earlier dump must not be reused
                io.dm4j.worker.dump.DumpFiles.deleteTree(Path.of(cfg.dumpDir()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot remove the dump directory " + cfg.dumpDir(), e);
            }
        }
        List<UnitType> types = new ArrayList<>(unitsFor(cfg.taskMode()));
        if (cfg.taskMode().hasSync() && types.size() > 1 && SubtaskProgress.syncStarted(cfg)) {
            types.retainAll(List.of(UnitType.SYNC)); // the full copy finished before: resume the sync unit only
        } else if (types.contains(UnitType.LOAD) && types.contains(UnitType.SYNC) && SubtaskProgress.loadFinished(cfg)) {
            types.retainAll(List.of(UnitType.SYNC)); // loaded, killed before the first sync checkpoint: no re-dump
        }
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
            return io.dm4j.worker.copy.OverlappedCopy.join(cfg, units); // the load follows the dump where allowed
        } catch (RuntimeException e) {
            units.forEach(Unit::close);
            throw e;
        }
    }
}
