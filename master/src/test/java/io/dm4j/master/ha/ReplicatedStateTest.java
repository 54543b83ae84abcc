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
    void openApiTextsArePutReplacedRemovedAndMigratedOnlyIntoFreeNames() {
        ReplicatedState s = ReplicatedState.EMPTY.apply(new RaftEntry.OpenApiText("templates", "t1", "{\"v\":1}", false))
                .apply(new RaftEntry.OpenApiText("tasks", "t1", "name: t1\n", false))
                .apply(new RaftEntry.OpenApiText("templates", "t1", "{\"v\":2}", false));
        assertEquals(Map.of("t1", "{\"v\":2}"), s.openapi("templates"));
        assertEquals(Map.of("t1", "name: t1\n"), s.openapi("tasks"));
        ReplicatedState migrated = s.apply(new RaftEntry.OpenApiText("templates", "t1", "{\"old\":1}", true))
                .apply(new RaftEntry.OpenApiText("templates", "t2", "{\"old\":2}", true));
        assertEquals(Map.of("t1", "{\"v\":2}", "t2", "{\"old\":2}"), migrated.openapi("templates"), "a stored name wins over the old file");
        assertEquals(Map.of("t2", "{\"old\":2}"), migrated.apply(new RaftEntry.OpenApiText("templates", "t1", null, false)).openapi("templates"));
        assertEquals(Map.of(), migrated.openapi("other"));
    }

    @Test
    void openApiTextsAreInTheSnapshotAndAnOlderSnapshotHasNone() throws Exception {
        RaftEntry e = new RaftEntry.OpenApiText("tasks", "t1", "name: t1\n", false);
        assertEquals(e, JSON.readValue(JSON.writeValueAsBytes(e), RaftEntry.class));
        ReplicatedState s = ReplicatedState.EMPTY.apply(e);
        assertEquals(s, JSON.readValue(JSON.writeValueAsBytes(s), ReplicatedState.class));
        ReplicatedState older = JSON.readValue("{\"cluster\":null,\"masters\":{\"m1\":\"h:1\"}}", ReplicatedState.class);
        assertEquals(Map.of(), older.openapi());
        assertEquals(Map.of("m1", "h:1"), older.masters());
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
