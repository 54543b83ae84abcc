package io.dm4j.master.ha;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.StateMachine;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the masters replicate: the cluster state, plus the client address of every master (so that any master can
 * send a request on to the leader), plus what the OpenAPI keeps (created tasks, task templates), so that a new
 * leader serves them. Applying an entry is pure and deterministic, like {@link StateMachine}.
 *
 * @param masters master name → its advertise-addr
 * @param openapi kind ({@link io.dm4j.master.openapi.StoredTexts#TASKS}, {@code TEMPLATES}) → name → text; absent in
 *                snapshots of earlier releases
 */
public record ReplicatedState(ClusterState cluster, Map<String, String> masters, Map<String, Map<String, String>> openapi) {

    public static final ReplicatedState EMPTY = new ReplicatedState(ClusterState.EMPTY, Map.of(), Map.of());

    public ReplicatedState {
        cluster = cluster == null ? ClusterState.EMPTY : cluster;
        masters = Collections.unmodifiableMap(new TreeMap<>(masters == null ? Map.of() : masters));
        Map<String, Map<String, String>> docs = new TreeMap<>();
        if (openapi != null) {
            openapi.forEach((kind, texts) -> docs.put(kind, Collections.unmodifiableMap(new TreeMap<>(texts))));
        }
        openapi = Collections.unmodifiableMap(docs);
    }

    /** The OpenAPI texts of one kind, name → text. */
    public Map<String, String> openapi(String kind) {
        return openapi.getOrDefault(kind, Map.of());
    }

    public ReplicatedState apply(RaftEntry e) {
        if (e instanceof RaftEntry.Commands c) {
            ClusterState s = cluster;
            for (var command : c.commands()) {
                s = StateMachine.apply(s, command);
            }
            return new ReplicatedState(s, masters, openapi);
        }
        if (e instanceof RaftEntry.Restore r) {
            // only into an empty state: replaying the log after a snapshot must not roll the cluster back
            return cluster.index() == 0 ? new ReplicatedState(r.state(), masters, openapi) : this;
        }
        if (e instanceof RaftEntry.MasterAddress m) {
            Map<String, String> next = new TreeMap<>(masters);
            next.put(m.name(), m.clientAddr());
            return new ReplicatedState(cluster, next, openapi);
        }
        if (e instanceof RaftEntry.ForgetMaster f) {
            Map<String, String> next = new TreeMap<>(masters);
            next.remove(f.name());
            return new ReplicatedState(cluster, next, openapi);
        }
        if (e instanceof RaftEntry.OpenApiText t) {
            return withText(t);
        }
        return this; // Barrier
    }

    private ReplicatedState withText(RaftEntry.OpenApiText t) {
        Map<String, String> texts = new TreeMap<>(openapi(t.kind()));
        if (t.text() == null) {
            texts.remove(t.name());
        } else if (t.keepExisting()) {
            texts.putIfAbsent(t.name(), t.text());
        } else {
            texts.put(t.name(), t.text());
        }
        Map<String, Map<String, String>> next = new TreeMap<>(openapi);
        next.put(t.kind(), texts);
        return new ReplicatedState(cluster, masters, next);
    }
}
