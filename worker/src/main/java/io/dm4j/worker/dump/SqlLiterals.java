package io.dm4j.worker.dump;

/**
 * Writes column values as SQL literals that mean exactly the stored bytes whatever the loading session's
 * {@code sql_mode} (with or without NO_BACKSLASH_ESCAPES) and character set, so a dump file is plain UTF-8 text:
 * <ul>
 *   <li>NULL as {@code NULL}; numbers as the server printed them (DOUBLE/FLOAT with an {@code e0} exponent so they
 *       are read as doubles, not as DECIMAL literals);</li>
 *   <li>temporal values quoted, with their fraction, zero dates included;</li>
 *   <li>character data quoted when every byte can appear in a quoted literal unchanged: valid UTF-8 for a UTF-8
 *       column, plain ASCII for other character sets, never a backslash, NUL or Ctrl-Z; quotes doubled;</li>
 *   <li>anything else as a hex literal {@code 0x...}, a binary string the server copies byte for byte into the
 *       column (MySQL JSON gets {@code _utf8mb4 0x...} because it refuses binary strings); BIT and spatial values
 *       always hex; the empty binary string as {@code ''}.</li>
 * </ul>
 */
public final class SqlLiterals {
    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte NEVER = 2;
    private static final byte NON_ASCII = 3;
    /** What each byte is inside a quoted literal: as is, a quote (doubled), never allowed, or part of a multi-byte form. */
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int b = 0x80; b < 0x100; b++) {
            CLASSES[b] = NON_ASCII;
        }
        CLASSES['\''] = QUOTE;
        CLASSES['\\'] = NEVER;
        CLASSES[0] = NEVER;
        CLASSES[0x1a] = NEVER;
    }

    private SqlLiterals() {
    }

    /** Appends the literal of one value ({@code null} = SQL NULL). */
    static void append(ByteSink out, ValueKind kind, byte[] v) {
        if (v == null) {
            out.ascii("NULL");
            return;
        }
        switch (kind) {
            case EXACT_NUMBER -> out.put(v);
            case DOUBLE, FLOAT -> {
                out.put(v);
                if (!hasExponent(v)) {
                    out.ascii("e0");
                }
            }
            case TEMPORAL -> quoted(out, v);
            case TEXT_UTF8 -> textOrHex(out, v, true, "");
            case JSON -> textOrHex(out, v, true, "_utf8mb4 ");
            case TEXT_OTHER, BINARY -> textOrHex(out, v, false, "");
            case BIT, GEOMETRY -> hex(out, v, "");
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    /** Appends a value as the literal a {@code String} value would get in a UTF-8 file (for tests and tools). */
    public static String literal(ValueKind kind, byte[] v) {
        ByteSink s = new ByteSink(v == null ? 4 : v.length * 2 + 8);
        append(s, kind, v);
        return s.toString();
    }

    private static boolean hasExponent(byte[] v) {
        for (byte b : v) {
            if (b == 'e' || b == 'E') {
                return true;
            }
        }
        return false;
    }

    /**
     * The value quoted when it may stand in a quoted literal as it is, else as hex. One pass over the bytes (this is
     * the dump's hottest loop): the quoted form is written while the bytes are checked, and taken back when a byte
     * cannot be quoted.
     */
    private static void textOrHex(ByteSink out, byte[] v, boolean utf8, String introducer) {
        int mark = out.length();
        if (!quotedIfQuotable(out, v, utf8)) {
            out.truncate(mark);
            hex(out, v, introducer);
        }
    }

    /**
     * Writes {@code '...'} with quotes doubled, unless a byte may not stand in a quoted literal as it is: a
     * backslash (its meaning depends on NO_BACKSLASH_ESCAPES), NUL, Ctrl-Z, and non-ASCII bytes unless they form
     * valid UTF-8 and {@code utf8} (the file is UTF-8). Returns false then, having written part of the literal.
     */
    static boolean quotedIfQuotable(ByteSink out, byte[] v, boolean utf8) {
        out.put('\'');
        int start = 0;
        int i = 0;
        int n = v.length;
        while (i < n) {
            if ((i & 7) == 0) {
                i = WordScan.skipSqlPlain(v, i); // whole 8-byte blocks of plain bytes at once
                if (i >= n) {
                    break;
                }
            }
            byte c = CLASSES[v[i] & 0xff]; // one table lookup per byte: the common byte costs a load and a compare
            if (c == PLAIN) {
                i++;
            } else if (c == QUOTE) {
                out.put(v, start, i - start + 1).put('\''); // a quote is doubled
                start = ++i;
            } else if (c == NEVER) {
                return false;
            } else {
                int len = utf8 ? Utf8.sequenceLength(v, i) : -1;
                if (len < 0) {
                    return false;
                }
                i += len;
            }
        }
        out.put(v, start, n - start).put('\'');
        return true;
    }

    private static void quoted(ByteSink out, byte[] v) {
        out.put('\'');
        int start = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == '\'') {
                out.put(v, start, i - start + 1).put('\''); // a quote is doubled
                start = i + 1;
            }
        }
        out.put(v, start, v.length - start).put('\'');
    }

    private static void hex(ByteSink out, byte[] v, String introducer) {
        if (v.length == 0) {
            out.ascii(introducer).ascii("''");
            return;
        }
        out.ascii(introducer).ascii("0x").hex(v);
    }
}
