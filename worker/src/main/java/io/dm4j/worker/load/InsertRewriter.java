package io.dm4j.worker.load;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns an {@code INSERT INTO `t` (cols) VALUES (...),(...)} statement of a dump file into the one the target
 * needs: the routed table name, the verb of {@code on-duplicate-logical} ({@code REPLACE INTO},
 * {@code INSERT IGNORE INTO}, {@code INSERT INTO}), and for a merge route with {@code extract-*} rules the extra
 * columns appended to the column list and their values appended to every row. The values are hex literals with a
 * utf8mb4 introducer: no quoting problem whatever the names contain. Row tuples are found by scanning quotes and
 * parentheses, so values themselves are never parsed.
 */
final class InsertRewriter {
    private final String prefix;
    private final List<String> defaultColumns;
    private final String extraColumns;
    private final String extraValues;

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
        this.prefix = verb + target.quoted() + " (";
        this.defaultColumns = List.copyOf(defaultColumns);
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < extract.columns().size(); i++) {
            cols.append(',').append(TableId.quote(extract.columns().get(i)));
            vals.append(',').append(utf8Literal(extract.values().get(i)));
        }
        this.extraColumns = cols.toString();
        this.extraValues = vals.toString();
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
        return rewrite(sql, "");
    }

    /**
     * The rewritten statement followed by {@code suffix} (e.g. {@code ;COMMIT}), built in one buffer: statements are
     * up to a megabyte, and a second copy of one is garbage.
     *
     * @throws IllegalArgumentException when the text is not an INSERT/REPLACE ... VALUES statement
     */
    String rewrite(String sql, String suffix) {
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
        String columns;
        if (c.peek() == '(') {
            int open = c.pos;
            int close = c.matching(open);
            columns = sql.substring(open + 1, close);
            c.pos = close + 1;
            c.skipSpace();
        } else {
            columns = String.join(",", defaultColumns.stream().map(TableId::quote).toList());
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("INSERT without a column list");
            }
        }
        if (!c.word("VALUES") && !c.word("VALUE")) {
            throw new IllegalArgumentException("INSERT without VALUES");
        }
        StringBuilder out = new StringBuilder(sql.length() + suffix.length() + 64 + (extraValues.length() + 1) * 64);
        out.append(prefix).append(columns).append(extraColumns).append(") VALUES");
        if (extraValues.isEmpty()) {
            out.append(sql, c.pos, sql.length());
        } else {
            appendRowsWithExtras(sql, c.pos, out);
        }
        return out.append(suffix).toString();
    }

    /** Copies the row tuples, putting the extra values before each top-level closing parenthesis. */
    private void appendRowsWithExtras(String sql, int from, StringBuilder out) {
        int depth = 0;
        int copied = from;
        int n = sql.length();
        for (int i = from; i < n; i++) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                i = endOfQuoted(sql, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
                if (depth == 0) {
                    out.append(sql, copied, i).append(extraValues);
                    copied = i;
                }
            }
        }
        out.append(sql, copied, n);
    }

    /** Index of the closing quote of the quoted text starting at {@code start}. */
    static int endOfQuoted(String s, int start) {
        char q = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && q != '`') {
                i++;
            } else if (ch == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unterminated quoted text");
    }

    /** A small scanner over the statement head. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (Character.isWhitespace(ch)) {
                    pos++;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        boolean word(String w) {
            if (s.regionMatches(true, pos, w, 0, w.length())
                    && (pos + w.length() == s.length() || !Character.isLetterOrDigit(s.charAt(pos + w.length()))
                    && s.charAt(pos + w.length()) != '_')) {
                pos += w.length();
                return true;
            }
            return false;
        }

        void identifier() {
            if (peek() == '`') {
                pos = endOfQuoted(s, pos) + 1;
                return;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '$')) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("no table name after INSERT INTO");
            }
        }

        int matching(int open) {
            int depth = 0;
            for (int i = open; i < s.length(); i++) {
                char ch = s.charAt(i);
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
