package io.dm4j.worker.subtask;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the units of one subtask hand to each other, keyed by type: for example the binlog position in the dump's
 * metadata, which the load unit learns and the sync unit starts from when it has no checkpoint yet. One instance per
 * subtask, shared by all its units through {@link UnitContext#handoff()}.
 */
public final class UnitHandoff {
    private final Map<Class<?>, Object> values = new ConcurrentHashMap<>();

    public <T> void put(Class<T> type, T value) {
        values.put(type, value);
    }

    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(values.get(type)));
    }
}
