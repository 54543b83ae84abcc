package io.dm4j.master.scheduler;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.SourceEntry;
import io.dm4j.master.state.SubTaskEntry;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.SubTaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the master wants a worker to run, derived from the state. */
public final class Assignments {
    private Assignments() {
    }

    /** The whole wish for a worker: its source and that source's subtasks (or nothing when it is free). */
    public static BindSourceRequest forWorker(ClusterState state, String worker) {
        Optional<String> source = state.sourceOf(worker);
        if (source.isEmpty()) {
            return new BindSourceRequest(state.index(), "", "", List.of());
        }
        SourceEntry src = state.sources().get(source.get());
        List<SubTaskSpec> specs = new ArrayList<>();
        for (TaskEntry t : state.tasks().values()) {
            SubTaskEntry st = t.subtasks().get(src.sourceId());
            if (st != null) {
                specs.add(spec(t, st));
            }
        }
        return new BindSourceRequest(state.index(), src.sourceId(), src.yaml(), specs, RelayStages.desired(state, src.sourceId()));
    }

    public static SubTaskSpec spec(TaskEntry task, SubTaskEntry sub) {
        return new SubTaskSpec(task.name(), sub.source(), task.yaml(), task.origin(), sub.stage(), sub.cliArgs());
    }
}
