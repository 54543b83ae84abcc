package io.dm4j.worker.sync.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the row operations of one downstream transaction into runs that each become one multi-row statement,
 * moving an operation back to an earlier run of its shape (same kind, table and columns) when no operation in
 * between touched any of its causality keys (old and new primary and unique key values). Runs execute in creation
 * order, so every pair of operations that share a key keeps its order, and a unique-key swap still applies; only
 * operations of unrelated rows change places, which the commit of the whole transaction makes invisible.
 *
 * <p>An operation without keys (a table without a usable key) keeps its place: it only joins the last run, and
 * nothing after it moves before it.
 */
final class RunPlanner {
    private RunPlanner() {
    }

    /** What the planner needs to know of an operation. */
    interface Item {
        /** Equal for operations that can share one statement. */
        Object shape();

        /** Causality keys; empty when the row has no key. */
        List<String> keys();

        /** Whether it may share a statement with others of its shape. */
        boolean mergeable();

        int placeholders();

        long paramBytes();
    }

    /** The runs, in execution order; each keeps its operations in their original order. */
    static <T extends Item> List<List<T>> plan(List<T> items, int maxPlaceholders, long maxParamBytes) {
        List<List<T>> runs = new ArrayList<>();
        // per run (there are at most as many runs as operations): its placeholders and parameter bytes
        int[] sizes = new int[items.size()];
        long[] bytes = new long[items.size()];
        // sized for the usual one or two keys per operation, so that the maps never grow while planning
        Map<String, Integer> lastRunOfKey = new HashMap<>(4 * items.size());
        Map<Object, Integer> openRunOfShape = new HashMap<>();
        int floor = 0; // no operation goes into a run before this one
        for (T it : items) {
            List<String> keys = it.keys();
            int dep = keys.isEmpty() ? runs.size() - 1 : floor;
            for (String k : keys) {
                Integer r = lastRunOfKey.get(k);
                if (r != null && r > dep) {
                    dep = r;
                }
            }
            Object shape = it.mergeable() ? it.shape() : null;
            Integer open = shape == null ? null : openRunOfShape.get(shape);
            int placeholders = it.placeholders();
            long paramBytes = it.paramBytes();
            int target;
            if (open != null && open >= dep && sizes[open] + placeholders <= maxPlaceholders
                    && bytes[open] + paramBytes <= maxParamBytes) {
                target = open;
            } else {
                target = runs.size();
                runs.add(new ArrayList<>());
                if (shape != null) {
                    openRunOfShape.put(shape, target);
                }
            }
            runs.get(target).add(it);
            sizes[target] += placeholders;
            bytes[target] += paramBytes;
            Integer boxedTarget = target;
            for (String k : keys) {
                lastRunOfKey.put(k, boxedTarget);
            }
            if (keys.isEmpty()) {
                floor = target;
            }
        }
        return runs;
    }
}
