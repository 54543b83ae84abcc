package io.dm4j.master.scheduler;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides bindings from the state and the set of live workers, as DM's scheduler does: a source bound to a worker
 * that is no longer alive is unbound; every unbound source goes to a free live worker, preferring the worker that
 * served it last (its local files and warm caches), else the first free worker by name. One source per worker.
 * Pure: the same inputs always give the same commands.
 */
public final class BindingPlanner {
    private BindingPlanner() {
    }

    public static List<Command> plan(ClusterState state, Set<String> alive) {
        List<Command> out = new ArrayList<>();
        Map<String, String> bindings = new HashMap<>(state.bindings());
        for (Map.Entry<String, String> b : state.bindings().entrySet()) {
            if (!alive.contains(b.getValue()) || !state.workers().containsKey(b.getValue())) {
                out.add(new Command.Unbind(b.getKey()));
                bindings.remove(b.getKey());
            }
        }
        TreeSet<String> free = new TreeSet<>();
        for (String w : state.workers().keySet()) {
            if (alive.contains(w) && !bindings.containsValue(w)) {
                free.add(w);
            }
        }
        for (String source : state.sources().keySet()) {
            if (bindings.containsKey(source) || free.isEmpty()) {
                continue;
            }
            String last = state.lastBound().get(source);
            String pick = last != null && free.contains(last) ? last : preferredFree(state, free);
            free.remove(pick);
            bindings.put(source, pick);
            out.add(new Command.Bind(source, pick));
        }
        return out;
    }

    /** A free worker nobody else counts on as last-bound, else the first by name. */
    private static String preferredFree(ClusterState state, TreeSet<String> free) {
        for (String w : free) {
            if (!state.lastBound().containsValue(w)) {
                return w;
            }
        }
        return free.first();
    }
}
