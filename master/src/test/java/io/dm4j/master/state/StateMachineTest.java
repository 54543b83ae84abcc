package io.dm4j.master.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.TaskCliArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    static List<Command> scenario() {
        Map<String, TaskCliArgs> both = new LinkedHashMap<>();
        both.put("s1", new TaskCliArgs(true, "2021-10-21 00:01:00"));
        both.put("s2", TaskCliArgs.NONE);
        return List.of(
                new Command.RegisterWorker("w1", "h1:8262", 60),
                new Command.RegisterWorker("w2", "h2:8262", 60),
                new Command.AddSource("s1", "source-id: s1"),
                new Command.AddSource("s2", "source-id: s2"),
                new Command.Bind("s1", "w1"),
                new Command.Bind("s2", "w2"),
                new Command.AddTask("t1", "name: t1", "t1.yaml", both, Stage.RUNNING),
                new Command.SetStage("t1", List.of("s2"), Stage.PAUSED),
                new Command.ClearCliArgs("t1", "s1"),
                new Command.Unbind("s2"),
                new Command.Bind("s2", "w1"),
                new Command.RemoveSubTasks("t1", List.of("s1")));
    }

    static ClusterState applyAll(ClusterState s, List<Command> cmds) {
        for (Command c : cmds) {
            s = StateMachine.apply(s, c);
        }
        return s;
    }

    @Test
    void scenarioEndsInTheExpectedState() {
        ClusterState s = applyAll(ClusterState.EMPTY, scenario());
        assertEquals(12, s.index());
        assertEquals(Map.of("s2", "w1"), s.bindings(), "binding s2 to w1 takes w1 away from s1");
        assertEquals(Map.of("s1", "w1", "s2", "w1"), s.lastBound());
        TaskEntry t1 = s.tasks().get("t1");
        assertEquals(List.of("s2"), List.copyOf(t1.subtasks().keySet()));
        assertEquals(Stage.PAUSED, t1.subtasks().get("s2").stage());
        assertEquals(List.of("t1"), s.tasksOn("s2"));
        assertEquals(List.of(), s.tasksOn("s1"));
    }

    @Test
    void replayGivesTheSameState() throws Exception {
        List<Command> cmds = scenario();
        ClusterState direct = applyAll(ClusterState.EMPTY, cmds);
        // through the log format: every command serialised and read back, as a restart does
        List<Command> reread = new ArrayList<>();
        for (Command c : cmds) {
            reread.add(ProtoJson.mapper().readValue(ProtoJson.mapper().writeValueAsString(c), Command.class));
        }
        assertEquals(cmds, reread);
        assertEquals(direct, applyAll(ClusterState.EMPTY, reread));
        // snapshot in the middle, then the rest
        ClusterState half = applyAll(ClusterState.EMPTY, cmds.subList(0, 6));
        ClusterState fromSnapshot = ProtoJson.mapper().readValue(ProtoJson.mapper().writeValueAsString(half), ClusterState.class);
        assertEquals(half, fromSnapshot);
        assertEquals(direct, applyAll(fromSnapshot, cmds.subList(6, cmds.size())));
    }

    @Test
    void randomCommandSequencesReplayDeterministically() throws Exception {
        Random rnd = new Random(42);
        List<String> names = List.of("a", "b", "c");
        for (int round = 0; round < 50; round++) {
            List<Command> cmds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String n = names.get(rnd.nextInt(3));
                String m = names.get(rnd.nextInt(3));
                cmds.add(switch (rnd.nextInt(9)) {
                    case 0 -> new Command.RegisterWorker(n, n + ":1", 1 + rnd.nextInt(60));
                    case 1 -> new Command.RemoveWorker(n);
                    case 2 -> new Command.AddSource(n, "source-id: " + n);
                    case 3 -> new Command.RemoveSource(n);
                    case 4 -> new Command.Bind(n, m);
                    case 5 -> new Command.Unbind(n);
                    case 6 -> new Command.AddTask("t" + n, "name: t" + n, "f", Map.of(m, TaskCliArgs.NONE), Stage.RUNNING);
                    case 7 -> new Command.SetStage("t" + n, List.of(m), rnd.nextBoolean() ? Stage.PAUSED : Stage.RUNNING);
                    default -> new Command.RemoveSubTasks("t" + n, List.of(m));
                });
            }
            ClusterState a = applyAll(ClusterState.EMPTY, cmds);
            ClusterState b = applyAll(ClusterState.EMPTY, cmds);
            assertEquals(a, b);
            String json = ProtoJson.mapper().writeValueAsString(a);
            assertEquals(a, ProtoJson.mapper().readValue(json, ClusterState.class));
            // invariants: one source per worker, bindings only between known sources and workers
            assertEquals(a.bindings().size(), a.bindings().values().stream().distinct().count());
            assertTrue(a.sources().keySet().containsAll(a.bindings().keySet()));
            assertTrue(a.workers().keySet().containsAll(a.bindings().values()));
            a.tasks().values().forEach(t -> assertFalse(t.subtasks().isEmpty(), "a task without subtasks is removed"));
        }
    }

    @Test
    void removingAWorkerDropsItsBindingAndLastBoundMark() {
        ClusterState s = applyAll(ClusterState.EMPTY, List.of(new Command.RegisterWorker("w", "h:1", 5),
                new Command.AddSource("s", "y"), new Command.Bind("s", "w"), new Command.RemoveWorker("w")));
        assertTrue(s.bindings().isEmpty());
        assertTrue(s.lastBound().isEmpty());
    }

    @Test
    void bindToUnknownWorkerOrSourceChangesNothingButTheIndex() {
        ClusterState s = applyAll(ClusterState.EMPTY, List.of(new Command.AddSource("s", "y"), new Command.Bind("s", "ghost")));
        assertTrue(s.bindings().isEmpty());
        assertEquals(2, s.index());
    }
}
