package io.dm4j.worker.sync;

import java.time.Clock;

/** Rows per second since start and over the last interval, for query-status ({@code totalRps}, {@code recentRps}). */
final class RateMeter {
    private static final long RECENT_WINDOW_MS = 10_000;

    private final Clock clock;
    private final long startMs;
    private long total;
    private long windowStartMs;
    private long windowCount;
    private volatile long recentRate;

    RateMeter(Clock clock) {
        this.clock = clock;
        this.startMs = clock.millis();
        this.windowStartMs = startMs;
    }

    synchronized void add(long n) {
        total += n;
        windowCount += n;
        long now = clock.millis();
        if (now - windowStartMs >= RECENT_WINDOW_MS) {
            recentRate = windowCount * 1000 / (now - windowStartMs);
            windowStartMs = now;
            windowCount = 0;
        }
    }

    synchronized long totalRate() {
        long elapsed = Math.max(1, clock.millis() - startMs);
        return total * 1000 / elapsed;
    }

    long recentRate() {
        return recentRate;
    }
}
