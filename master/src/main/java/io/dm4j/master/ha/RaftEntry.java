package io.dm4j.master.ha;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import java.util.List;

/**
 * One entry of the masters' Raft log, as JSON. Cluster commands travel as {@link Commands} (a batch is one entry, so
 * it is applied all or nothing); the other kinds are the replication's own bookkeeping. Add kinds compatibly, never
 * rename one: the log and the snapshots outlive releases.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RaftEntry.Commands.class, name = "Commands"),
        @JsonSubTypes.Type(value = RaftEntry.Restore.class, name = "Restore"),
        @JsonSubTypes.Type(value = RaftEntry.MasterAddress.class, name = "MasterAddress"),
        @JsonSubTypes.Type(value = RaftEntry.ForgetMaster.class, name = "ForgetMaster"),
        @JsonSubTypes.Type(value = RaftEntry.Barrier.class, name = "Barrier"),
        @JsonSubTypes.Type(value = RaftEntry.OpenApiText.class, name = "OpenApiText"),
})
public sealed interface RaftEntry {

    /** Cluster commands, applied in order by {@link io.dm4j.master.state.StateMachine}. */
    record Commands(List<Command> commands) implements RaftEntry {
    }

    /** The state of a single master of an earlier release, taken over once into an empty replicated state. */
    record Restore(ClusterState state) implements RaftEntry {
    }

    /** Where dmctl and workers reach a master (its advertise-addr): followers forward requests there. */
    record MasterAddress(String name, String clientAddr) implements RaftEntry {
    }

    /** offline-member --master: the master left the group. */
    record ForgetMaster(String name) implements RaftEntry {
    }

    /** Changes nothing: a new leader commits one to know it has applied everything before its term. */
    record Barrier(String leader) implements RaftEntry {
    }

    /**
     * A task created or a template stored through the OpenAPI ({@code text}), or removed ({@code text} null).
     * {@code keepExisting}: only when the name is free (the one-time move of an earlier release's data-dir/openapi).
     */
    record OpenApiText(String kind, String name, String text, boolean keepExisting) implements RaftEntry {
    }
}
