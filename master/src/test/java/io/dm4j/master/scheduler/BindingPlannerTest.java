package io.dm4j.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.StateMachine;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindingPlannerTest {

    static ClusterState state(Command... cmds) {
        ClusterState s = ClusterState.EMPTY;
        for (Command c : cmds) {
            s = StateMachine.apply(s, c);
        }
        return s;
    }

    @Test
    void unboundSourceGoesToTheFirstFreeLiveWorker() {
        ClusterState s = state(new Command.RegisterWorker("w2", "a", 60), new Command.RegisterWorker("w1", "b", 60),
                new Command.AddSource("s", "y"));
        assertEquals(List.of(new Command.Bind("s", "w1")), BindingPlanner.plan(s, Set.of("w1", "w2")));
        assertEquals(List.of(new Command.Bind("s", "w2")), BindingPlanner.plan(s, Set.of("w2")));
        assertEquals(List.of(), BindingPlanner.plan(s, Set.of()), "no live worker: stays unbound");
    }

    @Test
    void sourceOfAnOfflineWorkerIsRebound() {
        ClusterState s = state(new Command.RegisterWorker("w1", "a", 60), new Command.RegisterWorker("w2", "b", 60),
                new Command.AddSource("s", "y"), new Command.Bind("s", "w1"));
        assertEquals(List.of(new Command.Unbind("s"), new Command.Bind("s", "w2")), BindingPlanner.plan(s, Set.of("w2")));
        assertEquals(List.of(), BindingPlanner.plan(s, Set.of("w1", "w2")), "bound to a live worker: nothing to do");
        assertEquals(List.of(new Command.Unbind("s")), BindingPlanner.plan(s, Set.of()), "no other worker: just unbound");
    }

    @Test
    void lastBoundWorkerIsPreferred() {
        ClusterState s = state(new Command.RegisterWorker("w1", "a", 60), new Command.RegisterWorker("w2", "b", 60),
                new Command.AddSource("s", "y"), new Command.Bind("s", "w2"), new Command.Unbind("s"));
        assertEquals(List.of(new Command.Bind("s", "w2")), BindingPlanner.plan(s, Set.of("w1", "w2")));
    }

    @Test
    void freeWorkersThatAreSomebodysLastBoundAreKeptForThem() {
        // s2 last ran on w1 (now free); a new source s1 should not take w1 while w3 is free
        ClusterState s = state(new Command.RegisterWorker("w1", "a", 60), new Command.RegisterWorker("w3", "c", 60),
                new Command.AddSource("s2", "y"), new Command.Bind("s2", "w1"), new Command.Unbind("s2"),
                new Command.RemoveSource("s2"), new Command.AddSource("s0", "y"));
        assertEquals(List.of(new Command.Bind("s0", "w1")), BindingPlanner.plan(s, Set.of("w1", "w3")),
                "s2 is gone, so its mark went with it");
        ClusterState t = state(new Command.RegisterWorker("w1", "a", 60), new Command.RegisterWorker("w3", "c", 60),
                new Command.AddSource("s2", "y"), new Command.AddSource("s0", "y"), new Command.Bind("s2", "w1"), new Command.Unbind("s2"));
        assertEquals(List.of(new Command.Bind("s0", "w3"), new Command.Bind("s2", "w1")), BindingPlanner.plan(t, Set.of("w1", "w3")));
    }

    @Test
    void oneSourcePerWorker() {
        ClusterState s = state(new Command.RegisterWorker("w1", "a", 60), new Command.AddSource("s1", "y"), new Command.AddSource("s2", "y"));
        assertEquals(List.of(new Command.Bind("s1", "w1")), BindingPlanner.plan(s, Set.of("w1")));
    }

    @Test
    void workerStages() {
        ClusterState s = state(new Command.RegisterWorker("w1", "a", 60), new Command.RegisterWorker("w2", "b", 60),
                new Command.AddSource("s", "y"), new Command.Bind("s", "w1"));
        assertEquals(WorkerStage.BOUND, WorkerStage.of(s, Set.of("w1", "w2"), "w1"));
        assertEquals(WorkerStage.FREE, WorkerStage.of(s, Set.of("w1", "w2"), "w2"));
        assertEquals(WorkerStage.OFFLINE, WorkerStage.of(s, Set.of("w2"), "w1"));
    }
}
