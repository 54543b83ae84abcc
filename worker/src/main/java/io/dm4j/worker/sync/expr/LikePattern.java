package io.dm4j.worker.sync.expr;

/**
 * A LIKE pattern: {@code %} matches any sequence, {@code _} one character, the escape character (default
 * {@code \}) makes the next character literal. Characters compare under the collation (case-insensitively for
 * {@code _ci}); binary strings match byte by byte. Trailing spaces count, as in MySQL.
 */
final class LikePattern {
    private static final int ANY_ONE = -1;
    private static final int ANY_MANY = -2;

    private final int[] pattern;
    private final Collation collation;

    private LikePattern(int[] pattern, Collation collation) {
        this.pattern = pattern;
        this.collation = collation;
    }

    /**
     * @param pattern   the pattern text (for binary matching: one char per byte)
     * @param escape    the escape code point, or -1 for none
     */
    static LikePattern compile(String pattern, int escape, Collation collation) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == escape && i + 1 < cps.length) {
                out[n++] = fold(collation, cps[++i]);
            } else if (c == '%') {
                if (n == 0 || out[n - 1] != ANY_MANY) {
                    out[n++] = ANY_MANY;
                }
            } else if (c == '_') {
                out[n++] = ANY_ONE;
            } else {
                out[n++] = fold(collation, c);
            }
        }
        return new LikePattern(java.util.Arrays.copyOf(out, n), collation);
    }

    private static int fold(Collation c, int cp) {
        return c.binary() ? cp : c.fold(cp);
    }

    boolean matches(String text) {
        int[] t = text.codePoints().toArray();
        int i = 0;
        int p = 0;
        int star = -1;
        int mark = 0;
        while (i < t.length) {
            if (p < pattern.length && (pattern[p] == ANY_ONE
                    || (pattern[p] >= 0 && pattern[p] == fold(collation, t[i])))) {
                i++;
                p++;
            } else if (p < pattern.length && pattern[p] == ANY_MANY) {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_MANY) {
            p++;
        }
        return p == pattern.length;
    }
}
