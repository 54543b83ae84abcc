package io.dm4j.worker.dump;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Skips runs of bytes that need no escaping eight at a time, by testing a whole {@code long} of a value with
 * bit arithmetic instead of looking at each byte (the dump's hottest loops; dm-worker runs with the C1 compiler only,
 * which does not vectorise a per-byte loop). Each test may report a long that needs no work (the caller then looks at
 * its bytes one by one) but never misses one that does. The dump's escaping and the load's statement reader use it.
 */
public final class WordScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private WordScan() {
    }

    /**
     * The index of the first 8-byte block at or after {@code from} that may hold a byte a CSV field escapes
     * (backslash, double quote, NUL, LF, CR, Ctrl-Z), or the index where fewer than 8 bytes remain.
     */
    static int skipCsvPlain(byte[] v, int from) {
        int i = from;
        int last = v.length - 8;
        while (i <= last) {
            long x = (long) LONGS.get(v, i);
            // every byte CSV escapes is below 0x23 ('#') or is the backslash
            if ((below(x, 0x23) | equal(x, 0x5c)) != 0) {
                return i;
            }
            i += 8;
        }
        return i;
    }

    /**
     * The index of the first 8-byte block at or after {@code from} that may hold a byte that is not plain in a quoted
     * SQL literal (quote, backslash, NUL, Ctrl-Z, any byte of 0x80 or more), or the index where fewer than 8 bytes
     * remain.
     */
    static int skipSqlPlain(byte[] v, int from) {
        int i = from;
        int last = v.length - 8;
        while (i <= last) {
            long x = (long) LONGS.get(v, i);
            if (((x & HIGHS) | equal(x, 0) | equal(x, 0x1a) | equal(x, 0x27) | equal(x, 0x5c)) != 0) {
                return i;
            }
            i += 8;
        }
        return i;
    }

    /**
     * The index of the first 8-byte block at or after {@code from} that may hold {@code quote} or a backslash (the bytes
     * that end or escape a run inside a quoted SQL string), or the index where fewer than 8 bytes remain before
     * {@code end}.
     */
    public static int skipQuotedPlain(byte[] v, int from, int end, int quote) {
        int i = from;
        while (i + Long.BYTES <= end) {
            long x = (long) LONGS.get(v, i);
            if ((equal(x, quote) | equal(x, 0x5c)) != 0) {
                return i;
            }
            i += Long.BYTES;
        }
        return i;
    }

    /** Non-zero when some byte of {@code x} below 0x80 is less than {@code n} ({@code n} at most 0x80). */
    private static long below(long x, int n) {
        return (x - ONES * n) & ~x & HIGHS;
    }

    /** Non-zero when some byte of {@code x} equals {@code b} (a byte below 0x80). */
    private static long equal(long x, int b) {
        long y = x ^ (ONES * b);
        return (y - ONES) & ~y & HIGHS;
    }
}
