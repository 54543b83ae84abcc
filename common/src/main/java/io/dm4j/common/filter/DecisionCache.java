package io.dm4j.common.filter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Remembers per-name decisions so that matching runs once per table, not once per binlog event. Thread-safe.
 * Bounded: when full it starts over, which only costs recomputation.
 */
final class DecisionCache<K, V> {
    static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final AtomicLong computations = new AtomicLong();

    DecisionCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    DecisionCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The cached value, computing it on a miss; a computation that throws caches nothing. */
    V get(K key, Function<K, V> compute) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        value = compute.apply(key);
        computations.incrementAndGet();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        V raced = entries.putIfAbsent(key, value);
        return raced != null ? raced : value;
    }

    /** How many times a value was computed (cache misses). */
    long computations() {
        return computations.get();
    }
}
