package io.dm4j.worker.sync.ddl;

import java.util.Locale;

/**
 * One lexical token of a MySQL statement.
 *
 * @param kind  what the token is
 * @param text  the token exactly as written (quotes included)
 * @param value the meaning: identifier without backquotes, string without quotes and escapes resolved,
 *              otherwise the text
 * @param start offset of the first character in the statement
 * @param end   offset just past the last character
 */
public record SqlToken(Kind kind, String text, String value, int start, int end) {

    public enum Kind {
        /** Unquoted word: keyword or identifier. */
        WORD,
        /** Backquoted identifier. */
        QUOTED_NAME,
        /** Single- or double-quoted string literal. */
        STRING,
        NUMBER,
        /** x'..', b'..', 0x.., 0b.. literals. */
        HEX_BIT,
        /** {@code @var}, {@code @@var}. */
        VARIABLE,
        /** Operators and punctuation, one token per operator. */
        SYMBOL
    }

    /** Whether this is the unquoted word {@code keyword} (case-insensitive). */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether the token can name something (a word or a backquoted name). */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
