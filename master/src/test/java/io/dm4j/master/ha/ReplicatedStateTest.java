package io.dm4j.master.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.StateMachine;
import io.dm4j.proto.ProtoJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicatedStateTest {
    static final ObjectMapper JSON = ProtoJson.mapper();

    @Test
    void commandsApplyInOrderAsTheStateMachineDoes() {
        List<Command> cmds = List.of(new Command.AddSource("s1", "y"), new Command.RegisterWorker("w1", "a:1", 10), new Command.Bind("s1", "w1"));
        ReplicatedState s = ReplicatedState.EMPTY.apply(new RaftEntry.Commands(cmds));
        ClusterState expected = ClusterState.EMPTY;
        for (Command c : cmds) {
            expected = StateMachine.apply(expected, c);
        }
        assertEquals(expected, s.cluster());
        assertEquals(s, s.apply(new RaftEntry.Barrier("m1")));
    }

    @Test
    void restoreOnlyFillsAnEmptyState() {
        ClusterState old = StateMachine.apply(ClusterState.EMPTY, new Command.AddSource("old", "y"));
        ReplicatedState restored = ReplicatedState.EMPTY.apply(new RaftEntry.Restore(old));
        assertEquals(old, restored.cluster());
        ReplicatedState later = restored.apply(new RaftEntry.Commands(List.of(new Command.AddSource("new", "y"))));
        assertEquals(later, later.apply(new RaftEntry.Restore(old)), "a replayed Restore must not roll the state back");
    }

    @Test
    void mastersAddressesAreKeptAndForgotten() {
        ReplicatedState s = ReplicatedState.EMPTY.apply(new RaftEntry.MasterAddress("m1", "h1:8261"))
                .apply(new RaftEntry.MasterAddress("m2", "h2:8261")).apply(new RaftEntry.MasterAddress("m1", "h9:8261"));
        assertEquals(Map.of("m1", "h9:8261", "m2", "h2:8261"), s.masters());
        assertEquals(Map.of("m2", "h2:8261"), s.apply(new RaftEntry.ForgetMaster("m1")).masters());
    }

    @Test
    void entriesAndStatesSurviveTheirJsonForm() throws Exception {
        RaftEntry e = new RaftEntry.Commands(List.of(new Command.SetStage("t", List.of("s1"), io.dm4j.proto.message.Stage.PAUSED)));
        assertEquals(e, JSON.readValue(JSON.writeValueAsBytes(e), RaftEntry.class));
        ReplicatedState s = ReplicatedState.EMPTY.apply(e).apply(new RaftEntry.MasterAddress("m1", "h:1"));
        assertEquals(s, JSON.readValue(JSON.writeValueAsBytes(s), ReplicatedState.class));
    }

    @Test
    void initialClusterIsParsedWithClearErrors() {
        assertEquals(Map.of("m1", "10.0.0.1:8291", "m2", "10.0.0.2:8291"),
                PeerUrls.initialCluster("m1=http://10.0.0.1:8291, m2=10.0.0.2:8291"));
        for (String bad : List.of("", "m1", "m1=http://h", "m1=http://h:1,m1=http://g:1", "m1=h:1,m2=h:1", "m1=h:99999")) {
            DmException e = assertThrows(DmException.class, () -> PeerUrls.initialCluster(bad), bad);
            assertEquals(HaErrors.BAD_INITIAL_CLUSTER, e.code());
        }
    }
}
