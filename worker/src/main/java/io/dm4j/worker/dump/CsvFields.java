package io.dm4j.worker.dump;

/**
 * Writes column values as CSV fields for {@code LOAD DATA ... CHARACTER SET binary FIELDS TERMINATED BY ','
 * ENCLOSED BY '"' ESCAPED BY '\' LINES TERMINATED BY '\n'} (see {@link #LOAD_DATA_FORMAT}):
 * NULL is an unquoted {@code \N}; every other value is enclosed in double quotes, so the empty string stays
 * distinct from NULL (and an unquoted {@code NULL} word never appears). Bytes are written as stored, in the column's
 * own character set, with {@code \\}, {@code \"}, {@code \0}, {@code \n}, {@code \r} and {@code \Z} escaped, so a
 * raw newline byte only ever ends a row. BIT values are written as hex text (loaded through {@code UNHEX}); FLOAT
 * and DOUBLE as the server's exact double text.
 */
public final class CsvFields {
    /**
     * The LOAD DATA options matching this format; hex literals keep them independent of NO_BACKSLASH_ESCAPES.
     */
    public static final String LOAD_DATA_FORMAT = "CHARACTER SET binary FIELDS TERMINATED BY X'2C' ENCLOSED BY X'22'"
            + " ESCAPED BY X'5C' LINES TERMINATED BY X'0A'";

    /** For each byte, the letter written after a backslash in its place, or 0 when the byte stays as it is. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['"'] = '"';
        ESCAPES[0] = '0';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0x1a] = 'Z';
    }

    private CsvFields() {
    }

    static void append(ByteSink out, ValueKind kind, byte[] v) {
        if (v == null) {
            out.put('\\').put('N');
            return;
        }
        out.put('"');
        if (kind == ValueKind.BIT) {
            out.hex(v);
        } else {
            int start = 0;
            int i = 0;
            int n = v.length;
            while (i < n) {
                i = WordScan.skipCsvPlain(v, i);
                for (int end = Math.min(n, i + 8); i < end; i++) {
                    byte esc = ESCAPES[v[i] & 0xff]; // a table lookup: one load where a switch costs several jumps
                    if (esc != 0) {
                        out.put(v, start, i - start).put('\\').put(esc);
                        start = i + 1;
                    }
                }
            }
            out.put(v, start, n - start);
        }
        out.put('"');
    }

    /** The field text of one value (for tests). */
    public static String field(ValueKind kind, byte[] v) {
        ByteSink s = new ByteSink(16);
        append(s, kind, v);
        return new String(s.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
