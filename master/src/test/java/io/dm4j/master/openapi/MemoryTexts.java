package io.dm4j.master.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link StoredTexts} in memory, for tests of the OpenAPI without a Raft group. */
final class MemoryTexts implements StoredTexts {
    private final Map<String, String> texts = new TreeMap<>();

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(texts.get(name));
    }

    @Override
    public void put(String name, String text) {
        texts.put(name, text);
    }

    @Override
    public boolean delete(String name) {
        return texts.remove(name) != null;
    }

    @Override
    public List<String> names() {
        return List.copyOf(texts.keySet());
    }
}
