package io.dm4j.common.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePatternTest {

    private static boolean matches(String pattern, String name, boolean caseSensitive) {
        return NamePattern.compile(pattern, caseSensitive).matches(NamePattern.fold(name, caseSensitive));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "t_*       | t_1       | true",
        "t_*       | t_        | true",
        "t_*       | t         | false",
        "t_*       | xt_1      | false",
        "*         | anything  | true",
        "*         | \"\"      | true",
        "doc*      | document  | true",
        "doc*      | dodo      | false",
        "t?        | t1        | true",
        "t?        | t         | false",
        "t?        | t12       | false",
        "test[123] | test2     | true",
        "test[123] | test4     | false",
        "t[1-5]    | t5        | true",
        "t[1-5]    | t6        | false",
        "t[!1-5]   | t6        | true",
        "t[!1-5]   | t3        | false",
        "t[!]      | t!        | true",
        "t[!]      | tx        | false",
        "t[^a]     | t^        | true",
        "t[^a]     | ta        | true",
        "t[^a]     | tb        | false",
        "t[a-]     | t-        | true",
        "t[z-a]    | tm        | false",
        "t[]       | t         | false",
        "t[abc     | t[abc     | true",
        "t[abc     | ta        | false",
        "a.b       | a.b       | true",
        "a.b       | axb       | false",
        "a+(b)     | a+(b)     | true",
        "log       | log       | true",
        "log       | logs      | false",
        "t[*]      | t*        | true",
        "t[*]      | tx        | false",
        "~^test.*  | test_1    | true",
        "~test     | mytest1   | true",
        "~^t$      | t1        | false",
        "~_2018$   | messages_2018 | true",
        "~.*       | \"\"      | true",
    })
    void wildcardsAndRegexes(String pattern, String name, boolean expected) {
        assertEquals(expected, matches(pattern, name, true));
    }

    @Test
    void caseInsensitiveFoldsNamesAndWildcards() {
        assertTrue(matches("Shop_*", "SHOP_1", false));
        assertTrue(matches("shop_*", "Shop_1", false));
        assertTrue(matches("T[A-C]", "tb", false));
        assertTrue(matches("~^TEST_\\d+$", "test_12", false));
        assertTrue(matches("~^test_\\d+$", "TEST_12", false));
        assertTrue(matches("~(?i)^test$", "TEST", true));
    }

    @Test
    void caseSensitiveComparesExactly() {
        assertFalse(matches("Shop_*", "SHOP_1", true));
        assertTrue(matches("Shop_*", "Shop_1", true));
        assertFalse(matches("~^TEST$", "test", true));
        assertEquals("MixedCase", NamePattern.fold("MixedCase", true));
        assertEquals("mixedcase", NamePattern.fold("MixedCase", false));
    }

    @Test
    void starMustBeTheLastCharacter() {
        DmException e = assertThrows(DmException.class, () -> NamePattern.compile("a*b", false));
        assertEquals(FilterErrors.INVALID_PATTERN, e.code());
        assertTrue(e.detail().contains("'a*b'"), e.detail());
        assertThrows(DmException.class, () -> NamePattern.compile("**", false));
        assertThrows(DmException.class, () -> NamePattern.compile("*a", false));
    }

    @Test
    void badRegexAndEmptyPatternAreRejected() {
        DmException e = assertThrows(DmException.class, () -> NamePattern.compile("~(abc", true));
        assertEquals(11001, e.code().code());
        assertTrue(e.detail().contains("~(abc"), e.detail());
        assertThrows(DmException.class, () -> NamePattern.compile("", true));
        DmException labelled = assertThrows(DmException.class, () -> NamePattern.compile("rule x", "a*b", true));
        assertTrue(labelled.detail().startsWith("rule x: "), labelled.detail());
    }

    @Test
    void goRegexSyntaxIsAccepted() {
        assertTrue(matches("~^(?P<num>\\d+)_(?<x>x)$", "12_x", true));
        assertTrue(matches("~^t_(?P<n>\\d+)$", "t_12", true));
        assertTrue(matches("~^[[:digit:]]+$", "2024", true));
        assertFalse(matches("~^[[:digit:]]+$", "20a4", true));
        assertTrue(matches("~^[[:^digit:]]+$", "abc", true));
        assertTrue(matches("~^[a[]+$", "a[a", true));
        assertTrue(matches("~^[]a]+$", "]a]", true));
        assertTrue(matches("~^[a&&b]$", "&", true));
        assertTrue(matches("~^\\Q[x]\\E$", "[x]", true));
    }

    /** Where Go's RE2 and java.util.regex differ, DM's (Go's) answer wins. */
    @Test
    void regexesFollowGoSemanticsNotJavas() {
        // Go's $ (without (?m)) is the end of the text only; Java's also matches before a final line break
        assertFalse(matches("~^t$", "t\n", true));
        // Go's . is anything but \n; Java's . also stops at \r, \u0085, \u2028
        assertTrue(matches("~^a.b$", "a\rb", true));
        assertTrue(matches("~^a.b$", "a\u2028b", true));
        // Go's case folding is Unicode's simple folding: K matches the Kelvin sign
        assertTrue(matches("~^\u212a$", "k", false));
    }

    @Test
    void regexesGoRejectsAreRejected() {
        for (String p : new String[] {"~(a)\\1", "~(?<=a)b", "~(?=a)", "~a*+", "~\\Z"}) {
            DmException e = assertThrows(DmException.class, () -> NamePattern.compile(p, true), p);
            assertEquals(FilterErrors.INVALID_PATTERN, e.code(), p);
        }
    }
}
