package io.dm4j.master.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * A task as stored: the task.yaml text, the name of the file it came from (for messages) and one subtask per source
 * it runs on (a task started with -s runs on some of its sources only).
 */
public record TaskEntry(String name, String yaml, String origin, Map<String, SubTaskEntry> subtasks) {
    public TaskEntry {
        subtasks = ClusterState.sorted(subtasks);
    }

    TaskEntry withSubtasks(Map<String, SubTaskEntry> s) {
        return new TaskEntry(name, yaml, origin, s);
    }

    TaskEntry mapSubtasks(java.util.function.Function<SubTaskEntry, SubTaskEntry> f, java.util.Collection<String> sources) {
        Map<String, SubTaskEntry> out = new TreeMap<>(subtasks);
        for (String s : sources) {
            SubTaskEntry e = out.get(s);
            if (e != null) {
                out.put(s, f.apply(e));
            }
        }
        return withSubtasks(out);
    }
}
