package io.dm4j.common.filter;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles DM's regular expressions (Go RE2 syntax) with {@link Pattern}. The common subset is the same; the
 * differences that matter for name and SQL patterns are translated:
 * <ul>
 *   <li>named groups {@code (?P<name>...)} / {@code (?<name>...)} become plain groups (numbering is kept;
 *       Go has no back-references, so names are never used);</li>
 *   <li>POSIX classes inside brackets ({@code [[:alpha:]]}, {@code [[:^digit:]]}) become {@code \p{..}} /
 *       {@code \P{..}};</li>
 *   <li>inside brackets a literal {@code [} or {@code &} is escaped (Java reads them as nested class /
 *       intersection), and a {@code ]} right after the opening bracket is a literal as in Go.</li>
 * </ul>
 * Not translated: Go's ungreedy flag {@code (?U)} (Java reads it as Unicode classes).
 */
final class GoRegex {
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"),
            Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
            Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
            Map.entry("word", "word"), Map.entry("xdigit", "XDigit"));

    private GoRegex() {
    }

    /** Compiles a Go regular expression; matching is case-insensitive (Unicode) when asked. */
    static Pattern compile(String goRegex, boolean caseInsensitive) {
        int flags = caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return Pattern.compile(toJava(goRegex), flags);
    }

    static String toJava(String go) {
        StringBuilder out = new StringBuilder(go.length() + 8);
        boolean inClass = false;
        int i = 0;
        while (i < go.length()) {
            char c = go.charAt(i);
            if (c == '\\') {
                if (i + 1 < go.length() && go.charAt(i + 1) == 'Q') {
                    int end = go.indexOf("\\E", i + 2);
                    int stop = end < 0 ? go.length() : end + 2;
                    out.append(go, i, stop);
                    i = stop;
                    continue;
                }
                out.append(go, i, Math.min(i + 2, go.length()));
                i += 2;
                continue;
            }
            if (!inClass) {
                if (go.startsWith("(?P<", i) || (go.startsWith("(?<", i) && !go.startsWith("(?<=", i)
                        && !go.startsWith("(?<!", i))) {
                    int close = go.indexOf('>', i);
                    if (close < 0) {
                        throw new PatternSyntaxException("unterminated group name", go, i);
                    }
                    out.append('(');
                    i = close + 1;
                    continue;
                }
                if (c == '[') {
                    out.append('[');
                    i++;
                    inClass = true;
                    if (i < go.length() && go.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < go.length() && go.charAt(i) == ']') {
                        out.append("\\]");
                        i++;
                    }
                    continue;
                }
                out.append(c);
                i++;
                continue;
            }
            // inside a bracket expression
            if (c == '[' && go.startsWith("[:", i)) {
                int close = go.indexOf(":]", i + 2);
                if (close > 0) {
                    String name = go.substring(i + 2, close);
                    boolean negated = name.startsWith("^");
                    String javaName = POSIX.get(negated ? name.substring(1) : name);
                    if (javaName == null) {
                        throw new PatternSyntaxException("unknown POSIX class [:" + name + ":]", go, i);
                    }
                    out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
                    i = close + 2;
                    continue;
                }
            }
            if (c == '[' || c == '&') {
                out.append('\\').append(c);
            } else {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }
}
