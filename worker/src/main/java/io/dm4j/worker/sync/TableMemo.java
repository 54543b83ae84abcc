package io.dm4j.worker.sync;

import io.dm4j.common.model.TableId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function of a table name (block-allow-list and online-DDL rules, routes, extracted columns), so
 * that the regular expressions behind it run once per table, not once per rows event. Holds at most
 * {@code capacity} tables; past that it starts over (a task with more tables than that only loses the saving).
 */
final class TableMemo<V> {
    static final int DEFAULT_CAPACITY = 4096;

    private final Function<TableId, V> compute;
    private final int capacity;
    private final Map<TableId, V> known = new ConcurrentHashMap<>();

    TableMemo(Function<TableId, V> compute) {
        this(compute, DEFAULT_CAPACITY);
    }

    TableMemo(Function<TableId, V> compute, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.compute = compute;
        this.capacity = capacity;
    }

    V get(TableId table) {
        V v = known.get(table);
        if (v == null) {
            v = compute.apply(table);
            if (known.size() >= capacity) {
                known.clear();
            }
            known.put(table, v);
        }
        return v;
    }

    /** Tables remembered now. */
    int size() {
        return known.size();
    }
}
