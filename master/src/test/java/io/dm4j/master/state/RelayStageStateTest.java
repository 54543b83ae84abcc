package io.dm4j.master.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.message.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay stage per source is a replicated command like the subtask stages: logged, replayed, snapshotted. */
class RelayStageStateTest {
    @TempDir
    Path dir;

    static final List<Command> CMDS = List.of(
            new Command.AddSource("s1", "source-id: s1"),
            new Command.AddSource("s2", "source-id: s2"),
            new Command.SetRelayStage("s1", Stage.RUNNING),
            new Command.SetRelayStage("s2", Stage.RUNNING),
            new Command.SetRelayStage("s1", Stage.PAUSED),
            new Command.SetRelayStage("s2", Stage.STOPPED),
            new Command.SetRelayStage("ghost", Stage.RUNNING));

    @Test
    void setRelayStageSetsAndStoppedRemoves() {
        ClusterState s = StateMachineTest.applyAll(ClusterState.EMPTY, CMDS);
        assertEquals(Map.of("s1", new RelayEntry("s1", Stage.PAUSED)), s.relays(), "s2 stopped; an unknown source gets no entry");
        s = StateMachine.apply(s, new Command.RemoveSource("s1"));
        assertTrue(s.relays().isEmpty(), "removing a source removes its relay stage");
    }

    @Test
    void relayStagesSurviveTheLogAndSnapshots() throws Exception {
        ClusterState direct = StateMachineTest.applyAll(ClusterState.EMPTY, CMDS);
        for (Command c : CMDS) {
            assertEquals(c, ProtoJson.mapper().readValue(ProtoJson.mapper().writeValueAsString(c), Command.class));
        }
        try (StateStore store = StateStore.open(dir, 4)) {
            CMDS.forEach(store::apply); // a snapshot after the fourth command, the rest in the log
        }
        try (StateStore store = StateStore.open(dir, 4)) {
            assertEquals(direct, store.state());
        }
    }

    @Test
    void aSnapshotWrittenBeforeRelayStagesExistedReadsAsNoRelay() throws Exception {
        ClusterState s = StateMachineTest.applyAll(ClusterState.EMPTY, List.of(new Command.AddSource("s1", "y")));
        ObjectNode json = ProtoJson.mapper().valueToTree(s);
        json.remove("relays");
        ClusterState read = ProtoJson.mapper().treeToValue(json, ClusterState.class);
        assertEquals(s, read);
        assertTrue(read.relays().isEmpty());
    }
}
