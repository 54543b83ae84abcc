package io.dm4j.worker.subtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SubTaskTest {
    static final String SOURCE = "source-id: src1\nfrom:\n  host: 127.0.0.1\n  port: 3307\n  user: dm\n  password: dm\n";

    static String task(String mode) {
        return "name: t1\ntask-mode: " + mode + "\ntarget-database:\n  host: 127.0.0.1\n  port: 3308\n  user: dm\n  password: dm\n"
                + "mysql-instances:\n  - source-id: src1\n";
    }

    static SourceConfig source() {
        return SourceConfig.parse(SOURCE, "source.yaml");
    }

    static SubTaskConfig cfg(String mode) {
        return TaskConfig.parse(task(mode), "task.yaml").subTask("src1").withSource(source());
    }

    /** A factory handing out prepared units; records what it made. */
    static final class Units implements UnitFactory {
        final List<FakeUnit> made = new ArrayList<>();
        final List<FakeUnit> next;
        RuntimeException failure;

        Units(FakeUnit... units) {
            this.next = List.of(units);
        }

        @Override
        public List<Unit> create(SubTaskConfig cfg, SourceConfig source, UnitContext ctx) {
            if (failure != null) {
                throw failure;
            }
            made.addAll(next);
            return List.copyOf(next);
        }
    }

    static SubTask subtask(String mode, UnitFactory f) {
        return new SubTask(cfg(mode), source(), f, new UnitContext("w1", false, "", ""));
    }

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void allModeRunsDumpLoadThenSyncAndPausesAndResumes() {
        FakeUnit dump = new FakeUnit(UnitType.DUMP, true);
        FakeUnit load = new FakeUnit(UnitType.LOAD, true);
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false);
        SubTask st = subtask("all", new Units(dump, load, sync));
        assertEquals(Stage.NEW, st.stage());
        st.start();
        await("sync running", () -> sync.processCalls.get() == 1);
        assertEquals(Stage.RUNNING, st.stage());
        assertTrue(dump.closed && load.closed, "finished units are released");
        SubTaskStatus s = st.status();
        assertEquals("Sync", s.unit());
        assertNull(s.result());
        assertEquals("Sync", s.sync().get("unit").asText());
        assertNull(s.dump());

        st.pause();
        assertEquals(Stage.PAUSED, st.stage());
        assertTrue(st.canceled());
        assertEquals(1, sync.pauseCalls.get());
        assertTrue(st.status().result().isCanceled());
        assertFalse(st.pausedByError());

        st.resume();
        await("sync resumed", () -> sync.processCalls.get() == 2);
        assertEquals(Stage.RUNNING, st.stage());
        assertEquals(1, dump.processCalls.get(), "a resume continues with the current unit");

        st.stop();
        assertEquals(Stage.STOPPED, st.stage());
        assertTrue(sync.closed);
    }

    @Test
    void fullModeFinishesAfterLoad() {
        FakeUnit dump = new FakeUnit(UnitType.DUMP, true);
        FakeUnit load = new FakeUnit(UnitType.LOAD, true);
        SubTask st = subtask("full", new Units(dump, load));
        st.start();
        await("finished", () -> st.stage() == Stage.FINISHED);
        SubTaskStatus s = st.status();
        assertEquals("Load", s.unit());
        assertEquals("Load", s.load().get("unit").asText(), "the last unit's status stays visible");
        st.stop();
        assertTrue(load.closed);
    }

    @Test
    void unitErrorPausesWithErrorsAndResumeRetriesTheSameUnit() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false).failingWith(DbErrors.BAD_CONN.error("INSERT"));
        SubTask st = subtask("incremental", new Units(sync));
        st.start();
        await("paused by error", st::pausedByError);
        SubTaskStatus s = st.status();
        assertEquals(Stage.PAUSED, s.stage());
        assertFalse(s.result().isCanceled());
        assertEquals(10002, s.result().errors().get(0).errCode());
        assertEquals("database", s.result().errors().get(0).errClass());
        assertTrue(s.pausedWithErrors());

        st.resume();
        await("running again", () -> sync.processCalls.get() == 2);
        assertEquals(Stage.RUNNING, st.stage());
        st.stop();
    }

    @Test
    void pausingASubtaskPausedByAnErrorMakesItAManualPause() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false).failingWith(DbErrors.BAD_CONN.error("INSERT"));
        SubTask st = subtask("incremental", new Units(sync));
        st.start();
        await("paused by error", st::pausedByError);
        st.pause();
        assertFalse(st.pausedByError(), "auto-resume must leave it alone now");
        assertTrue(st.canceled());
    }

    @Test
    void unitThatCannotBeMadePausesTheSubtaskWithTheError() {
        Units f = new Units();
        f.failure = WorkerErrors.UNIT_NOT_AVAILABLE.error("Dump", "t1", "src1");
        SubTask st = subtask("all", f);
        st.start();
        assertEquals(Stage.PAUSED, st.stage());
        assertTrue(st.errorSummary().contains("unit Dump not available in this build"), st.errorSummary());
        assertEquals(WorkerErrors.UNIT_NOT_AVAILABLE, st.errors().get(0).code());
        assertEquals(40001, st.status().result().errors().get(0).errCode());
    }

    @Test
    void resumeAfterFailedCreationTriesAgain() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false);
        Units f = new Units(sync);
        f.failure = WorkerErrors.UNIT_CREATE_FAILED.error("Sync", "t1", "src1");
        SubTask st = subtask("incremental", f);
        st.start();
        assertEquals(Stage.PAUSED, st.stage());
        f.failure = null;
        st.resume();
        await("running", () -> sync.processCalls.get() == 1);
        st.stop();
    }

    @Test
    void startPausedRunsNothingUntilResumed() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false);
        Units f = new Units(sync);
        SubTask st = subtask("incremental", f);
        st.startPaused();
        assertEquals(Stage.PAUSED, st.stage());
        assertTrue(f.made.isEmpty());
        st.resume();
        await("running", () -> sync.processCalls.get() == 1);
        st.stop();
    }

    @Test
    void brokenSubtaskReportsItsError() {
        SubTask st = SubTask.broken("t1", "src1", WorkerErrors.SUBTASK_CONFIG.error("t1", "src1"));
        assertEquals(Stage.PAUSED, st.stage());
        assertFalse(st.pausedByError(), "a broken configuration is not retried");
        st.resume();
        assertEquals(Stage.PAUSED, st.stage());
        assertEquals(40003, st.status().result().errors().get(0).errCode());
    }
}
