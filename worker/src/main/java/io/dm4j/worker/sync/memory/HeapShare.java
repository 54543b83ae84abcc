package io.dm4j.worker.sync.memory;

/**
 * How many bytes the sync unit's buffers may hold, as a share of the JVM's maximum heap, within fixed limits: enough
 * to keep every queue busy with ordinary rows, small enough that rows of many megabytes (whose statements the JDBC
 * driver copies two or three times while sending) fit in a small heap.
 */
public final class HeapShare {
    private static final long MIB = 1L << 20;

    private HeapShare() {
    }

    /** Changes queued or being committed by the applier: 1/16 of the heap, 4 to 128 MiB. */
    public static long applierBytes() {
        return share(16, 4 * MIB, 128 * MIB);
    }

    /** Events read from the upstream and not yet taken by the sync unit: 1/32 of the heap, 4 to 64 MiB. */
    public static long streamBytes() {
        return share(32, 4 * MIB, 64 * MIB);
    }

    private static long share(int divisor, long min, long max) {
        long heap = Runtime.getRuntime().maxMemory();
        long s = heap == Long.MAX_VALUE ? max : heap / divisor;
        return Math.max(min, Math.min(max, s));
    }
}
