package io.dm4j.worker.sync.apply;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * DM's causality: every key maps to a group; a change joins the group of its first key already known (its new
 * keys join that group too), so changes that share a key run in one queue, in order. A change whose keys belong
 * to two different groups is a conflict: the caller must wait until every queue has applied everything queued
 * and then {@link #clear()} the map before dispatching it.
 */
final class Causality {
    private final int workerCount;
    private final Map<String, String> groupOfKey = new HashMap<>();

    Causality(int workerCount) {
        if (workerCount <= 0) {
            throw new IllegalArgumentException("worker count must be positive");
        }
        this.workerCount = workerCount;
    }

    /** Whether the keys are already known in two different groups. */
    boolean conflicts(List<String> keys) {
        String seen = null;
        for (String k : keys) {
            String g = groupOfKey.get(k);
            if (g != null) {
                if (seen != null && !seen.equals(g)) {
                    return true;
                }
                seen = g;
            }
        }
        return false;
    }

    /** Records the keys (call after {@link #conflicts} returned false) and returns the group they belong to. */
    String add(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a change has at least one causality key");
        }
        String group = null;
        for (String k : keys) {
            group = groupOfKey.get(k);
            if (group != null) {
                break;
            }
        }
        if (group == null) {
            group = keys.get(0);
        }
        for (String k : keys) {
            groupOfKey.putIfAbsent(k, group);
        }
        return group;
    }

    /** The queue of a group: IEEE CRC32 of its key, modulo the worker count (as DM). */
    int queueOf(String group) {
        CRC32 crc = new CRC32();
        crc.update(group.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % workerCount);
    }

    void clear() {
        groupOfKey.clear();
    }

    int size() {
        return groupOfKey.size();
    }
}
