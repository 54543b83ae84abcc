package io.dm4j.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of this JVM during one replay: the highest heap-used value seen by {@link #sample()} (called every poll)
 * and the highest heap in use right after a garbage collection (the live set, from the collectors' notifications).
 */
final class HeapMeter implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final long gcCountBefore;
    private final long gcMillisBefore;

    /** Collects first, so garbage of earlier phases does not count against this run. */
    HeapMeter() {
        System.gc();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        gcCountBefore = gcCount();
        gcMillisBefore = gcMillis();
        sample();
    }

    void sample() {
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    long peakUsed() {
        return peakUsed.get();
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    long collections() {
        return gcCount() - gcCountBefore;
    }

    long collectionMillis() {
        return gcMillis() - gcMillisBefore;
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            used += u.getUsed();
        }
        long before = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
            before += u.getUsed();
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
        peakUsed.accumulateAndGet(before, Math::max);
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
