package io.dm4j.master.ha;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.StateMachine;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the masters replicate: the cluster state, plus the client address of every master (so that any master can
 * send a request on to the leader). Applying an entry is pure and deterministic, like {@link StateMachine}.
 *
 * @param masters master name → its advertise-addr
 */
public record ReplicatedState(ClusterState cluster, Map<String, String> masters) {

    public static final ReplicatedState EMPTY = new ReplicatedState(ClusterState.EMPTY, Map.of());

    public ReplicatedState {
        cluster = cluster == null ? ClusterState.EMPTY : cluster;
        masters = java.util.Collections.unmodifiableMap(new TreeMap<>(masters == null ? Map.of() : masters));
    }

    public ReplicatedState apply(RaftEntry e) {
        if (e instanceof RaftEntry.Commands c) {
            ClusterState s = cluster;
            for (var command : c.commands()) {
                s = StateMachine.apply(s, command);
            }
            return new ReplicatedState(s, masters);
        }
        if (e instanceof RaftEntry.Restore r) {
            // only into an empty state: replaying the log after a snapshot must not roll the cluster back
            return cluster.index() == 0 ? new ReplicatedState(r.state(), masters) : this;
        }
        if (e instanceof RaftEntry.MasterAddress m) {
            Map<String, String> next = new TreeMap<>(masters);
            next.put(m.name(), m.clientAddr());
            return new ReplicatedState(cluster, next);
        }
        if (e instanceof RaftEntry.ForgetMaster f) {
            Map<String, String> next = new TreeMap<>(masters);
            next.remove(f.name());
            return new ReplicatedState(cluster, next);
        }
        return this; // Barrier
    }
}
