package io.dm4j.worker.sync.ddl;

import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.List;

/** A read position over the tokens of one statement, with the small helpers a recursive-descent reader needs. */
public final class TokenCursor {
    private final String sql;
    private final List<SqlToken> tokens;
    private final List<Integer> commentMarks;
    private int index;

    public TokenCursor(String sql) {
        SqlLexer.Result lexed = SqlLexer.lex(sql);
        this.sql = sql;
        this.tokens = lexed.tokens();
        this.commentMarks = lexed.commentMarks();
    }

    public String sql() {
        return sql;
    }

    public int index() {
        return index;
    }

    public void reset(int newIndex) {
        index = newIndex;
    }

    public int size() {
        return tokens.size();
    }

    public SqlToken token(int i) {
        return tokens.get(i);
    }

    public boolean atEnd() {
        return index >= tokens.size() || (index == tokens.size() - 1 && tokens.get(index).isSymbol(";"));
    }

    /** The current token, or null at the end. */
    public SqlToken peek() {
        return peek(0);
    }

    public SqlToken peek(int ahead) {
        int i = index + ahead;
        if (i >= tokens.size() || (i == tokens.size() - 1 && tokens.get(i).isSymbol(";"))) {
            return null;
        }
        return tokens.get(i);
    }

    public SqlToken next() {
        SqlToken t = peek();
        if (t == null) {
            throw error("unexpected end of statement");
        }
        index++;
        return t;
    }

    /** The token just consumed. */
    public SqlToken previous() {
        return tokens.get(index - 1);
    }

    /** Whether the next tokens are exactly these words (no consumption). */
    public boolean peekWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            SqlToken t = peek(i);
            if (t == null || !t.is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the words if all of them come next. */
    public boolean accept(String... words) {
        if (!peekWords(words)) {
            return false;
        }
        index += words.length;
        return true;
    }

    public void expect(String... words) {
        if (!accept(words)) {
            throw error("expected " + String.join(" ", words));
        }
    }

    public boolean peekSymbol(String symbol) {
        SqlToken t = peek();
        return t != null && t.isSymbol(symbol);
    }

    public boolean acceptSymbol(String symbol) {
        if (peekSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    public void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error("expected '" + symbol + "'");
        }
    }

    /** Consumes {@code =} when present (table options allow {@code KEY=value} and {@code KEY value}). */
    public void acceptEquals() {
        acceptSymbol("=");
    }

    /** Reads an identifier: an unquoted word or a backquoted name. */
    public String name() {
        SqlToken t = peek();
        if (t == null || !t.isName()) {
            throw error("expected a name");
        }
        index++;
        return t.value();
    }

    /** Reads a name or a string (charset, collation and engine names may be quoted either way). */
    public String nameOrString() {
        SqlToken t = peek();
        if (t == null || !(t.isName() || t.kind() == Kind.STRING)) {
            throw error("expected a name");
        }
        index++;
        return t.value();
    }

    /** Reads {@code name} or {@code schema.name}; the result keeps token indexes for replacing the name later. */
    public QualifiedName qualifiedName() {
        int first = index;
        String a = name();
        if (peekSymbol(".") && peek(1) != null && peek(1).isName()) {
            index++;
            String b = name();
            return new QualifiedName(a, b, tokens.get(first).start(), previous().end());
        }
        return new QualifiedName(null, a, tokens.get(first).start(), previous().end());
    }

    /** Skips one balanced parenthesised group starting at the current {@code (}; returns its last token index. */
    public void skipParenthesised() {
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            SqlToken t = next();
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        }
    }

    /** Text of tokens {@code [from, to)} as written, or re-joined when an executable comment edge lies inside. */
    public String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        for (int mark : commentMarks) {
            if (mark > start && mark < end) {
                return joined(from, to);
            }
        }
        return sql.substring(start, end);
    }

    private String joined(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            if (i > from && tokens.get(i - 1).end() < t.start()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    public DdlSyntaxException error(String what) {
        SqlToken t = peek();
        String near = t == null ? "end of statement" : "'" + sql.substring(t.start(), Math.min(sql.length(), t.start() + 40)) + "'";
        return new DdlSyntaxException(what + " near " + near);
    }

    /** A possibly schema-qualified name with its character range in the statement. */
    public record QualifiedName(String schema, String name, int start, int end) {
    }
}
