package io.dm4j.common.position;

import java.util.Arrays;

/**
 * An immutable, normalized list of inclusive transaction-number intervals: sorted, disjoint and never adjacent
 * ({@code 1-5} and {@code 6-9} are stored as {@code 1-9}). Bounds lie in {@code 1 .. MAX_GNO}.
 */
final class GnoIntervals {

    /** Largest accepted transaction number; one below {@link Long#MAX_VALUE} so {@code end + 1} never overflows. */
    static final long MAX_GNO = Long.MAX_VALUE - 1;

    static final GnoIntervals EMPTY = new GnoIntervals(new long[0]);

    /** start0, end0, start1, end1, ... */
    private final long[] bounds;

    private GnoIntervals(long[] bounds) {
        this.bounds = bounds;
    }

    static GnoIntervals of(long start, long end) {
        return new GnoIntervals(new long[] {start, end});
    }

    /** Normalizes arbitrary pairs (any order, overlapping or adjacent). */
    static GnoIntervals normalize(long[] pairs, int pairCount) {
        if (pairCount == 0) {
            return EMPTY;
        }
        long[][] sorted = new long[pairCount][];
        for (int i = 0; i < pairCount; i++) {
            sorted[i] = new long[] {pairs[2 * i], pairs[2 * i + 1]};
        }
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        Builder out = new Builder(pairCount);
        for (long[] p : sorted) {
            out.append(p[0], p[1]);
        }
        return out.build();
    }

    int size() {
        return bounds.length / 2;
    }

    long start(int i) {
        return bounds[2 * i];
    }

    long end(int i) {
        return bounds[2 * i + 1];
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    boolean contains(long gno) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (gno < start(mid)) {
                hi = mid - 1;
            } else if (gno > end(mid)) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    boolean containsAll(GnoIntervals other) {
        return other.subtract(this).isEmpty();
    }

    /** Adds one number; the common case (the next number after the last interval) costs one array copy. */
    GnoIntervals add(long gno) {
        int n = size();
        if (n > 0 && end(n - 1) + 1 == gno) {
            long[] copy = bounds.clone();
            copy[copy.length - 1] = gno;
            return new GnoIntervals(copy);
        }
        return contains(gno) ? this : union(of(gno, gno));
    }

    GnoIntervals union(GnoIntervals other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder out = new Builder(size() + other.size());
        int i = 0;
        int j = 0;
        while (i < size() || j < other.size()) {
            boolean takeThis = j >= other.size() || (i < size() && start(i) <= other.start(j));
            if (takeThis) {
                out.append(start(i), end(i));
                i++;
            } else {
                out.append(other.start(j), other.end(j));
                j++;
            }
        }
        return out.build();
    }

    GnoIntervals intersect(GnoIntervals other) {
        Builder out = new Builder(Math.min(size(), other.size()) + 1);
        int i = 0;
        int j = 0;
        while (i < size() && j < other.size()) {
            long lo = Math.max(start(i), other.start(j));
            long hi = Math.min(end(i), other.end(j));
            if (lo <= hi) {
                out.append(lo, hi);
            }
            if (end(i) < other.end(j)) {
                i++;
            } else {
                j++;
            }
        }
        return out.build();
    }

    GnoIntervals subtract(GnoIntervals other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        Builder out = new Builder(size() + other.size());
        int j = 0;
        for (int i = 0; i < size(); i++) {
            long cur = start(i);
            long end = end(i);
            while (j < other.size() && other.end(j) < cur) {
                j++;
            }
            int k = j;
            while (cur <= end && k < other.size() && other.start(k) <= end) {
                if (other.start(k) > cur) {
                    out.append(cur, other.start(k) - 1);
                }
                cur = Math.max(cur, other.end(k) + 1);
                k++;
            }
            if (cur <= end) {
                out.append(cur, end);
            }
        }
        return out.build();
    }

    /** Appends the intervals in MySQL text form: {@code 1-5:7:9-12}. */
    void appendTo(StringBuilder sb) {
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(start(i));
            if (end(i) != start(i)) {
                sb.append('-').append(end(i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GnoIntervals other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** Collects intervals given in ascending start order, merging overlapping and adjacent ones. */
    private static final class Builder {
        private long[] buf;
        private int len;

        Builder(int expectedPairs) {
            buf = new long[Math.max(2, expectedPairs * 2)];
        }

        void append(long start, long end) {
            if (len > 0 && start <= buf[len - 1] + 1) {
                buf[len - 1] = Math.max(buf[len - 1], end);
                return;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = start;
            buf[len++] = end;
        }

        GnoIntervals build() {
            return len == 0 ? EMPTY : new GnoIntervals(Arrays.copyOf(buf, len));
        }
    }
}
