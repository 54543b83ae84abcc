package io.dm4j.master.scheduler;

import io.dm4j.master.state.ClusterState;
import java.util.Set;

/** DM's worker stages as list-member shows them. */
public enum WorkerStage {
    OFFLINE("offline"), FREE("free"), BOUND("bound");

    private final String label;

    WorkerStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static WorkerStage of(ClusterState state, Set<String> alive, String worker) {
        if (!alive.contains(worker)) {
            return OFFLINE;
        }
        return state.sourceOf(worker).isPresent() ? BOUND : FREE;
    }
}
