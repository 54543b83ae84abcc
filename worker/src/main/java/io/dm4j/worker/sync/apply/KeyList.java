package io.dm4j.worker.sync.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The causality keys of one change, each once, in the order they were first added. A change has a handful of keys
 * (usually one or two), so a list searched from the start is cheaper than the hash set it replaces, which cost an
 * allocation of several objects and a copy per change on the dispatcher thread; a set indexes the keys only when
 * there are many.
 */
final class KeyList {
    private static final int INDEX_FROM = 8;

    private final ArrayList<String> keys = new ArrayList<>(4);
    private Set<String> index;

    void add(String key) {
        if (index != null) {
            if (index.add(key)) {
                keys.add(key);
            }
            return;
        }
        if (keys.contains(key)) {
            return;
        }
        keys.add(key);
        if (keys.size() == INDEX_FROM) {
            index = new HashSet<>(keys);
        }
    }

    /** The keys, in the order they were first added. */
    List<String> toList() {
        return keys;
    }
}
