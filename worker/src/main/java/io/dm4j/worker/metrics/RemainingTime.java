package io.dm4j.worker.metrics;

import io.dm4j.common.position.BinlogPosition;
import java.util.OptionalDouble;

/**
 * DM's {@code dm_syncer_remaining_time}: seconds until the sync unit reaches the upstream's newest position, from
 * the binlog bytes still to apply and the rate the applied position advanced at between two scrapes. Computed at
 * scrape time only. Unknown (no value) while the two positions are in different binlog files (the sizes of the files
 * between are not known here) or while no rate was measured yet.
 */
final class RemainingTime {
    private BinlogPosition lastApplied;
    private long lastMillis;
    private double bytesPerSecond;

    synchronized OptionalDouble estimate(BinlogPosition upstream, BinlogPosition applied, long nowMillis) {
        if (lastApplied != null && lastApplied.fileIndex() == applied.fileIndex() && applied.pos() >= lastApplied.pos()
                && nowMillis > lastMillis) {
            bytesPerSecond = (applied.pos() - lastApplied.pos()) * 1000.0 / (nowMillis - lastMillis);
        }
        lastApplied = applied;
        lastMillis = nowMillis;
        if (applied.compareTo(upstream) >= 0) {
            return OptionalDouble.of(0);
        }
        if (applied.fileIndex() != upstream.fileIndex() || bytesPerSecond <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((upstream.pos() - applied.pos()) / bytesPerSecond);
    }
}
