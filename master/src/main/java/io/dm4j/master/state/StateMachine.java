package io.dm4j.master.state;

import io.dm4j.master.state.Command.AddSource;
import io.dm4j.master.state.Command.AddTask;
import io.dm4j.master.state.Command.Bind;
import io.dm4j.master.state.Command.ClearCliArgs;
import io.dm4j.master.state.Command.RegisterWorker;
import io.dm4j.master.state.Command.RemoveSource;
import io.dm4j.master.state.Command.RemoveSubTasks;
import io.dm4j.master.state.Command.RemoveWorker;
import io.dm4j.master.state.Command.SetRelayStage;
import io.dm4j.master.state.Command.SetStage;
import io.dm4j.master.state.Command.Unbind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies commands to the cluster state. Pure and deterministic: the same commands on the same state always give the
 * same state (no clock, no randomness, no I/O), which is what makes replaying the log safe. Checks that a request
 * makes sense happen before a command is issued; here a command that no longer fits (e.g. unbinding an unbound
 * source) changes nothing.
 */
public final class StateMachine {
    private StateMachine() {
    }

    public static ClusterState apply(ClusterState s, Command c) {
        Map<String, WorkerEntry> workers = new HashMap<>(s.workers());
        Map<String, SourceEntry> sources = new HashMap<>(s.sources());
        Map<String, TaskEntry> tasks = new HashMap<>(s.tasks());
        Map<String, String> bindings = new HashMap<>(s.bindings());
        Map<String, String> lastBound = new HashMap<>(s.lastBound());
        Map<String, RelayEntry> relays = new HashMap<>(s.relays());
        if (c instanceof RegisterWorker r) {
            workers.put(r.name(), new WorkerEntry(r.name(), r.address(), r.keepaliveTtlSeconds()));
        } else if (c instanceof RemoveWorker r) {
            workers.remove(r.name());
            bindings.values().removeIf(w -> w.equals(r.name()));
            lastBound.values().removeIf(w -> w.equals(r.name()));
        } else if (c instanceof AddSource a) {
            sources.put(a.sourceId(), new SourceEntry(a.sourceId(), a.yaml()));
        } else if (c instanceof RemoveSource r) {
            sources.remove(r.sourceId());
            relays.remove(r.sourceId());
            bindings.remove(r.sourceId());
            lastBound.remove(r.sourceId());
        } else if (c instanceof Bind b) {
            if (sources.containsKey(b.sourceId()) && workers.containsKey(b.worker())) {
                bindings.values().removeIf(w -> w.equals(b.worker()));
                bindings.put(b.sourceId(), b.worker());
                lastBound.put(b.sourceId(), b.worker());
            }
        } else if (c instanceof Unbind u) {
            bindings.remove(u.sourceId());
        } else if (c instanceof AddTask a) {
            TaskEntry existing = tasks.get(a.name());
            Map<String, SubTaskEntry> subtasks = new TreeMap<>(existing == null ? Map.of() : existing.subtasks());
            a.sources().forEach((src, args) -> subtasks.put(src, new SubTaskEntry(src, a.stage(), args)));
            tasks.put(a.name(), new TaskEntry(a.name(), a.yaml(), a.origin(), subtasks));
        } else if (c instanceof SetStage st) {
            TaskEntry t = tasks.get(st.task());
            if (t != null) {
                tasks.put(st.task(), t.mapSubtasks(e -> e.withStage(st.stage()), st.sources()));
            }
        } else if (c instanceof RemoveSubTasks r) {
            TaskEntry t = tasks.get(r.task());
            if (t != null) {
                Map<String, SubTaskEntry> left = new TreeMap<>(t.subtasks());
                List.copyOf(r.sources()).forEach(left::remove);
                if (left.isEmpty()) {
                    tasks.remove(r.task());
                } else {
                    tasks.put(r.task(), t.withSubtasks(left));
                }
            }
        } else if (c instanceof ClearCliArgs cl) {
            TaskEntry t = tasks.get(cl.task());
            if (t != null) {
                tasks.put(cl.task(), t.mapSubtasks(SubTaskEntry::withoutCliArgs, List.of(cl.source())));
            }
        } else if (c instanceof SetRelayStage r) {
            RelayStageRule.apply(relays, sources.keySet(), r);
        } else {
            throw new IllegalArgumentException("unknown command " + c);
        }
        return new ClusterState(s.index() + 1, workers, sources, tasks, bindings, lastBound, relays);
    }
}
