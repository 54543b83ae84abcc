package io.dm4j.worker.subtask;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** Test helpers shared with other packages: sample files, a fake unit factory. */
public final class SubTaskTestAccess {
    public static final String SOURCE = SubTaskTest.SOURCE;

    private SubTaskTestAccess() {
    }

    public static String task(String name, String mode) {
        return SubTaskTest.task(mode).replace("name: t1", "name: " + name);
    }

    public static void await(String what, BooleanSupplier cond) {
        SubTaskTest.await(what, cond);
    }

    /** Makes one fake sync unit (runs until paused) per subtask and remembers it by task name. */
    public static final class RecordingFactory implements UnitFactory {
        private final Map<String, FakeUnit> units = new ConcurrentHashMap<>();
        private final Map<String, Integer> created = new ConcurrentHashMap<>();

        @Override
        public List<Unit> create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
            FakeUnit u = new FakeUnit(UnitType.SYNC, false);
            units.put(cfg.name(), u);
            created.merge(cfg.name(), 1, Integer::sum);
            return List.of(u);
        }

        public boolean running(String task) {
            FakeUnit u = units.get(task);
            return u != null && u.processCalls.get() > 0;
        }

        public int created(String task) {
            return created.getOrDefault(task, 0);
        }

        public boolean closed(String task) {
            FakeUnit u = units.get(task);
            return u != null && u.closed;
        }
    }
}
