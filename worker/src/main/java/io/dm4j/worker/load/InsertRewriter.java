package io.dm4j.worker.load;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Turns an {@code INSERT INTO `t` (cols) VALUES (...),(...)} statement of a dump file into the one the target
 * needs: the routed table name, the verb of {@code on-duplicate-logical} ({@code REPLACE INTO},
 * {@code INSERT IGNORE INTO}, {@code INSERT INTO}), and for a merge route with {@code extract-*} rules the extra
 * columns appended to the column list and their values appended to every row. The values are hex literals with a
 * utf8mb4 introducer: no quoting problem whatever the names contain. Row tuples are found by scanning quotes and
 * parentheses, so values themselves are never parsed.
 */
final class InsertRewriter {
    private static final byte[] VALUES = ") VALUES".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;
    private final byte[] defaultColumns;
    private final byte[] extraColumns;
    private final byte[] extraValues;

    /**
     * @param target         the routed table
     * @param mode           what a row with an existing key does
     * @param extract        extracted columns and values ({@link ExtractedColumns#NONE} when none)
     * @param defaultColumns the table's columns, used when a statement has no column list
     */
    InsertRewriter(TableId target, OnDuplicateLogical mode, ExtractedColumns extract, List<String> defaultColumns) {
        String verb = switch (mode) {
            case REPLACE -> "REPLACE INTO ";
            case IGNORE -> "INSERT IGNORE INTO ";
            case ERROR -> "INSERT INTO ";
        };
        this.prefix = utf8(verb + target.quoted() + " (");
        this.defaultColumns = utf8(String.join(",", defaultColumns.stream().map(TableId::quote).toList()));
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < extract.columns().size(); i++) {
            cols.append(',').append(TableId.quote(extract.columns().get(i)));
            vals.append(',').append(utf8Literal(extract.values().get(i)));
        }
        this.extraColumns = utf8(cols.toString());
        this.extraValues = utf8(vals.toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A string as {@code _utf8mb4 X'..'}: exact and safe whatever it contains. */
    static String utf8Literal(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return b.length == 0 ? "_utf8mb4''" : "_utf8mb4 X'" + HexFormat.of().formatHex(b) + "'";
    }

    /** Whether a statement is an INSERT or REPLACE (what data files hold besides session settings). */
    static boolean isInsert(String sql) {
        String head = sql.stripLeading();
        return startsWithWord(head, "INSERT") || startsWithWord(head, "REPLACE");
    }

    /** Whether a statement only sets session state or is a comment ({@code SET ...}, {@code /*!40101 ... *&#47;}). */
    static boolean isSessionSetting(String sql) {
        String head = sql.stripLeading();
        return startsWithWord(head, "SET") || (head.startsWith("/*") && head.endsWith("*/")) || head.isEmpty();
    }

    private static boolean startsWithWord(String s, String word) {
        return s.regionMatches(true, 0, word, 0, word.length())
                && (s.length() == word.length() || !Character.isLetterOrDigit(s.charAt(word.length())));
    }

    /**
     * The rewritten statement.
     *
     * @throws IllegalArgumentException when the text is not an INSERT/REPLACE ... VALUES statement
     */
    String rewrite(String sql) {
        return new String(rewrite(utf8(sql), new byte[0]), StandardCharsets.UTF_8);
    }

    /**
     * The rewritten statement followed by {@code suffix} (e.g. {@code ;COMMIT}), as the bytes to send. Works on the
     * file's bytes (UTF-8 never has an ASCII byte inside a multi-byte character): only the head up to
     * {@code VALUES} is read, the rows are copied as they are (without extract columns, in one array copy), so a
     * megabyte statement is neither decoded nor scanned again.
     *
     * @throws IllegalArgumentException when the text is not an INSERT/REPLACE ... VALUES statement
     */
    byte[] rewrite(byte[] sql, byte[] suffix) {
        Cursor c = new Cursor(sql);
        c.skipSpace();
        if (!c.word("INSERT") && !c.word("REPLACE")) {
            throw new IllegalArgumentException("not an INSERT statement");
        }
        c.skipSpace();
        if (c.word("IGNORE")) {
            c.skipSpace();
        }
        if (c.word("INTO")) {
            c.skipSpace();
        }
        c.identifier();
        c.skipSpace();
        if (c.peek() == '.') {
            c.pos++;
            c.skipSpace();
            c.identifier();
            c.skipSpace();
        }
        byte[] columns = defaultColumns;
        int columnsFrom = 0;
        int columnsTo = defaultColumns.length;
        if (c.peek() == '(') {
            int open = c.pos;
            int close = c.matching(open);
            columns = sql;
            columnsFrom = open + 1;
            columnsTo = close;
            c.pos = close + 1;
            c.skipSpace();
        } else if (columnsTo == 0) {
            throw new IllegalArgumentException("INSERT without a column list");
        }
        if (!c.word("VALUES") && !c.word("VALUE")) {
            throw new IllegalArgumentException("INSERT without VALUES");
        }
        int rows = c.pos;
        int headLength = prefix.length + (columnsTo - columnsFrom) + extraColumns.length + VALUES.length;
        if (extraValues.length == 0) {
            byte[] out = new byte[headLength + (sql.length - rows) + suffix.length];
            int n = put(out, 0, prefix, 0, prefix.length);
            n = put(out, n, columns, columnsFrom, columnsTo);
            n = put(out, n, extraColumns, 0, extraColumns.length);
            n = put(out, n, VALUES, 0, VALUES.length);
            n = put(out, n, sql, rows, sql.length);
            put(out, n, suffix, 0, suffix.length);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(headLength + sql.length + suffix.length
                + (extraValues.length + 1) * 64);
        out.write(prefix, 0, prefix.length);
        out.write(columns, columnsFrom, columnsTo - columnsFrom);
        out.write(extraColumns, 0, extraColumns.length);
        out.write(VALUES, 0, VALUES.length);
        appendRowsWithExtras(sql, rows, out);
        out.write(suffix, 0, suffix.length);
        return out.toByteArray();
    }

    private static int put(byte[] out, int at, byte[] from, int start, int end) {
        System.arraycopy(from, start, out, at, end - start);
        return at + end - start;
    }

    /** Copies the row tuples, putting the extra values before each top-level closing parenthesis. */
    private void appendRowsWithExtras(byte[] sql, int from, ByteArrayOutputStream out) {
        int depth = 0;
        int copied = from;
        int n = sql.length;
        for (int i = from; i < n; i++) {
            byte ch = sql[i];
            if (ch == '\'' || ch == '"' || ch == '`') {
                i = endOfQuoted(sql, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
                if (depth == 0) {
                    out.write(sql, copied, i - copied);
                    out.write(extraValues, 0, extraValues.length);
                    copied = i;
                }
            }
        }
        out.write(sql, copied, n - copied);
    }

    /** Index of the closing quote of the quoted text starting at {@code start}. */
    static int endOfQuoted(byte[] s, int start) {
        return endOfQuoted(i -> s[i], s.length, start);
    }

    /** Index of the closing quote of the quoted text starting at {@code start} (see {@link CreateStatements}). */
    static int endOfQuoted(String s, int start) {
        return endOfQuoted(s::charAt, s.length(), start);
    }

    /** The quote rule for both: backslash escapes (not in backticks) and a doubled quote stands for itself. */
    private static int endOfQuoted(IntUnaryOperator at, int length, int start) {
        int q = at.applyAsInt(start);
        for (int i = start + 1; i < length; i++) {
            int ch = at.applyAsInt(i);
            if (ch == '\\' && q != '`') {
                i++;
            } else if (ch == q) {
                if (i + 1 < length && at.applyAsInt(i + 1) == q) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unterminated quoted text");
    }

    /** Bytes that may continue a word or an unquoted name: ASCII letters, digits, {@code _}, and any non-ASCII. */
    private static boolean isNameByte(int b) {
        return b >= 0x80 || Character.isLetterOrDigit(b) || b == '_';
    }

    /** A small scanner over the statement head. */
    private static final class Cursor {
        final byte[] s;
        int pos;

        Cursor(byte[] s) {
            this.s = s;
        }

        int peek() {
            return pos < s.length ? s[pos] & 0xff : 0;
        }

        boolean startsWith(char a, char b, int at) {
            return at + 1 < s.length && s[at] == a && s[at + 1] == b;
        }

        void skipSpace() {
            while (pos < s.length) {
                int ch = s[pos] & 0xff;
                if (ch < 0x80 && Character.isWhitespace(ch)) {
                    pos++;
                } else if (startsWith('/', '*', pos)) {
                    int end = pos + 2;
                    while (end < s.length && !startsWith('*', '/', end)) {
                        end++;
                    }
                    pos = end < s.length ? end + 2 : s.length;
                } else {
                    return;
                }
            }
        }

        boolean word(String w) {
            int n = w.length();
            if (pos + n > s.length) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (Character.toUpperCase(s[pos + i] & 0xff) != w.charAt(i)) {
                    return false;
                }
            }
            if (pos + n < s.length && isNameByte(s[pos + n] & 0xff)) {
                return false;
            }
            pos += n;
            return true;
        }

        void identifier() {
            if (peek() == '`') {
                pos = endOfQuoted(s, pos) + 1;
                return;
            }
            int start = pos;
            while (pos < s.length && (isNameByte(s[pos] & 0xff) || s[pos] == '$')) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("no table name after INSERT INTO");
            }
        }

        int matching(int open) {
            int depth = 0;
            for (int i = open; i < s.length; i++) {
                byte ch = s[i];
                if (ch == '\'' || ch == '"' || ch == '`') {
                    i = endOfQuoted(s, i);
                } else if (ch == '(') {
                    depth++;
                } else if (ch == ')' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unbalanced parentheses");
        }
    }
}
