package io.dm4j.worker.sync.expr;

import static io.dm4j.worker.sync.expr.ExprTesting.eval;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every operator and literal form on constants, with the results MySQL gives. */
class ExprOperatorsTest {

    /** Pairs of expression and expected result text. */
    static void check(String... pairs) {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String expr = pairs[i];
            String expected = pairs[i + 1];
            checks.add(() -> assertEquals(expected, eval(expr), expr));
        }
        assertAll(checks);
    }

    @Test
    void comparisons() {
        check("1 = 1", "1", "1 = 2", "0", "1 <> 2", "1", "1 != 1", "0", "2 < 3", "1", "3 <= 3", "1", "4 > 3", "1",
                "3 >= 4", "0", "1 = 1.0", "1", "'1.0' = 1", "1",
                // a string meets a number: both become doubles, the string by its leading number
                "1 = '1abc'", "1", "'abc' = 0", "1", "10 > '9'", "1",
                // two strings compare as strings: case-insensitively and ignoring trailing spaces for literals
                "'10' > '9'", "0", "'a' = 'A'", "1", "'a' = 'a  '", "1", "'a' < 'b'", "1",
                // exact numbers stay exact, doubles do not
                "0.1 + 0.2 = 0.3", "1", "0.1e0 + 0.2e0 = 0.3e0", "0",
                "18446744073709551615 = 18446744073709551615", "1", "18446744073709551615 > 9223372036854775807", "1",
                "-9223372036854775808 < 0", "1",
                // hexadecimal and bit literals: binary strings, numbers next to numbers
                "x'41' = 'A'", "1", "x'61' = 'A'", "0", "0x41 = 65", "1", "b'1111' = 15", "1", "b'01000001' = 'A'", "1",
                // temporal values
                "'2021-01-01' = DATE'2021-01-01'", "1", "DATE'2021-01-01' = '2021-01-01 00:00:00'", "1",
                "DATE'2021-01-01' < TIMESTAMP'2021-01-01 00:00:01'", "1", "DATE'2021-06-22' = 20210622", "1",
                "TIME'10:00:00' > '9:59:59'", "1");
    }

    @Test
    void nullSafeEqualityAndNull() {
        check("1 = NULL", "NULL", "NULL = NULL", "NULL", "NULL <> 1", "NULL", "NULL < 1", "NULL",
                "NULL <=> NULL", "1", "1 <=> NULL", "0", "NULL <=> 1", "0", "1 <=> 1", "1", "'a' <=> 'A'", "1",
                "1 + NULL", "NULL", "NULL * 0", "NULL", "-NULL", "NULL");
    }

    @Test
    void isTests() {
        check("NULL IS NULL", "1", "1 IS NULL", "0", "NULL IS NOT NULL", "0", "0 IS NOT NULL", "1",
                "0 IS FALSE", "1", "NULL IS FALSE", "0", "NULL IS TRUE", "0", "NULL IS NOT TRUE", "1",
                "NULL IS NOT FALSE", "1", "2 IS TRUE", "1", "'a' IS TRUE", "0", "'2x' IS TRUE", "1",
                "0.0 IS NOT FALSE", "0", "NULL IS UNKNOWN", "1", "1 IS NOT UNKNOWN", "1", "1 = 1 IS TRUE", "1",
                "DATE'0000-00-00' IS FALSE", "1");
    }

    @Test
    void threeValuedLogic() {
        check("1 AND 1", "1", "1 AND 0", "0", "1 AND NULL", "NULL", "0 AND NULL", "0", "NULL AND 0", "0",
                "NULL AND NULL", "NULL", "1 && 2", "1",
                "0 OR 0", "0", "1 OR NULL", "1", "NULL OR 1", "1", "0 OR NULL", "NULL", "NULL OR NULL", "NULL",
                "0 || 1", "1",
                "1 XOR 1", "0", "1 XOR 0", "1", "0 XOR 0", "0", "1 XOR NULL", "NULL", "NULL XOR 0", "NULL",
                "NOT 0", "1", "NOT 5", "0", "NOT NULL", "NULL", "! 1", "0", "!NULL", "NULL",
                // precedence: ! binds tighter than =, NOT looser; AND before XOR before OR
                "NOT 2 = 3", "1", "!2 = 3", "0", "1 OR 1 AND 0", "1", "(1 OR 1) AND 0", "0", "0 AND 1 XOR 1", "1",
                "1 XOR 1 OR 1", "1", "NOT 1 OR 1", "1", "NOT (1 OR 1)", "0",
                // non-boolean values are true when non-zero
                "'abc' OR 0", "0", "0.5 AND 1", "1", "'0.5' AND 1", "1");
    }

    @Test
    void inAndBetween() {
        check("2 IN (1, 2, 3)", "1", "4 IN (1, 2)", "0", "4 IN (1, NULL)", "NULL", "1 IN (1, NULL)", "1",
                "NULL IN (1, 2)", "NULL", "4 NOT IN (1, NULL)", "NULL", "4 NOT IN (1, 2)", "1", "1 NOT IN (1, 2)", "0",
                "'a' IN ('A', 'b')", "1", "1 IN ('1', 'x')", "1", "(1 + 1) IN (2)", "1",
                "2 BETWEEN 1 AND 3", "1", "5 BETWEEN 1 AND 3", "0", "1 BETWEEN 1 AND 1", "1",
                "NULL BETWEEN 1 AND 3", "NULL", "2 BETWEEN NULL AND 3", "NULL", "5 BETWEEN NULL AND 3", "0",
                "2 NOT BETWEEN 1 AND 3", "0", "5 NOT BETWEEN 1 AND 3", "1", "'b' BETWEEN 'a' AND 'c'", "1",
                "2 BETWEEN 1 AND 3 AND 0", "0",
                "DATE'2021-06-22' BETWEEN '2021-01-01' AND '2021-12-31'", "1");
    }

    @Test
    void likeAndRegexp() {
        check("'abc' LIKE 'a%'", "1", "'abc' LIKE 'a_c'", "1", "'abc' LIKE 'a_'", "0", "'ABC' LIKE 'a%'", "1",
                "'a%c' LIKE 'a\\%c'", "1", "'abc' LIKE 'a\\%c'", "0", "'a_c' LIKE 'a|_c' ESCAPE '|'", "1",
                "'abc' LIKE 'a|_c' ESCAPE '|'", "0", "'abc' NOT LIKE 'b%'", "1", "NULL LIKE 'a'", "NULL",
                "'abc' LIKE NULL", "NULL", "'a ' LIKE 'a'", "0", "'' LIKE '%'", "1", "123 LIKE '1%'", "1",
                "'aXbXc' LIKE '%b%'", "1", "'abcabd' LIKE '%abd'", "1", "'abcabd' LIKE '%abc'", "0",
                "'ünï' LIKE 'UNI'", "1", "x'41' LIKE 'a'", "0",
                "'abc' REGEXP '^a.c$'", "1", "'abc' REGEXP 'B'", "1", "'abc' RLIKE 'x'", "0",
                "'abc' NOT REGEXP 'x'", "1", "NULL REGEXP 'a'", "NULL", "'a1' REGEXP '[0-9]+'", "1",
                "'abc' REGEXP 'B' COLLATE utf8mb4_bin", "0");
    }

    @Test
    void arithmetic() {
        check("1 + 2", "3", "1 - 2", "-1", "2 * 3", "6", "7 / 2", "3.5000", "1 / 3", "0.3333", "1.5 / 3", "0.50000",
                "10 / 4.0", "2.5000", "7 DIV 2", "3", "-7 DIV 2", "-3", "7.9 DIV 2", "3", "7 % 3", "1", "-7 % 3", "-1",
                "7 MOD -3", "1", "7.5 % 2", "1.5", "mod(-7.5, 2)", "-1.5", "7e0 % 2", "1",
                "1 / 0", "NULL", "1 DIV 0", "NULL", "1 % 0", "NULL", "1.0 / 0.0", "NULL",
                "0.1 + 0.2", "0.3", "1.0 * 3", "3.0", "0.1e0 + 0.2e0", "0.30000000000000004", "1e3 + 1", "1001",
                "'5' + 3", "8", "'1.5' * 2", "3", "'abc' + 1", "1",
                "-(5)", "-5", "- -5", "5", "5 - -5", "10", "-'3'", "-3", "--5", "5",
                "-9223372036854775808", "-9223372036854775808", "18446744073709551615 + 0", "18446744073709551615",
                "2 + 3 * 4", "14", "(2 + 3) * 4", "20", "2 * 3 ^ 1", "4", "10 - 2 - 3", "5", "12 / 2 / 3", "2.00000000",
                "1 | 2", "3", "6 & 3", "2", "1 << 4", "16", "256 >> 4", "16", "~0", "18446744073709551615", "5 ^ 1", "4",
                "1 << 64", "0", "-1 & 1", "1",
                "x'01' + 0", "1", "0xFFFFFFFFFFFFFFFF + 0", "18446744073709551615", "b'1111' + 0", "15", "0x10 * 2", "32",
                "DATE'2021-06-22' + 0", "20210622", "TIMESTAMP'2021-01-01 10:00:00' + 0", "20210101100000");
    }

    @Test
    void integerOverflowFailsAsInMysql() {
        ExprException e = assertThrows(ExprException.class, () -> eval("9223372036854775807 + 1"));
        assertEquals(ExprException.Kind.INVALID, e.kind(), "a constant expression fails when bound");
        ExprException row = assertThrows(ExprException.class,
                () -> eval("u - 10", Map.of("u", 5L)));
        assertEquals(ExprException.Kind.EVALUATE, row.kind());
        assertEquals("18446744073709551615", eval("u + 0", Map.of("u", new BigInteger("18446744073709551615"))));
        assertEquals("-5", eval("i - 10", Map.of("i", 5L)));
    }

    @Test
    void literals() {
        check("'it''s'", "it's", "'a\\nb'", "a\nb", "'tab\\there'", "tab\there", "\"dq\"", "dq", "'a' 'b'", "ab",
                "'say \"hi\"'", "say \"hi\"", "\"it's\"", "it's", "'back\\\\slash'", "back\\slash",
                "b'0101'", "0x05", "B'100000001'", "0x0101", "x'ff'", "0xff", "X'0aFF'", "0x0aff", "0xff", "0xff",
                "0x1", "0x01", "0b11", "0x03", "TRUE", "1", "false", "0", "NULL", "NULL", "123", "123",
                "12.50", "12.50", "1e3", "1000", "1.5e3", "1500", "1e-2", "0.01", "-1e+2", "-100", ".5", "0.5",
                "1E2", "100", "DATE'2021-06-22'", "2021-06-22", "TIMESTAMP'2021-01-01 12:34:56.5'", "2021-01-01 12:34:56.5",
                "TIME'-838:59:59'", "-838:59:59", "N'x'", "x", "_utf8mb4'x'", "x", "_binary'a'", "0x61",
                "(((1)))", "1");
    }

    @Test
    void caseAndCast() {
        check("CASE WHEN 1 = 0 THEN 'a' WHEN 1 = 1 THEN 'b' ELSE 'c' END", "b",
                "CASE WHEN 0 THEN 'a' ELSE 'c' END", "c", "CASE WHEN NULL THEN 1 END", "NULL",
                "CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "two", "CASE 3 WHEN 1 THEN 'one' END", "NULL",
                "CASE NULL WHEN NULL THEN 1 ELSE 0 END", "0", "CASE 'A' WHEN 'a' THEN 1 ELSE 0 END", "1",
                "CASE WHEN 1 THEN 1 ELSE 2.5 END = 1", "1", "CASE WHEN 0 THEN 1 ELSE 2.5 END", "2.5",
                "CAST('12abc' AS SIGNED)", "12", "CAST(1.5 AS SIGNED)", "2", "CAST(-1 AS UNSIGNED)", "18446744073709551615",
                "CAST('2021-01-01' AS DATE) = DATE'2021-01-01'", "1", "CAST(3.14159 AS DECIMAL(5,2))", "3.14",
                "CAST(123 AS CHAR)", "123", "CONVERT('5', SIGNED) + 1", "6", "CAST('{\"a\": 1}' AS JSON)", "json:{\"a\": 1}",
                "CAST('2021-01-01 10:11:12.345678' AS DATETIME(3))", "2021-01-01 10:11:12.345",
                "CAST('12:30' AS TIME)", "12:30:00", "CAST('abc' AS DATE)", "NULL", "CAST(1 AS DOUBLE)", "1",
                "CONVERT('x' USING utf8mb4)", "x", "CAST('a' AS BINARY(3))", "0x610000",
                "BINARY 'a' = 'A'", "0", "'a' = 'A' COLLATE utf8mb4_bin", "0", "'a' COLLATE utf8mb4_bin = 'A'", "0");
    }

    @Test
    void syntaxErrorsAreReported() {
        for (String bad : List.of("1 +", "(1", "a IN (SELECT 1)", "@x = 1", "1 = = 1", "a NOT 1", "x'f'", "b'12'",
                "CASE WHEN 1 END", "", "   ", "1 2", "c_int INTERVAL", "t.a.b.c = 1", "a = ANY (1)", "(1, 2) = (1, 2)",
                "j -> 1", "CAST(1 AS FOO)")) {
            ExprException e = assertThrows(ExprException.class, () -> ExprParser.parse(bad), bad);
            assertEquals(ExprException.Kind.SYNTAX, e.kind(), bad + ": " + e.getMessage());
        }
    }

    @Test
    void unknownFunctionsAndArgumentCounts() {
        ExprException unknown = assertThrows(ExprException.class, () -> eval("foo(1)"));
        assertEquals(ExprException.Kind.UNSUPPORTED_FUNCTION, unknown.kind());
        ExprException count = assertThrows(ExprException.class, () -> eval("concat()"));
        assertEquals(ExprException.Kind.UNSUPPORTED_FUNCTION, count.kind());
        ExprException count2 = assertThrows(ExprException.class, () -> eval("abs(1, 2)"));
        assertEquals(ExprException.Kind.UNSUPPORTED_FUNCTION, count2.kind());
    }
}
