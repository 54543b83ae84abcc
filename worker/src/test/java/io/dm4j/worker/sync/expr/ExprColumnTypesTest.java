package io.dm4j.worker.sync.expr;

import static io.dm4j.worker.sync.expr.ExprTesting.ALL_TYPES;
import static io.dm4j.worker.sync.expr.ExprTesting.bytes;
import static io.dm4j.worker.sync.expr.ExprTesting.eval;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dm4j.worker.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Comparisons of every column type with literals, with values in the form the row decoder produces (see
 * {@link io.dm4j.worker.sync.model.RowChange}), following MySQL's type rules.
 */
class ExprColumnTypesTest {

    /** Evaluates pairs of expression and expected result over one row of {@link ExprTesting#ALL_TYPES}. */
    private static void check(Map<String, Object> row, String... pairs) {
        check(ALL_TYPES, ExprTesting.UTC, row, pairs);
    }

    private static void check(TableSchema table, ZoneId zone, Map<String, Object> row, String... pairs) {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String expr = pairs[i];
            String expected = pairs[i + 1];
            checks.add(() -> assertEquals(expected, eval(table, expr, row, zone), expr + " over " + row));
        }
        assertAll(checks);
    }

    @Test
    void integers() {
        check(Map.of("i", 25L), "i >= 25", "1", "i > 25", "0", "i = '25'", "1", "i = '25abc'", "1", "i = 25.0", "1",
                "i IN (1, 25)", "1", "i = 25.5", "0", "i + 1", "26", "i / 2", "12.5000", "-i", "-25");
        check(Map.of("i", 24L), "i >= 25", "0");
        check(Map.of("u", new BigInteger("18446744073709551615")), "u = 18446744073709551615", "1",
                "u > 9223372036854775807", "1", "u = -1", "0", "u > 0", "1");
        check(Map.of("u", 29L), "u >= 25", "1");
        check(Map.of("ti", 200L), "ti > 100", "1", "ti = '200'", "1");
    }

    @Test
    void decimalsAndApproximateNumbers() {
        check(Map.of("d", new BigDecimal("30.02")), "d >= 25", "1", "d = 30.02", "1", "d = 30.020", "1",
                "d = '30.020'", "1", "d = 30.020000001", "0", "d > 30.019999", "1", "d * 2", "60.04");
        // FLOAT keeps its single-precision value: 11.12 stored is not the double 11.12, as in MySQL
        check(Map.of("f", 11.12f), "f = 11.12", "0", "f > 11.11 AND f < 11.13", "1", "f", "11.12",
                "f + 0", "11.119999885559082");
        check(Map.of("f", 31.324f), "f >= 25", "1");
        check(Map.of("db", 12.32), "db = 12.32", "1", "db >= 25", "0", "db = '12.32'", "1");
        check(Map.of("db", 32.4334), "db >= 25", "1");
    }

    @Test
    void textHonoursCollation() {
        // utf8mb4_general_ci: case- and accent-insensitive, trailing spaces ignored
        check(Map.of("s", "abc"), "s = 'ABC'", "1", "s = 'abc   '", "1", "s = 'àbc'", "1", "s < 'abd'", "1",
                "s LIKE 'A%'", "1", "s = 'ab'", "0", "s IN ('x', 'ABC')", "1", "s > 'ab'", "1");
        check(Map.of("s", "abc  "), "s = 'abc'", "1", "s LIKE 'abc'", "0", "length(s)", "5");
        // utf8mb4_bin: exact, but still PAD SPACE
        check(Map.of("sb", "abc"), "sb = 'ABC'", "0", "sb = 'abc  '", "1", "sb LIKE 'A%'", "0", "sb > 'ABC'", "1",
                "sb = 'ABC' COLLATE utf8mb4_general_ci", "1");
        // utf8mb4_0900_ai_ci: case-insensitive, NO PAD
        check(Map.of("s9", "abc"), "s9 = 'ABC'", "1", "s9 = 'abc '", "0");
        check(Map.of("l1", "é", "s", "é"), "length(l1)", "1", "length(s)", "2", "char_length(s)", "1");
        check(Map.of("c", "1234"), "c = '1234'", "1", "c = 1234", "1", "c = '2234'", "0");
        check(Map.of("tx", "asd"), "tx = 'ASD'", "1", "tx = 'asd'", "1");
        // a column's collation wins over a literal's; two columns compare with the left one's
        check(Map.of("s", "abc", "sb", "ABC"), "s = sb", "1", "sb = s", "0");
    }

    @Test
    void binaryStringsCompareBytes() {
        // BINARY(2) is right-padded with 0x00: 'b' stored is 'b\0', which is not 'b'
        check(Map.of("bin", new byte[] {'b', 0}), "bin = 'b'", "0", "bin = 'b\\0'", "1", "bin = x'6200'", "1",
                "length(bin)", "2", "bin LIKE 'b%'", "1");
        check(Map.of("vb", bytes("d")), "vb = 'd'", "1", "vb = 'D'", "0", "vb = 'd '", "0", "vb LIKE 'd%'", "1",
                "vb > 'c'", "1", "vb = x'64'", "1", "upper(vb) = 'D'", "0", "vb = 0", "1");
        check(Map.of("bl", bytes("asdf")), "bl = 'asdf'", "1", "bl = 'ASDF'", "0", "bl LIKE '%sd%'", "1");
    }

    @Test
    void bitColumnsAreUnsignedIntegers() {
        check(Map.of("bt", new byte[] {0x0F}), "bt = b'1111'", "1", "bt = 15", "1", "bt = b'00001111'", "1",
                "bt = x'0f'", "1", "bt > 10", "1", "bt = b'1010'", "0", "bt + 1", "16", "bt & 1", "1");
        check(Map.of("bt", new byte[] {0x0A}), "bt = b'1111'", "0", "bt = b'1010'", "1");
        check(Map.of("bt64", new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}), "bt64 = 18446744073709551615", "1",
                "bt64 > 0", "1");
    }

    @Test
    void yearComparesAsANumber() {
        check(Map.of("y", 2021L), "y - 2022", "-1", "y = '2021'", "1", "y = 2021", "1", "y > '2020'", "1", "y = '2020'", "0");
    }

    @Test
    void dates() {
        check(Map.of("dt", "2021-06-22"), "dt = '2021-06-22'", "1", "dt = '2021-6-22'", "1", "dt = '20210622'", "1",
                "dt = '210622'", "1", "dt = 20210622", "1", "dt = '2021/06/22'", "1", "dt = '2021-06-22 00:00:00'", "1",
                "dt = '2021-06-22 00:00:01'", "0", "dt < '2021-06-23'", "1", "dt > '2021-06-21 23:59:59'", "1",
                "dt BETWEEN '2021-01-01' AND '2021-12-31'", "1", "dt IN ('2021-06-22', '2020-01-01')", "1",
                "year(dt)", "2021", "month(dt)", "6", "day(dt)", "22", "dt = DATE'2021-06-22'", "1",
                "dt + 0", "20210622", "dt LIKE '2021-%'", "1");
        check(Map.of("dt", "0000-00-00"), "dt = '0000-00-00'", "1", "dt IS NULL", "0", "dt < '1000-01-01'", "1");
        // a day past the month's end (stored under ALLOW_INVALID_DATES) still orders by its fields
        check(Map.of("dt", "2020-02-31"), "dt > '2020-02-01'", "1", "dt < '2020-03-01'", "1", "day(dt)", "31");
    }

    @Test
    void invalidTemporalLiteralsAreRejectedWhenBound() {
        for (String bad : List.of("dt = '2021-06-31'", "dt = 'yesterday'", "dtm > '2021-01-01 25:00:00'",
                "tm = '10:61:00'", "dt = DATE'2021-13-01'", "dt = 20211399")) {
            ExprException e = assertThrows(ExprException.class, () -> ExprTesting.bind(ALL_TYPES, bad, ExprTesting.UTC),
                    bad);
            assertEquals(ExprException.Kind.INVALID, e.kind(), bad);
        }
    }

    @Test
    void datetimesWithFractions() {
        check(Map.of("dtm", "2021-01-01 12:34:56.789"), "dtm = '2021-01-01 12:34:56.789'", "1",
                "dtm = '2021-01-01 12:34:56.7890'", "1", "dtm = '2021-01-01 12:34:56.78'", "0",
                "dtm = '2021-01-01T12:34:56.789'", "1", "dtm = '2021-01-01 12:34:56'", "0", "dtm > '2021-01-01'", "1",
                "hour(dtm)", "12", "minute(dtm)", "34", "second(dtm)", "56", "microsecond(dtm)", "789000",
                "date(dtm) = '2021-01-01'", "1", "dtm = 20210101123456.789", "1", "dtm + 0", "20210101123456.789",
                "dtm = TIMESTAMP'2021-01-01 12:34:56.789'", "1", "dtm = '2021-01-01 12:34:56.7894'", "0",
                "dtm = '2021-01-01 12:34:56.7889994'", "0", "dtm = '2021-01-01 12:34:56.7889996'", "1",
                "dtm > DATE'2021-01-01'", "1");
        check(Map.of("dtm", "1000-01-01 12:34:56.789"), "dtm = '2021-01-01 12:34:56.789'", "0");
    }

    @Test
    void timestampsAreInTheTaskZoneAndOffsetsConvert() {
        // inserted as 2021-01-01 12:34:56.5678 by a +08:00 session; decoded in the task zone
        String literal = "ts = '2021-01-01 12:34:56.5678+08:00'";
        check(ALL_TYPES, ZoneId.of("UTC"), Map.of("ts", "2021-01-01 04:34:56.5678"), literal, "1",
                "ts = '2021-01-01 04:34:56.5678'", "1", "ts = '2021-01-01 04:34:56.5678+00:00'", "1",
                "ts = '2021-01-01 06:34:56.5678 +02:00'", "1", "ts = '2021-01-01 12:34:56.5678'", "0",
                "ts < '2021-01-01 12:00:00+08:00'", "0");
        check(ALL_TYPES, ZoneId.of("Asia/Shanghai"), Map.of("ts", "2021-01-01 12:34:56.5678"), literal, "1",
                "ts = '2021-01-01 12:34:56.5678'", "1");
        check(ALL_TYPES, ZoneId.of("+04:00"), Map.of("ts", "2021-01-01 08:34:56.5678"), literal, "1",
                "ts = '2020-12-31 23:34:56.5678-05:00'", "1");
        check(ALL_TYPES, ZoneId.of("UTC"), Map.of("ts", "2020-01-01 04:34:56.1234"), literal, "0");
    }

    @Test
    void timesBeyondADayAndNegative() {
        check(Map.of("tm", "-838:58:50.12345"), "tm = '-838:58:50.12345'", "1", "tm = '-838:59:50.12345'", "0",
                "tm < '00:00:00'", "1", "tm = '-34 22:58:50.12345'", "1", "hour(tm)", "838", "minute(tm)", "58",
                "tm > '-838:59:00'", "1", "tm = -8385850.12345", "1", "tm + 0", "-8385850.12345");
        check(Map.of("tm", "-838:59:50.12345"), "tm = '-838:58:50.12345'", "0");
        check(Map.of("tm", "25:00:00.00000"), "tm > '24:59:59'", "1", "tm = 250000", "1", "tm = '25:00'", "1",
                "tm > TIME'10:00:00'", "1", "tm = '1 01:00:00'", "1");
        check(Map.of("tm", "00:00:05.00000"), "tm = '5'", "1", "tm = '0:0:5'", "1", "tm = 5", "1");
    }

    @Test
    void enumAndSetCompareAsLabelsAndNumbersAsIndexes() {
        check(Map.of("e", "b"), "e = 'b'", "1", "e = 'B'", "1", "e = 2", "1", "e + 0", "2", "e - 5", "-3", "e IN ('a', 'b')", "1",
                "e = 'a'", "0", "e > 'a'", "1");
        check(Map.of("st", "b,c"), "st = 'b,c'", "1", "st = 6", "1", "st LIKE '%c%'", "1", "st = 'c,b'", "0",
                "st + 0", "6", "st = 'B,C'", "1");
        check(Map.of("st", ""), "st = ''", "1", "st = 0", "1");
    }

    @Test
    void mysqlJsonColumns() {
        String doc = "{\"id\": 2, \"name\": \"Ab\", \"arr\": [1, 2, 3], \"f\": 1.5, \"n\": null, \"b\": true, "
                + "\"o\": {\"k\": \"v\"}}";
        check(Map.of("j", doc), "j->'$.id' = 2", "1", "j->\"$.id\" = 2", "1", "j->'$.id' = 2.0", "1",
                "j->'$.id' = '2'", "0", "j->>'$.id' = '2'", "1", "j->>'$.id' = 2", "1", "j->'$.id' > 1", "1",
                "j->'$.id' IN (1, 2)", "1", "j->'$.name' = 'Ab'", "1", "j->'$.name' = 'ab'", "0",
                "j->>'$.name'", "Ab", "j->'$.name'", "json:\"Ab\"", "json_extract(j, '$.arr[1]') = 2", "1",
                "j->'$.arr[last]' = 3", "1", "j->'$.arr[last-1]'", "json:2", "j->'$.arr'", "json:[1, 2, 3]",
                "j->'$.missing' IS NULL", "1", "j->'$.n' IS NULL", "0", "j->'$.n'", "json:null", "j->'$.f' = 1.5", "1",
                "json_extract(j, '$.id', '$.name')", "json:[2, \"Ab\"]", "j->'$.arr[*]'", "json:[1, 2, 3]",
                "j->'$.arr[0 to 1]'", "json:[1, 2]", "json_unquote(j->'$.name')", "Ab", "json_type(j->'$.f')", "DOUBLE",
                "json_type(j->'$.id')", "INTEGER", "json_type(j->'$.o')", "OBJECT", "json_length(j->'$.arr')", "3",
                "json_length(j)", "7", "json_length(j, '$.o')", "1", "j = '{\"id\": 2}'", "0",
                "j->'$.\"id\"' = 2", "1", "j->'$.o.k' = 'v'", "1", "j->'$**.k'", "json:[\"v\"]",
                "j->'$.o' = CAST('{\"k\": \"v\"}' AS JSON)", "1", "j->'$.arr' = CAST('[1, 2, 3]' AS JSON)", "1",
                "j->'$.arr' < CAST('[1, 2, 4]' AS JSON)", "1", "j->'$.b' = CAST('true' AS JSON)", "1",
                "j->'$.arr[0]' + 1", "2", "json_valid(j)", "1");
    }

    @Test
    void mariadbJsonColumnsAreText() {
        TableSchema t = ExprTesting.mariadb("CREATE TABLE t (id INT PRIMARY KEY, c_json JSON)");
        check(t, ExprTesting.UTC, Map.of("c_json", "{\"id\": 2}"), "c_json->\"$.id\" = 2", "1",
                "c_json->'$.id' = '2'", "0", "json_extract(c_json, '$.id') = 2", "1", "c_json = '{\"id\": 2}'", "1",
                "c_json->>'$.id' = '2'", "1", "json_valid(c_json)", "1");
        check(t, ExprTesting.UTC, Map.of("c_json", "{\"id\": 1}"), "c_json->\"$.id\" = 2", "0");
        Expr e = ExprTesting.bind(t, "c_json->'$.id' = 2", ExprTesting.UTC);
        ExprException bad = assertThrows(ExprException.class, () -> e.eval(ExprTesting.row(t, Map.of("c_json", "oops"))));
        assertEquals(ExprException.Kind.EVALUATE, bad.kind(), "invalid JSON text fails as in MySQL");
    }

    @Test
    void nullColumnsFollowThreeValuedLogic() {
        check(Map.of(), "n = 1", "NULL", "n IS NULL", "1", "n <=> NULL", "1", "NOT (n = 1)", "NULL", "n IN (1, 2)", "NULL",
                "coalesce(n, 5)", "5", "n = 1 OR 1", "1", "n = 1 AND 0", "0", "n LIKE '%'", "NULL", "n + 1", "NULL",
                "j->'$.a'", "NULL", "dt = '2021-01-01'", "NULL", "s = 'a'", "NULL", "e = 1", "NULL",
                "n BETWEEN 1 AND 2", "NULL", "ifnull(n, 0) = 0", "1");
    }

    @Test
    void qualifiedColumnNamesMustNameTheTable() {
        check(Map.of("i", 3L), "t.i = 3", "1", "db.t.i = 3", "1", "`T`.`I` = 3", "1");
        for (String bad : List.of("x = 1", "other.i = 1", "db2.t.i = 1")) {
            ExprException e = assertThrows(ExprException.class, () -> ExprTesting.bind(ALL_TYPES, bad, ExprTesting.UTC));
            assertEquals(ExprException.Kind.UNKNOWN_COLUMN, e.kind(), bad);
        }
    }
}
