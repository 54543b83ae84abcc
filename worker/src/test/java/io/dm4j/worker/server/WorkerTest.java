package io.dm4j.worker.server;

import static io.dm4j.worker.subtask.SubTaskTestAccess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.Encryptor;
import io.dm4j.common.config.WorkerConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.OperateSubTaskRequest;
import io.dm4j.proto.message.QueryWorkerStatusResponse;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskSpec;
import io.dm4j.proto.message.TaskCliArgs;
import io.dm4j.proto.message.WorkerOpResponse;
import io.dm4j.worker.subtask.SubTaskTestAccess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
    final SubTaskTestAccess.RecordingFactory units = new SubTaskTestAccess.RecordingFactory();
    final Worker worker = new Worker(WorkerConfig.parse("", "(test)", Map.of("name", "w1", "worker-addr", "127.0.0.1:1", "join", "127.0.0.1:2")),
            units, Encryptor.builtIn());

    @AfterEach
    void close() {
        worker.close();
    }

    static SubTaskSpec spec(String task, Stage stage) {
        return new SubTaskSpec(task, "src1", SubTaskTestAccess.task(task, "incremental"), task + ".yaml", stage, TaskCliArgs.NONE);
    }

    BindSourceRequest wish(long rev, SubTaskSpec... specs) {
        return new BindSourceRequest(rev, "src1", SubTaskTestAccess.SOURCE, List.of(specs));
    }

    String stageOf(String task) {
        QueryWorkerStatusResponse r = worker.status(task);
        return r.subTaskStatus().isEmpty() ? "none" : r.subTaskStatus().get(0).stage().label();
    }

    @Test
    void bindStartsSubtasksAndIsIdempotent() {
        WorkerOpResponse r = worker.bind(wish(5, spec("t1", Stage.RUNNING), spec("t2", Stage.PAUSED)));
        assertTrue(r.result(), r.msg());
        assertEquals("src1", worker.sourceId());
        await("t1 running", () -> units.running("t1"));
        assertEquals("Paused", stageOf("t2"));
        assertEquals(1, units.created("t1"));
        worker.bind(wish(6, spec("t1", Stage.RUNNING), spec("t2", Stage.PAUSED)));
        assertEquals(1, units.created("t1"), "the same wish changes nothing");
        QueryWorkerStatusResponse status = worker.status("");
        assertEquals("src1", status.sourceStatus().source());
        assertEquals("w1", status.sourceStatus().worker());
        assertEquals(2, status.subTaskStatus().size());
    }

    @Test
    void changedDesiredStageIsApplied() {
        worker.bind(wish(1, spec("t1", Stage.RUNNING)));
        await("running", () -> units.running("t1"));
        worker.bind(wish(2, spec("t1", Stage.PAUSED)));
        assertEquals("Paused", stageOf("t1"));
        worker.bind(wish(3, spec("t1", Stage.RUNNING)));
        await("running again", () -> "Running".equals(stageOf("t1")));
    }

    @Test
    void olderRevisionIsIgnoredAndMissingSubtaskIsStopped() {
        worker.bind(wish(10, spec("t1", Stage.RUNNING), spec("t2", Stage.RUNNING)));
        WorkerOpResponse old = worker.bind(wish(9));
        assertTrue(old.msg().contains("ignored"));
        assertEquals(2, worker.status("").subTaskStatus().size());
        worker.bind(wish(11, spec("t2", Stage.RUNNING)));
        assertEquals("none", stageOf("t1"));
        assertTrue(units.closed("t1"));
    }

    @Test
    void freeingTheWorkerStopsEverything() {
        worker.bind(wish(1, spec("t1", Stage.RUNNING)));
        await("running", () -> units.running("t1"));
        worker.bind(new BindSourceRequest(2, "", "", List.of()));
        assertFalse(worker.hasWork());
        assertNull(worker.status("").sourceStatus());
        assertTrue(units.closed("t1"));
    }

    @Test
    void explicitOperations() {
        worker.bind(wish(1, spec("t1", Stage.RUNNING)));
        await("running", () -> units.running("t1"));
        assertTrue(worker.operate(new OperateSubTaskRequest(2, "Pause", spec("t1", Stage.PAUSED))).result());
        assertEquals("Paused", stageOf("t1"));
        // the master's next whole wish says Paused too: nothing happens
        worker.bind(wish(3, spec("t1", Stage.PAUSED)));
        assertEquals("Paused", stageOf("t1"));
        assertTrue(worker.operate(new OperateSubTaskRequest(4, "Resume", spec("t1", Stage.RUNNING))).result());
        await("running", () -> "Running".equals(stageOf("t1")));
        assertTrue(worker.operate(new OperateSubTaskRequest(5, "Stop", spec("t1", Stage.RUNNING))).result());
        assertEquals("none", stageOf("t1"));
        assertTrue(worker.operate(new OperateSubTaskRequest(6, "Stop", spec("t1", Stage.RUNNING))).result(), "stopping twice is fine");
        // an operation that overtakes the assignment creates the subtask in the wanted stage
        assertTrue(worker.operate(new OperateSubTaskRequest(7, "Pause", spec("t1", Stage.PAUSED))).result());
        assertEquals("Paused", stageOf("t1"));
        assertEquals(WorkerErrors.BAD_OPERATION, assertThrows(DmException.class,
                () -> worker.operate(new OperateSubTaskRequest(8, "Explode", spec("t1", Stage.PAUSED)))).code());
        SubTaskSpec other = new SubTaskSpec("t9", "other-src", "x", "x", Stage.RUNNING, TaskCliArgs.NONE);
        assertEquals(WorkerErrors.WRONG_SOURCE, assertThrows(DmException.class,
                () -> worker.operate(new OperateSubTaskRequest(7, "Start", other))).code());
    }

    @Test
    void badTaskFileGivesABrokenSubtaskWithTheValidatorsMessage() {
        SubTaskSpec bad = new SubTaskSpec("t1", "src1", "name: t1\nbogus: 1\n", "t1.yaml", Stage.RUNNING, TaskCliArgs.NONE);
        WorkerOpResponse r = worker.bind(wish(1, bad));
        assertFalse(r.result());
        assertTrue(r.subtasks().get(0).msg().contains("bogus"), r.subtasks().get(0).msg());
        assertEquals("Paused", stageOf("t1"));
    }

    @Test
    void closedWorkerRefusesWork() {
        worker.close();
        assertEquals(WorkerErrors.SHUTTING_DOWN, assertThrows(DmException.class, () -> worker.bind(wish(1))).code());
    }

    @Test
    void relayStageFromTheMasterStartsThePausedRelayAndRestartsTheSubtasksOnlyWhenTheRelayComesOrGoes(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path relayDir) {
        try (Worker w = new Worker(WorkerConfig.parse("", "(test)", Map.of("name", "w1", "worker-addr", "127.0.0.1:1",
                "join", "127.0.0.1:2", "relay-dir", relayDir.toString())), units, Encryptor.builtIn())) {
            w.bind(wish(1, spec("t1", Stage.RUNNING)));
            assertEquals(1, units.created("t1"));
            assertTrue(w.relay().isEmpty());
            assertNull(w.status("").sourceStatus().relayStatus());

            // the relay comes (paused, so that no upstream is needed here): the subtask restarts to read it
            w.bind(new BindSourceRequest(2, "src1", SubTaskTestAccess.SOURCE, List.of(spec("t1", Stage.RUNNING)), Stage.PAUSED));
            assertTrue(w.relay().isPresent());
            assertEquals("Paused", w.status("").sourceStatus().relayStatus().get("stage").asText());
            assertEquals(2, units.created("t1"));
            // the same stage again changes nothing
            w.bind(new BindSourceRequest(3, "src1", SubTaskTestAccess.SOURCE, List.of(spec("t1", Stage.RUNNING)), Stage.PAUSED));
            assertEquals(2, units.created("t1"));

            // stop-relay: the relay goes, the subtask restarts to read the upstream again
            w.bind(wish(4, spec("t1", Stage.RUNNING)));
            assertTrue(w.relay().isEmpty());
            assertNull(w.status("").sourceStatus().relayStatus());
            assertEquals(3, units.created("t1"));
        }
    }
}
