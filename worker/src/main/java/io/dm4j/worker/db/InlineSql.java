package io.dm4j.worker.db;

import io.dm4j.worker.dump.SqlLiterals;
import io.dm4j.worker.dump.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SqlStatement} as plain SQL text, each placeholder replaced by the literal of its parameter, so that
 * several statements can travel to the server in one round trip. A literal means what Connector/J's client-side
 * prepared statement sends for the same parameter, whatever the session's sql_mode (NO_BACKSLASH_ESCAPES or not):
 * <ul>
 *   <li>NULL; integers and decimals as their plain digits ({@code BigDecimal.toPlainString}); FLOAT (widened) and
 *       DOUBLE as Java's shortest round-tripping text, as {@code setDouble} sends them;</li>
 *   <li>text quoted with quotes doubled; text with a backslash, NUL or Ctrl-Z (whose quoted meaning depends on
 *       sql_mode) as {@code _utf8mb4 0x...}, the dump's rule ({@link SqlLiterals}), which the server converts to the
 *       column's character set as it does a quoted utf8mb4 string;</li>
 *   <li>bytes as a hex binary string {@code 0x...} ({@code ''} when empty), byte for byte.</li>
 * </ul>
 * Only the value types the row decoder hands over (plus {@code Integer}) can be inlined, and only into statements
 * with parameters; {@link #canInline} says whether a list of statements can. A {@code ?} inside a back-quoted identifier or a quoted string of the
 * statement text is not a placeholder.
 */
public final class InlineSql {
    private InlineSql() {
    }

    /**
     * Whether the statements are dm4j's own parameterised statements (at least one parameter each: never a text
     * taken from upstream, such as a DDL, whose comments or quoting could swallow what follows it in a
     * multi-statement text) and every parameter has a literal form here.
     */
    public static boolean canInline(List<SqlStatement> statements) {
        for (SqlStatement s : statements) {
            if (s.params().isEmpty()) {
                return false;
            }
            for (Object v : s.params()) {
                if (!inlinable(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inlinable(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d);
        }
        if (v instanceof Float f) {
            return Float.isFinite(f);
        }
        return v == null || v instanceof Long || v instanceof Integer || v instanceof BigInteger
                || v instanceof BigDecimal || v instanceof String || v instanceof byte[];
    }

    /** The statement with its parameters written in. */
    public static String text(SqlStatement s) {
        StringBuilder sb = new StringBuilder(s.sql().length() + 16 * s.params().size());
        append(sb, s);
        return sb.toString();
    }

    /**
     * Appends the statement with its parameters written in.
     *
     * @throws IllegalArgumentException when the number of placeholders and parameters differ, or a parameter has
     *                                  no literal form
     */
    public static void append(StringBuilder out, SqlStatement s) {
        String sql = s.sql();
        List<Object> params = s.params();
        int p = 0;
        int start = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char ch = sql.charAt(i);
            if (ch == '`' || ch == '\'' || ch == '"') {
                i = closing(sql, i, ch);
            } else if (ch == '?') {
                if (p >= params.size()) {
                    throw new IllegalArgumentException("more placeholders than the " + params.size()
                            + " parameters in: " + s.summary(120));
                }
                out.append(sql, start, i);
                literal(out, params.get(p++));
                start = i + 1;
            }
        }
        if (p != params.size()) {
            throw new IllegalArgumentException(params.size() + " parameters for " + p + " placeholders in: "
                    + s.summary(120));
        }
        out.append(sql, start, n);
    }

    /** The index of the quote that closes the one at {@code open} (a doubled quote stays inside). */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length() - 1;
    }

    /** Appends the literal of one parameter value. */
    public static void literal(StringBuilder out, Object v) {
        if (v == null) {
            out.append("NULL");
        } else if (v instanceof String s) {
            text(out, s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Double d && Double.isFinite(d)) {
            out.append(d.doubleValue());
        } else if (v instanceof Float f && Float.isFinite(f)) {
            out.append(f.doubleValue()); // widened exactly, as JdbcValues binds it
        } else if (v instanceof byte[] b) {
            out.append(SqlLiterals.literal(ValueKind.BIT, b));
        } else {
            throw new IllegalArgumentException("no literal form for a " + v.getClass().getName());
        }
    }

    /** Quoted when every character may stand in a quoted literal whatever the sql_mode, else the dump's hex form. */
    private static void text(StringBuilder out, String s) {
        int mark = out.length();
        out.append('\'');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > '\'' && c != '\\' && c < Character.MIN_SURROGATE) {
                continue; // the usual character, decided in one test: this runs for every character of every text value
            }
            if (c == '\\' || c == 0 || c == 0x1a || Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a valid pair stays as it is
                    continue;
                }
                out.setLength(mark);
                out.append(SqlLiterals.literal(ValueKind.JSON, s.getBytes(StandardCharsets.UTF_8)));
                return;
            }
            if (c == '\'') {
                out.append(s, start, i + 1).append('\'');
                start = i + 1;
            }
        }
        out.append(s, start, n).append('\'');
    }
}
