package io.dm4j.bench;

import java.util.List;

/**
 * One replay of the workload's binlog range.
 *
 * @param seconds     from the start of the replay until the downstream had every change
 * @param differences tables whose contents differ from the upstream's afterwards (empty: identical)
 * @param cpu         CPU seconds of this JVM and of the two servers during the replay
 * @param heap        heap use of the JVM during a dm4j run; null for the native replica
 * @param detail      what the replayer reported (applied rows, transactions ...), for the log
 */
record RunResult(String variant, double seconds, long rowChanges, List<String> differences, CpuMeter.Cpu cpu,
                 Heap heap, String detail) {

    record Heap(long peakUsed, long peakAfterGc, long max, long collections, long collectionMillis) {
    }

    double rowsPerSecond() {
        return rowChanges / seconds;
    }

    boolean identical() {
        return differences.isEmpty();
    }
}
