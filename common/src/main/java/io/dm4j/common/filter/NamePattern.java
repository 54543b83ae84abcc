package io.dm4j.common.filter;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One schema or table name pattern as DM writes them: {@code ~regex} (Go syntax, unanchored: it matches when it
 * is found anywhere in the name) or a wildcard that must match the whole name. Wildcards follow DM's table
 * selector: {@code *} any run of characters, allowed once and only as the last character; {@code ?} exactly one
 * character; {@code [abc]}, {@code [a-z]}, {@code [!a-z]} one character from (or, with {@code !}, not from) the
 * set ({@code ^} is an ordinary character there, as in DM; a {@code [} without a closing {@code ]} is literal).
 *
 * <p>Case: when matching is case-insensitive, wildcards are lower-cased here and names must be lower-cased by the
 * caller with {@link #fold}; regexes match case-insensitively.
 */
public final class NamePattern {

    private final String text;
    private final boolean regex;
    private final Predicate<String> matcher;

    private NamePattern(String text, boolean regex, Predicate<String> matcher) {
        this.text = text;
        this.regex = regex;
        this.matcher = matcher;
    }

    /**
     * Compiles a pattern.
     *
     * @throws io.dm4j.common.errors.DmException {@link FilterErrors#INVALID_PATTERN} when it is empty, has a
     *         {@code *} before the end, or is a bad regular expression
     */
    public static NamePattern compile(String text, boolean caseSensitive) {
        if (text == null || text.isEmpty()) {
            throw FilterErrors.INVALID_PATTERN.error("a schema/table pattern must not be empty");
        }
        if (text.startsWith("~")) {
            try {
                com.google.re2j.Pattern re = GoRegex.compile(text.substring(1), !caseSensitive);
                return new NamePattern(text, true, name -> re.matcher(name).find());
            } catch (PatternSyntaxException e) {
                throw FilterErrors.INVALID_PATTERN.wrap(e,
                        "pattern '" + text + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        String wildcard = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        Pattern whole = Pattern.compile(wildcardToRegex(text, wildcard), Pattern.DOTALL);
        return new NamePattern(text, false, name -> whole.matcher(name).matches());
    }

    /** Like {@link #compile(String, boolean)}; the error message starts with {@code ruleLabel} (e.g. the rule). */
    static NamePattern compile(String ruleLabel, String text, boolean caseSensitive) {
        try {
            return compile(text, caseSensitive);
        } catch (DmException e) {
            throw new DmException(e.code(), ruleLabel + ": " + e.detail(), e.getCause(), null);
        }
    }

    /** The name as patterns see it: unchanged, or lower-cased when matching is case-insensitive. */
    public static String fold(String name, boolean caseSensitive) {
        return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
    }

    /** Whether the (already {@link #fold folded}) name matches. */
    public boolean matches(String foldedName) {
        return matcher.test(foldedName);
    }

    public boolean isRegex() {
        return regex;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String wildcardToRegex(String original, String w) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == '*') {
                if (i != w.length() - 1) {
                    throw FilterErrors.INVALID_PATTERN.error("wildcard '" + original
                            + "' has a '*' that is not the last character; DM allows one '*', only at the end "
                            + "(use a regular expression starting with '~' for anything else)");
                }
                re.append(".*");
                i++;
            } else if (c == '?') {
                re.append('.');
                i++;
            } else if (c == '[' && w.indexOf(']', i + 1) > 0) {
                int close = w.indexOf(']', i + 1);
                appendCharSet(re, w, i, close);
                i = close + 1;
            } else {
                appendLiteral(re, w.codePointAt(i));
                i += Character.charCount(w.codePointAt(i));
            }
        }
        return re.toString();
    }

    /** A {@code [...]} set, parsed the way DM's selector parses it (ranges {@code x-y}, leading {@code !}). */
    private static void appendCharSet(StringBuilder re, String w, int open, int close) {
        int i = open + 1;
        boolean negated = false;
        if (i < close && w.charAt(i) == '!') {
            negated = true;
            i++;
        }
        StringBuilder members = new StringBuilder();
        if (negated && i == close) {
            negated = false; // "[!]" is the character '!'
            appendClassChar(members, '!');
        }
        for (; i < close; i++) {
            char from = w.charAt(i);
            if (i + 2 < close && w.charAt(i + 1) == '-') {
                char to = w.charAt(i + 2);
                if (from <= to) { // a reversed range matches nothing, as in DM
                    appendClassChar(members, from);
                    members.append('-');
                    appendClassChar(members, to);
                }
                i += 2;
            } else {
                appendClassChar(members, from);
            }
        }
        if (members.length() == 0) {
            re.append(negated ? "." : "(?!)");
        } else {
            re.append('[').append(negated ? "^" : "").append(members).append(']');
        }
    }

    private static void appendClassChar(StringBuilder sb, char c) {
        sb.append("\\x{").append(Integer.toHexString(c)).append('}');
    }

    private static void appendLiteral(StringBuilder sb, int codePoint) {
        if (Character.isLetterOrDigit(codePoint) || codePoint == '_') {
            sb.appendCodePoint(codePoint);
        } else {
            sb.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        }
    }
}
