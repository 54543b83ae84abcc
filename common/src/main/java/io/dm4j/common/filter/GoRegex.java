package io.dm4j.common.filter;

import com.google.re2j.Pattern;

/**
 * DM's regular expressions are Go's RE2 syntax and semantics ({@code $} only at the end of the text, {@code .}
 * anything but a newline, {@code (?U)} ungreedy, no back-references or look-around); they are compiled with re2j,
 * a Java port of RE2, so both accept and match exactly the same.
 */
public final class GoRegex {
    private GoRegex() {
    }

    /**
     * Compiles a Go regular expression; matching is case-insensitive (Unicode case folding) when asked.
     *
     * @throws com.google.re2j.PatternSyntaxException when Go would reject it too
     */
    public static Pattern compile(String goRegex, boolean caseInsensitive) {
        return Pattern.compile(goRegex, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
    }
}
