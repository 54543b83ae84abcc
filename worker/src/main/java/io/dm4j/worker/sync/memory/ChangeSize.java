package io.dm4j.worker.sync.memory;

import io.dm4j.worker.sync.model.RowChange;

/** An estimate of the heap a row change holds: its values' payload plus a fixed overhead per value and change. */
public final class ChangeSize {
    private static final long PER_CHANGE = 128;
    private static final long PER_VALUE = 24;

    private ChangeSize() {
    }

    public static long of(RowChange c) {
        return PER_CHANGE + of(c.before()) + of(c.after()) + of(c.extraValues());
    }

    private static long of(Object[] row) {
        if (row == null) {
            return 0;
        }
        long n = 0;
        for (Object v : row) {
            n += PER_VALUE;
            if (v instanceof byte[] b) {
                n += b.length;
            } else if (v instanceof String s) {
                n += 2L * s.length();
            } else if (v != null) {
                n += 16;
            }
        }
        return n;
    }
}
