package io.dm4j.worker.sync.expr;

import static io.dm4j.worker.sync.expr.ExprOperatorsTest.check;
import static io.dm4j.worker.sync.expr.ExprTesting.bytes;
import static io.dm4j.worker.sync.expr.ExprTesting.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every supported function, with MySQL's results. */
class ExprFunctionsTest {

    @Test
    void stringFunctions() {
        check("lower('ABC')", "abc", "lcase('AbC')", "abc", "upper('abc')", "ABC", "ucase('aBc')", "ABC",
                "length('abc')", "3", "length('é')", "2", "octet_length('€')", "3", "char_length('é')", "1",
                "character_length('a😀')", "2", "length(123)", "3",
                "concat('a', 1, 'b')", "a1b", "concat('a', NULL)", "NULL", "concat(1.50, '|', DATE'2021-01-02')",
                "1.50|2021-01-02", "concat_ws(',', 'a', NULL, 'b')", "a,b", "concat_ws(NULL, 'a')", "NULL",
                "substring('abcdef', 2)", "bcdef", "substring('abcdef', 2, 3)", "bcd", "substring('abcdef', -2)", "ef",
                "substring('abcdef', 0)", "", "substring('abcdef' FROM 3 FOR 2)", "cd", "substring('abcdef' FROM 3)",
                "cdef", "substr('abc', 5)", "", "mid('abcdef', 2, 2)", "bc", "substring('abc', 2, -1)", "",
                "substring('a😀b', 2, 1)", "😀", "substring('abc', -5)", "",
                "left('abc', 2)", "ab", "right('abc', 2)", "bc", "left('abc', 10)", "abc", "right('abc', -1)", "",
                "trim('  a  ')", "a", "trim(LEADING 'x' FROM 'xxaxx')", "axx", "trim(TRAILING 'x' FROM 'xxaxx')", "xxa",
                "trim(BOTH 'xy' FROM 'xyaxy')", "a", "trim('x' FROM 'xax')", "a", "ltrim('  a ')", "a ",
                "rtrim(' a  ')", " a", "replace('aXbX', 'X', '-')", "a-b-", "replace('abc', '', 'z')", "abc",
                "reverse('abc')", "cba", "upper(concat('a', 'b')) = 'AB'", "1");
        // binary strings work in bytes and are not case-mapped
        assertEquals("0x416243", eval("lower(vb)", Map.of("vb", bytes("AbC"))));
        assertEquals("3", eval("char_length(vb)", Map.of("vb", bytes("AbC"))));
        assertEquals("0x4162", eval("left(vb, 2)", Map.of("vb", bytes("AbC"))));
        assertEquals("0x41622d", eval("concat(vb, '-')", Map.of("vb", bytes("Ab"))));
    }

    @Test
    void numericFunctions() {
        check("abs(-5)", "5", "abs(-1.50)", "1.50", "abs(-2e0)", "2", "abs('-3')", "3", "round(2.5)", "3",
                "round(-2.5)", "-3", "round(2.5e0)", "2", "round(3.5e0)", "4", "round(1.2345, 2)", "1.23",
                "round(1.235, 2)", "1.24", "round(1234, -2)", "1200", "round(15, -1)", "20", "round(1.5e0, 0)", "2",
                "floor(1.7)", "1", "floor(-1.2)", "-2", "ceil(1.2)", "2", "ceiling(-1.7)", "-1", "floor(1.5e0)", "1",
                "floor(5)", "5", "truncate(1.789, 1)", "1.7", "truncate(-1.789, 2)", "-1.78", "truncate(1789, -2)", "1700",
                "sign(-3)", "-1", "sign(0.0)", "0", "sign(2e0)", "1", "mod(7, 3)", "1", "mod(7, 0)", "NULL",
                "abs(NULL)", "NULL", "round(NULL)", "NULL");
    }

    @Test
    void controlFunctions() {
        check("coalesce(NULL, NULL, 3)", "3", "coalesce(NULL)", "NULL", "coalesce(NULL, 'a', 2)", "a",
                "ifnull(NULL, 'x')", "x", "ifnull(1, 2)", "1", "ifnull(NULL, NULL)", "NULL",
                "if(1 > 0, 'y', 'n')", "y", "if(NULL, 'y', 'n')", "n", "if(0, 1, 2.5)", "2.5", "if('0.0', 1, 2)", "2",
                "nullif(1, 1)", "NULL", "nullif(1, 2)", "1", "nullif('a', 'A')", "NULL", "nullif(NULL, 1)", "NULL",
                "isnull(NULL)", "1", "isnull(0)", "0", "if(1, DATE'2021-01-01', '2021-01-02 10:00:00') = '2021-01-01'", "1");
    }

    @Test
    void temporalFunctions() {
        check("date('2021-06-22 10:00:00')", "2021-06-22", "date('2021-06-22')", "2021-06-22",
                "date(20210622101010)", "2021-06-22", "year('2021-06-22')", "2021", "month('2021-06-22')", "6",
                "day('2021-06-22')", "22", "dayofmonth('2021-06-22')", "22", "hour('10:05:03')", "10",
                "hour('2021-01-01 11:05:03')", "11", "minute('10:05:03')", "5", "second('10:05:03')", "3",
                "microsecond('10:00:00.123')", "123000", "year('garbage')", "NULL", "hour(TIME'-838:00:00')", "838",
                "year(NULL)", "NULL", "date(TIMESTAMP'2021-06-22 23:59:59') = DATE'2021-06-22'", "1",
                "month(DATE'2021-12-01')", "12", "hour(TIMESTAMP'2021-01-01 08:00:00')", "8");
    }

    @Test
    void jsonFunctions() {
        check("json_extract('{\"a\": {\"b\": [10, 20]}}', '$.a.b[1]')", "json:20",
                "json_extract('[1, 2]', '$[5]')", "NULL", "json_extract('1', '$[0]')", "json:1",
                "json_extract('[1, [2, 3]]', '$[1][0]')", "json:2", "json_extract('{\"a\": 1, \"b\": 2}', '$.*')",
                "json:[1, 2]", "json_extract('{\"a\": {\"a\": 1}}', '$**.a')", "json:[{\"a\": 1}, 1]",
                "json_extract('{\"a b\": 1}', '$.\"a b\"')", "json:1", "json_extract('[1, 2, 3]', '$[last]')", "json:3",
                "json_extract('{\"a\": 1}', '$')", "json:{\"a\": 1}", "json_extract(NULL, '$')", "NULL",
                "json_extract('{\"a\": 1}', NULL)", "NULL", "json_extract('{\"b\": 1, \"a\": [true, null, \"x\"]}', '$')",
                "json:{\"a\": [true, null, \"x\"], \"b\": 1}",
                "json_unquote('\"a\\\\tb\"')", "a\tb", "json_unquote('abc')", "abc", "json_unquote('\"\"')", "",
                "json_type('[1]')", "ARRAY", "json_type('\"x\"')", "STRING", "json_type('null')", "NULL",
                "json_type('true')", "BOOLEAN", "json_type('18446744073709551615')", "UNSIGNED INTEGER",
                "json_length('[1, 2]')", "2", "json_length('{}')", "0", "json_length('3')", "1",
                "json_length('{\"a\": [1, 2, 3]}', '$.a')", "3", "json_length('{\"a\": 1}', '$.b')", "NULL",
                "json_valid('{')", "0", "json_valid('{\"a\": 1}')", "1", "json_valid(NULL)", "NULL", "json_valid(5)", "0",
                "json_extract('{\"id\": 2}', '$.id') = 2", "1", "json_extract('[1.5]', '$[0]') = 1.5", "1",
                "json_extract('{\"s\": \"2\"}', '$.s') = 2", "0", "json_extract('{\"s\": \"2\"}', '$.s') = '2'", "1",
                "json_extract('[1e2]', '$[0]')", "json:100.0", "json_extract('\"x\"', '$') < json_extract('[1]', '$')", "1",
                "json_extract('1', '$') < json_extract('\"a\"', '$')", "1");
    }

    @Test
    void invalidJsonArgumentsFailWhenConstant() {
        for (String bad : List.of("json_extract('{\"a\":1}', 'a')", "json_extract('{', '$')",
                "json_extract(5, '$')", "json_extract('[1]', '$[')", "json_extract('{}', '$**')",
                "json_length('[1]', '$[*]')")) {
            ExprException e = assertThrows(ExprException.class, () -> eval(bad), bad);
            assertEquals(ExprException.Kind.INVALID, e.kind(), bad + ": " + e.getMessage());
        }
    }

    @Test
    void everyDocumentedFunctionExists() {
        for (String f : List.of("json_extract", "json_unquote", "json_type", "json_length", "json_valid", "lower", "lcase",
                "upper", "ucase", "length", "octet_length", "char_length", "character_length", "concat", "concat_ws",
                "substring", "left", "right", "trim", "ltrim", "rtrim", "replace", "reverse", "abs", "round",
                "truncate", "floor", "ceil", "ceiling", "sign", "mod", "coalesce", "ifnull", "nullif", "if", "isnull",
                "date", "year", "month", "day", "dayofmonth", "hour", "minute", "second", "microsecond")) {
            assertTrue(Functions.exists(f), f);
        }
    }
}
