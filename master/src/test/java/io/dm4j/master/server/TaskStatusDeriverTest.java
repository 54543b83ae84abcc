package io.dm4j.master.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dm4j.common.errors.CommonErrors;
import io.dm4j.master.server.TaskStatusDeriver.WithSource;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.ProcessResult;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStatusDeriverTest {
    static final SourceStatus SRC = new SourceStatus("s", "w", null, null);

    static WithSource sub(Stage stage, String unit, ProcessResult result) {
        return new WithSource(new SubTaskStatus("t", stage, unit, result, "", null, null, null, null), SRC);
    }

    static final ProcessResult ERROR = new ProcessResult(false, List.of(ProcessError.of(CommonErrors.UNKNOWN.error("boom"))), null);
    static final ProcessResult CANCELED = new ProcessResult(true, List.of(), null);

    @Test
    void errorWins() {
        assertEquals("Error - Some error occurred in subtask",
                TaskStatusDeriver.derive(List.of(sub(Stage.RUNNING, "Sync", null), sub(Stage.PAUSED, "Sync", ERROR)), 0));
    }

    @Test
    void relayNotRunningUnderRunningSyncIsAnError() {
        SourceStatus relayPaused = new SourceStatus("s", "w", null, JsonNodeFactory.instance.objectNode().put("stage", "Paused"));
        WithSource w = new WithSource(new SubTaskStatus("t", Stage.RUNNING, "Sync", null, "", null, null, null, null), relayPaused);
        assertEquals("Error - Relay status is Paused", TaskStatusDeriver.derive(List.of(w), 0));
    }

    @Test
    void commonStagesPausedAndRunning() {
        assertEquals("New", TaskStatusDeriver.derive(List.of(sub(Stage.NEW, "", null), sub(Stage.NEW, "", null)), 0));
        assertEquals("Finished", TaskStatusDeriver.derive(List.of(sub(Stage.FINISHED, "Load", null)), 0));
        assertEquals("Stopped", TaskStatusDeriver.derive(List.of(sub(Stage.STOPPED, "Sync", null)), 0));
        assertEquals("Paused", TaskStatusDeriver.derive(List.of(sub(Stage.RUNNING, "Sync", null), sub(Stage.PAUSED, "Sync", CANCELED)), 0));
        assertEquals("Running", TaskStatusDeriver.derive(List.of(sub(Stage.RUNNING, "Sync", null), sub(Stage.FINISHED, "Load", null)), 0));
    }

    @Test
    void sourceWithoutAnswerIsReported() {
        assertEquals(TaskStatusDeriver.ERROR_NO_STATUS, TaskStatusDeriver.derive(List.of(sub(Stage.RUNNING, "Sync", null)), 1));
    }
}
