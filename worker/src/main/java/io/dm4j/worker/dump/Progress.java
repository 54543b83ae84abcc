package io.dm4j.worker.dump;

import java.util.Locale;

/** Formatting shared by the dump and load status records. */
public final class Progress {
    private Progress() {
    }

    /** DM's percentage text, {@code "30.52 %"}; 100 % when finished, 0 % when the total is unknown. */
    public static String percent(long done, long total, boolean finished) {
        if (finished) {
            return "100.00 %";
        }
        if (total <= 0) {
            return "0.00 %";
        }
        double p = Math.min(100.0, done * 100.0 / total);
        return String.format(Locale.ROOT, "%.2f %%", p);
    }

    /** Average bytes per second since {@code startNanos} (0 before any time has passed). */
    public static long bytesPerSecond(long bytes, long startNanos, long endNanos) {
        if (startNanos == 0) {
            return 0;
        }
        long elapsed = (endNanos == 0 ? System.nanoTime() : endNanos) - startNanos;
        return elapsed <= 0 ? 0 : (long) (bytes / (elapsed / 1e9));
    }

    /** Seconds left at the current rate; -1 when the rate or the remaining amount is unknown, 0 when done. */
    public static long etaSeconds(long done, long total, long perSecond, boolean finished) {
        if (finished) {
            return 0;
        }
        if (perSecond <= 0 || total <= 0) {
            return -1;
        }
        return Math.max(0, (total - done) / perSecond);
    }
}
