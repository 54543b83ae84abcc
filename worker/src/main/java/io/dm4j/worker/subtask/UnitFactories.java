package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the real units come from. A unit is found, in order: registered with {@link #register} (one line per unit,
 * e.g. {@code UnitFactories.register(UnitType.SYNC, SyncUnit::new)} in {@link DefaultUnitFactory}); else a class with
 * the conventional name ({@link #CONVENTIONAL_CLASSES}) and a public constructor
 * {@code (SubTaskConfig, SourceConfig, UnitContext)}; else it is not available in this build.
 */
public final class UnitFactories {
    /** The class each unit is looked up under when nobody registered it. */
    public static final Map<UnitType, String> CONVENTIONAL_CLASSES = Map.of(
            UnitType.DUMP, "io.dm4j.worker.dump.DumpUnit",
            UnitType.LOAD, "io.dm4j.worker.load.LoadUnit",
            UnitType.SYNC, "io.dm4j.worker.sync.SyncUnit",
            UnitType.RELAY, "io.dm4j.worker.relay.RelayUnit");

    private static final Map<UnitType, UnitCreator> REGISTERED = new ConcurrentHashMap<>();

    private UnitFactories() {
    }

    public static void register(UnitType type, UnitCreator creator) {
        REGISTERED.put(type, creator);
    }

    /** How to make units of this type in this build, if at all. */
    public static Optional<UnitCreator> lookup(UnitType type) {
        UnitCreator c = REGISTERED.get(type);
        if (c != null) {
            return Optional.of(c);
        }
        String cls = CONVENTIONAL_CLASSES.get(type);
        if (cls == null) {
            return Optional.empty();
        }
        try {
            Class<?> k = Class.forName(cls, true, UnitFactories.class.getClassLoader());
            if (!Unit.class.isAssignableFrom(k)) {
                return Optional.empty();
            }
            Constructor<?> ctor = k.getConstructor(SubTaskConfig.class, SourceConfig.class, UnitContext.class);
            return Optional.of((cfg, source, ctx) -> instantiate(type, ctor, cfg, source, ctx));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    public static boolean available(UnitType type) {
        return lookup(type).isPresent();
    }

    private static Unit instantiate(UnitType type, Constructor<?> ctor, SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
        try {
            return (Unit) ctor.newInstance(cfg, source, ctx);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw WorkerErrors.UNIT_CREATE_FAILED.wrap(cause, type.label(), cfg.name(), cfg.sourceId());
        } catch (ReflectiveOperationException e) {
            throw WorkerErrors.UNIT_CREATE_FAILED.wrap(e, type.label(), cfg.name(), cfg.sourceId());
        }
    }
}
