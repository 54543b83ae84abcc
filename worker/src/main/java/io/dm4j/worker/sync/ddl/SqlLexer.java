package io.dm4j.worker.sync.ddl;

import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one MySQL/MariaDB statement into tokens, keeping their offsets so names can be replaced in the
 * original text. Comments ({@code -- }, {@code #}, {@code /* *}{@code /}) are dropped; the content of
 * executable comments ({@code /*!50100 ... *}{@code /}, MariaDB's {@code /*M!100100 ... *}{@code /}) is
 * tokenized as ordinary text because the server runs it. Strings follow the default sql_mode: backslash
 * escapes and doubled quotes; double quotes delimit strings (ANSI_QUOTES is not supported).
 */
public final class SqlLexer {

    /** Tokens plus the places where executable comments open or close (text ranges must not cut them). */
    public record Result(List<SqlToken> tokens, List<Integer> commentMarks) {
    }

    private final String sql;
    private int pos;
    private int executableDepth;
    private final List<SqlToken> tokens = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    public static List<SqlToken> tokenize(String sql) {
        return lex(sql).tokens();
    }

    public static Result lex(String sql) {
        SqlLexer l = new SqlLexer(sql);
        l.run();
        return new Result(List.copyOf(l.tokens), List.copyOf(l.marks));
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                skipLine();
            } else if (c == '-' && startsWith("--") && (pos + 2 >= n || Character.isWhitespace(sql.charAt(pos + 2)))) {
                skipLine();
            } else if (c == '/' && startsWith("/*")) {
                comment();
            } else if (c == '*' && executableDepth > 0 && startsWith("*/")) {
                marks.add(pos);
                executableDepth--;
                pos += 2;
            } else if (c == '`') {
                quotedName();
            } else if (c == '\'' || c == '"') {
                string(pos, c);
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < n && sql.charAt(pos + 1) == '\'') {
                int start = pos;
                int close = sql.indexOf('\'', pos + 2);
                int end = close < 0 ? n : close + 1;
                add(Kind.HEX_BIT, start, end, sql.substring(start, end));
            } else if (c == '0' && pos + 1 < n && (sql.charAt(pos + 1) == 'x' || sql.charAt(pos + 1) == 'b')
                    && pos + 2 < n && isHexDigit(sql.charAt(pos + 2)) && wordEnd(pos) == hexEnd(pos + 2)) {
                int end = hexEnd(pos + 2);
                add(Kind.HEX_BIT, pos, end, sql.substring(pos, end));
            } else if (c == '@') {
                variable();
            } else if (isWordChar(c) || (c == '.' && pos + 1 < n && Character.isDigit(sql.charAt(pos + 1))
                    && !afterNameDot())) {
                word();
            } else {
                symbol();
            }
        }
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    private void skipLine() {
        int nl = sql.indexOf('\n', pos);
        pos = nl < 0 ? sql.length() : nl + 1;
    }

    private void comment() {
        int start = pos;
        int bodyStart = pos + 2;
        boolean executable = false;
        if (sql.startsWith("!", bodyStart)) {
            executable = true;
            bodyStart++;
        } else if (sql.startsWith("M!", bodyStart)) {
            executable = true;
            bodyStart += 2;
        }
        if (executable) {
            while (bodyStart < sql.length() && Character.isDigit(sql.charAt(bodyStart))) {
                bodyStart++;
            }
            marks.add(start);
            executableDepth++;
            pos = bodyStart;
            return;
        }
        int close = sql.indexOf("*/", bodyStart);
        pos = close < 0 ? sql.length() : close + 2;
    }

    private void quotedName() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    value.append('`');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.append(ch);
            i++;
        }
        add(Kind.QUOTED_NAME, start, i, value.toString());
    }

    private void string(int start, char quote) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\\' && i + 1 < sql.length()) {
                value.append(unescape(sql.charAt(i + 1)));
                i += 2;
                continue;
            }
            if (ch == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.append(ch);
            i++;
        }
        add(Kind.STRING, start, i, value.toString());
    }

    private static String unescape(char c) {
        switch (c) {
            case '0':
                return "\0";
            case 'b':
                return "\b";
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case 'Z':
                return "\u001a";
            case '%':
                return "\\%"; // MySQL keeps the backslash before % and _ (LIKE patterns)
            case '_':
                return "\\_";
            default:
                return String.valueOf(c);
        }
    }

    private void variable() {
        int start = pos;
        int i = pos + 1;
        if (i < sql.length() && sql.charAt(i) == '@') {
            i++;
        }
        if (i < sql.length() && (sql.charAt(i) == '`' || sql.charAt(i) == '\'' || sql.charAt(i) == '"')) {
            char q = sql.charAt(i);
            int close = sql.indexOf(q, i + 1);
            i = close < 0 ? sql.length() : close + 1;
        } else {
            while (i < sql.length() && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
                i++;
            }
        }
        add(Kind.VARIABLE, start, i, sql.substring(start, i));
    }

    private void word() {
        int start = pos;
        int end = wordEnd(pos);
        String text = sql.substring(start, end);
        if (isNumber(text)) {
            // a decimal like 1.5 or 1.5e3: glue fraction and exponent
            int i = end;
            if (i < sql.length() && sql.charAt(i) == '.' && !text.contains(".")) {
                int j = i + 1;
                while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                i = j;
            }
            if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < sql.length() && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                    j++;
                }
                if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                    while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    i = j;
                }
            }
            add(Kind.NUMBER, start, i, sql.substring(start, i));
            return;
        }
        add(Kind.WORD, start, end, text);
    }

    private int wordEnd(int from) {
        int i = from;
        if (i < sql.length() && sql.charAt(i) == '.') {
            i++;
        }
        while (i < sql.length() && isWordChar(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private int hexEnd(int from) {
        int i = from;
        while (i < sql.length() && isHexDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A '.' right after a name is a qualifier dot ({@code t.1col}), not the start of a number. */
    private boolean afterNameDot() {
        if (tokens.isEmpty()) {
            return false;
        }
        SqlToken last = tokens.get(tokens.size() - 1);
        return last.end() == pos && last.isName();
    }

    private static boolean isNumber(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (c != '.') {
                return false;
            }
        }
        return digit;
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private static final String[] OPERATORS = {"<=>", "->>", "<=", ">=", "<>", "!=", ":=", "->", "||", "&&", "<<", ">>"};

    private void symbol() {
        for (String op : OPERATORS) {
            if (startsWith(op)) {
                add(Kind.SYMBOL, pos, pos + op.length(), op);
                return;
            }
        }
        add(Kind.SYMBOL, pos, pos + 1, sql.substring(pos, pos + 1));
    }

    private void add(Kind kind, int start, int end, String value) {
        tokens.add(new SqlToken(kind, sql.substring(start, end), value, start, end));
        pos = end;
    }
}
