package io.dm4j.worker.sync;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Replica server ids for binlog connections. A configured {@code server-id} is used as given for the first task of a
 * source; otherwise the id is derived from the source and task names, so it is stable across restarts, within DM's
 * range ([MaxUint32/10, +100000)). Ids are unique within this process: a taken id moves to the next free one.
 */
public final class ServerIds {
    private static final long BASE = 0xFFFF_FFFFL / 10;
    private static final long SPAN = 100_000;
    private static final Set<Long> IN_USE = ConcurrentHashMap.newKeySet();

    private ServerIds() {
    }

    /** Reserves an id for one binlog connection; give it back with {@link #release}. */
    public static long acquire(String sourceId, String taskName, long configured) {
        long id = configured > 0 ? configured : BASE + stableHash(sourceId + "/" + taskName) % SPAN;
        while (!IN_USE.add(id)) {
            id = configured > 0 ? id + 1 : BASE + (id - BASE + 1) % SPAN;
        }
        return id;
    }

    public static void release(long id) {
        IN_USE.remove(id);
    }

    private static long stableHash(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
