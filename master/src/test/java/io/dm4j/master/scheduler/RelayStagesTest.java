package io.dm4j.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.RelayStageErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.StateMachine;
import io.dm4j.proto.message.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayStagesTest {

    static ClusterState state(Command... cmds) {
        ClusterState s = ClusterState.EMPTY;
        for (Command c : List.of(new Command.RegisterWorker("w1", "h:1", 60), new Command.RegisterWorker("w2", "h:2", 60),
                new Command.AddSource("s1", "source-id: s1"), new Command.AddSource("s2", "source-id: s2"),
                new Command.Bind("s1", "w1"), new Command.Bind("s2", "w2"))) {
            s = StateMachine.apply(s, c);
        }
        for (Command c : cmds) {
            s = StateMachine.apply(s, c);
        }
        return s;
    }

    static ClusterState run(ClusterState s, String op, List<String> sources, List<String> workers) {
        for (Command c : RelayStages.plan(s, op, sources, workers)) {
            s = StateMachine.apply(s, c);
        }
        return s;
    }

    @Test
    void startPauseResumeStopMoveTheDesiredStage() {
        ClusterState s = state();
        assertEquals(Stage.STOPPED, RelayStages.desired(s, "s1"));
        s = run(s, RelayStages.START, List.of("s1"), List.of());
        assertEquals(Stage.RUNNING, RelayStages.desired(s, "s1"));
        assertEquals(Stage.STOPPED, RelayStages.desired(s, "s2"));
        s = run(s, RelayStages.PAUSE, List.of("s1"), List.of());
        assertEquals(Stage.PAUSED, RelayStages.desired(s, "s1"));
        s = run(s, RelayStages.START, List.of("s1"), List.of());
        assertEquals(Stage.PAUSED, RelayStages.desired(s, "s1"), "start-relay leaves a paused relay paused");
        s = run(s, RelayStages.RESUME, List.of("s1"), List.of());
        assertEquals(Stage.RUNNING, RelayStages.desired(s, "s1"));
        assertTrue(RelayStages.plan(s, RelayStages.START, List.of("s1"), List.of()).isEmpty(), "nothing to change");
        s = run(s, RelayStages.STOP, List.of("s1"), List.of());
        assertEquals(Stage.STOPPED, RelayStages.desired(s, "s1"));
    }

    @Test
    void theWorkerOfTheSourceIsAskedForTheStageAndKeepsItAfterARebind() {
        ClusterState s = run(state(), RelayStages.START, List.of("s1"), List.of());
        assertEquals(Stage.RUNNING, Assignments.forWorker(s, "w1").relayStage());
        assertEquals(Stage.STOPPED, Assignments.forWorker(s, "w2").relayStage());
        // failover: w1 gone, s1 bound to a new worker w3, which gets the same relay stage
        s = StateMachine.apply(s, new Command.RemoveWorker("w1"));
        s = StateMachine.apply(s, new Command.RegisterWorker("w3", "h:3", 60));
        s = StateMachine.apply(s, new Command.Bind("s1", "w3"));
        assertEquals(Stage.RUNNING, Assignments.forWorker(s, "w3").relayStage());
    }

    @Test
    void enableRelayInTheSourceFileStartsTheRelayOnCreateAndStopRelayOverridesIt() {
        assertEquals(List.of(new Command.SetRelayStage("s1", Stage.RUNNING)), RelayStages.onCreate("s1", true));
        assertEquals(List.of(), RelayStages.onCreate("s1", false));
        ClusterState s = state(RelayStages.onCreate("s1", true).toArray(Command[]::new));
        s = run(s, RelayStages.STOP, List.of("s1"), List.of());
        assertEquals(Stage.STOPPED, RelayStages.desired(s, "s1"), "the latest of start-relay/stop-relay wins over enable-relay");
    }

    @Test
    void pauseNeedsRunningAndResumeNeedsPaused() {
        DmException e = assertThrows(DmException.class, () -> RelayStages.plan(state(), RelayStages.PAUSE, List.of("s1"), List.of()));
        assertEquals(RelayStageErrors.INVALID_STAGE_CHANGE, e.code());
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
        ClusterState running = run(state(), RelayStages.START, List.of("s1", "s2"), List.of());
        e = assertThrows(DmException.class, () -> RelayStages.plan(running, RelayStages.RESUME, List.of("s1"), List.of()));
        assertEquals(RelayStageErrors.INVALID_STAGE_CHANGE, e.code());
        // one bad source changes nothing for the others
        ClusterState onePaused = run(running, RelayStages.PAUSE, List.of("s2"), List.of());
        assertThrows(DmException.class, () -> RelayStages.plan(onePaused, RelayStages.PAUSE, List.of("s1", "s2"), List.of()));
    }

    @Test
    void unknownSourcesAndWorkersOfOtherSourcesAreRefused() {
        DmException e = assertThrows(DmException.class, () -> RelayStages.plan(state(), RelayStages.START, List.of("nope"), List.of()));
        assertEquals(MasterErrors.SOURCE_NOT_FOUND, e.code());
        e = assertThrows(DmException.class, () -> RelayStages.plan(state(), RelayStages.START, List.of("s1"), List.of("w2")));
        assertEquals(RelayStageErrors.WORKER_BOUND_ELSEWHERE, e.code());
        assertTrue(e.getMessage().contains("w2 serves s2"), e.getMessage());
        assertEquals(1, RelayStages.plan(state(), RelayStages.START, List.of("s1"), List.of("w1")).size(), "the bound worker is fine");
        assertEquals(MasterErrors.INVALID_OPERATION,
                assertThrows(DmException.class, () -> RelayStages.plan(state(), RelayStages.PAUSE, List.of("s1"), List.of("w1"))).code());
        assertEquals(MasterErrors.INVALID_OPERATION,
                assertThrows(DmException.class, () -> RelayStages.plan(state(), RelayStages.START, List.of(), List.of())).code());
    }
}
