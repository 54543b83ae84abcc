package io.dm4j.worker.subtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.TaskMode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitFactoriesTest {

    @Test
    void unitsFollowTheTaskMode() {
        assertEquals(List.of(UnitType.DUMP, UnitType.LOAD, UnitType.SYNC), DefaultUnitFactory.unitsFor(TaskMode.ALL));
        assertEquals(List.of(UnitType.DUMP, UnitType.LOAD), DefaultUnitFactory.unitsFor(TaskMode.FULL));
        assertEquals(List.of(UnitType.SYNC), DefaultUnitFactory.unitsFor(TaskMode.INCREMENTAL));
        assertEquals(List.of(UnitType.LOAD, UnitType.SYNC), DefaultUnitFactory.unitsFor(TaskMode.LOAD_SYNC));
    }

    @Test
    void missingUnitIsReportedClearly() {
        // RELAY has neither a registration nor a class in this build
        assertTrue(UnitFactories.lookup(UnitType.RELAY).isEmpty());
        if (!UnitFactories.available(UnitType.DUMP)) {
            DmException e = assertThrows(DmException.class,
                    () -> new DefaultUnitFactory().create(SubTaskTest.cfg("all"), SubTaskTest.source(), new UnitContext("w", false, "", "")));
            assertEquals(WorkerErrors.UNIT_NOT_AVAILABLE, e.code());
            assertTrue(e.getMessage().contains("unit Dump not available in this build"), e.getMessage());
        }
    }

    @Test
    void registeredCreatorIsUsed() {
        FakeUnit made = new FakeUnit(UnitType.CHECK, true);
        UnitFactories.register(UnitType.CHECK, (cfg, source, ctx) -> made);
        Unit u = UnitFactories.lookup(UnitType.CHECK).orElseThrow().create(SubTaskTest.cfg("all"), SubTaskTest.source(),
                new UnitContext("w", false, "", ""));
        assertSame(made, u);
    }
}
