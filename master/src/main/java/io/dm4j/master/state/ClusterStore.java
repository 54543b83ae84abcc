package io.dm4j.master.state;

import java.util.List;

/**
 * Where the master's operations read the cluster state and send their commands. The master's store replicates
 * every command through Raft ({@code io.dm4j.master.ha.RaftStore}); {@link StateStore} is the single-process log
 * of earlier releases, read once to migrate it. New commands only need a {@link Command} record and its case in
 * {@link StateMachine}: every store carries them the same way.
 */
public interface ClusterStore {

    /** The current state (immutable; safe to read from any thread). */
    ClusterState state();

    /** Makes the commands durable, in order, then applies them; returns the state after them. */
    ClusterState apply(List<Command> commands);

    /** Makes one command durable, then applies it. */
    default ClusterState apply(Command command) {
        return apply(List.of(command));
    }
}
