package io.dm4j.worker.sync.expr;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How strings of one expression compare, reduced to what MySQL collations decide: byte-wise ({@code binary}) or by
 * characters, case- and accent-insensitively for {@code _ci} collations, and whether trailing spaces count
 * ({@code PAD SPACE}: every non-binary collation except MySQL 8's {@code _0900_} and MariaDB's {@code _nopad_} ones).
 *
 * @param coercibility MySQL's coercibility: 0 explicit COLLATE, 2 a column, 4 a literal, 5 a number, 6 NULL; when two
 *                     strings meet, the lower value decides the collation
 */
record Collation(String name, boolean binary, boolean caseInsensitive, boolean accentInsensitive, boolean padSpace,
                 int coercibility) {

    static final int EXPLICIT = 0;
    static final int IMPLICIT = 2;
    static final int COERCIBLE = 4;
    static final int NUMERIC = 5;

    /** String literals: the connection collation of a default MariaDB/MySQL 5.7 session. */
    static final Collation LITERAL = of("utf8mb4_general_ci", COERCIBLE);
    /** Hexadecimal and bit literals, and binary strings made from numbers. */
    static final Collation BINARY_LITERAL = of("binary", COERCIBLE);
    /** Text made from numbers and temporal values. */
    static final Collation NUMBER_TEXT = of("utf8mb4_general_ci", NUMERIC);

    /** A collation by its MySQL name ({@code binary}, {@code utf8mb4_general_ci}, {@code latin1_bin}, ...). */
    static Collation of(String name, int coercibility) {
        String n = name == null ? "binary" : name.toLowerCase(Locale.ROOT);
        boolean binary = n.equals("binary");
        boolean ci = n.endsWith("_ci");
        boolean ai = ci && !n.contains("_as_");
        boolean pad = !binary && !n.contains("_0900_") && !n.contains("nopad");
        return new Collation(n, binary, ci, ai, pad, coercibility);
    }

    Collation withCoercibility(int c) {
        return new Collation(name, binary, caseInsensitive, accentInsensitive, padSpace, c);
    }

    /**
     * The collation two strings compare with: binary beats text, then the lower coercibility wins; two different
     * collations of equal coercibility (MySQL's "illegal mix") use the left one.
     */
    static Collation resolve(Collation a, Collation b) {
        if (a.binary != b.binary) {
            return (a.binary ? a : b).withCoercibility(Math.min(a.coercibility, b.coercibility));
        }
        return b.coercibility < a.coercibility ? b : a;
    }

    /** Compares two texts under this (non-binary) collation; negative, zero or positive. */
    int compare(String a, String b) {
        int la = padSpace ? trimmedLength(a) : a.length();
        int lb = padSpace ? trimmedLength(b) : b.length();
        int i = 0;
        int j = 0;
        while (i < la && j < lb) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            int fa = fold(ca);
            int fb = fold(cb);
            if (fa != fb) {
                return Integer.compare(fa, fb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < la, j < lb);
    }

    /** The character a code point compares as: itself, or its upper-case base letter under a {@code _ci} collation. */
    int fold(int cp) {
        if (!caseInsensitive) {
            return cp;
        }
        int base = cp;
        if (accentInsensitive && cp >= 0xC0) {
            String d = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            base = d.codePointAt(0);
        }
        return Character.toUpperCase(Character.toLowerCase(base));
    }

    private static int trimmedLength(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == ' ') {
            n--;
        }
        return n;
    }
}
