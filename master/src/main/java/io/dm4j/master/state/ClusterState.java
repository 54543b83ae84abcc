package io.dm4j.master.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the master knows and must not forget, as one immutable value: registered workers, sources, tasks and
 * which worker serves which source. Worker liveness is not here: it is observed, not decided (see the scheduler).
 * Maps are sorted so that equal states compare and serialise equally.
 *
 * @param index      number of the last command applied (0 = empty state)
 * @param bindings   source id → worker name
 * @param lastBound  source id → the worker that served it last (preferred when the source is bound again)
 * @param relays     source id → the desired stage of its relay log (absent = no relay log)
 */
public record ClusterState(long index, Map<String, WorkerEntry> workers, Map<String, SourceEntry> sources,
                           Map<String, TaskEntry> tasks, Map<String, String> bindings, Map<String, String> lastBound,
                           Map<String, RelayEntry> relays) {

    public static final ClusterState EMPTY = new ClusterState(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public ClusterState {
        workers = sorted(workers);
        sources = sorted(sources);
        tasks = sorted(tasks);
        bindings = sorted(bindings);
        lastBound = sorted(lastBound);
        relays = sorted(relays); // null in snapshots written before relay stages existed
    }

    /** A state without relay logs. */
    public ClusterState(long index, Map<String, WorkerEntry> workers, Map<String, SourceEntry> sources,
                        Map<String, TaskEntry> tasks, Map<String, String> bindings, Map<String, String> lastBound) {
        this(index, workers, sources, tasks, bindings, lastBound, Map.of());
    }

    static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(m == null ? new TreeMap<>() : new TreeMap<>(m));
    }

    /** The worker a source is bound to. */
    public Optional<String> workerOf(String sourceId) {
        return Optional.ofNullable(bindings.get(sourceId));
    }

    /** The source a worker serves. */
    public Optional<String> sourceOf(String worker) {
        return bindings.entrySet().stream().filter(e -> e.getValue().equals(worker)).map(Map.Entry::getKey).findFirst();
    }

    /** Names of the tasks with a subtask on the source, sorted. */
    public List<String> tasksOn(String sourceId) {
        return tasks.values().stream().filter(t -> t.subtasks().containsKey(sourceId)).map(TaskEntry::name).toList();
    }
}
