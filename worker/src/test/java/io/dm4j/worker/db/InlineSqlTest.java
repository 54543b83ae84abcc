package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.worker.dump.SqlLiterals;
import io.dm4j.worker.dump.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The literal of every value type the row decoder hands over. That a literal stores what Connector/J's prepared
 * statement stores is checked against the server for every column type in {@code RowDecoderIT} (with and without
 * NO_BACKSLASH_ESCAPES); here, the exact texts.
 */
class InlineSqlTest {

    private static String lit(Object v) {
        StringBuilder sb = new StringBuilder();
        InlineSql.literal(sb, v);
        return sb.toString();
    }

    @Test
    void numbersAreWrittenAsTheDriverSendsThem() {
        assertEquals("NULL", lit(null));
        assertEquals("-9223372036854775808", lit(Long.MIN_VALUE));
        assertEquals("7", lit(7));
        assertEquals("18446744073709551615", lit(new BigInteger("18446744073709551615")));
        assertEquals("-0.000001", lit(new BigDecimal("-0.000001")));
        assertEquals("1000", lit(new BigDecimal("1E+3")), "never an exponent: a DECIMAL literal");
        assertEquals("0.1", lit(0.1d));
        assertEquals("1.0E20", lit(1e20d));
        assertEquals("-1.7976931348623157E308", lit(-Double.MAX_VALUE));
        assertEquals(Double.toString((double) 0.1f), lit(0.1f), "FLOAT widened exactly, as JdbcValues binds it");
        assertEquals("3.4028234663852886E38", lit(Float.MAX_VALUE));
    }

    @Test
    void textIsQuotedUnlessItsMeaningWouldDependOnSqlMode() {
        assertEquals("'it''s'", lit("it's"));
        assertEquals("''", lit(""));
        assertEquals("'héllo 😀 中文 \"q\" \n\t'", lit("héllo 😀 中文 \"q\" \n\t"));
        assertEquals("_utf8mb4 0x615c62", lit("a\\b"), "a backslash means another thing without NO_BACKSLASH_ESCAPES");
        assertEquals("_utf8mb4 0x6100", lit("a\0"));
        assertEquals("_utf8mb4 0x1a", lit("\u001a"));
        assertEquals("_utf8mb4 0x27c3a95c", lit("'é\\"));
        assertEquals("'?x'", lit("\ud800x"), "a lone surrogate is encoded as '?', as the driver's encoder does");
    }

    @Test
    void everyStringGetsTheDumpsRuleForUtf8Text() {
        char[] alphabet = {'a', ' ', '\'', '"', '\\', 0, 0x1a, '\n', 'é', '中', '\ud83d', '\ude00', '?', '`'};
        Random r = new Random(20261203L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder v = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                v.append(alphabet[r.nextInt(alphabet.length)]);
            }
            String s = v.toString();
            // what the dump writes for the same UTF-8 bytes (valid UTF-8: a lone surrogate became '?')
            assertEquals(SqlLiterals.literal(ValueKind.JSON, s.getBytes(StandardCharsets.UTF_8)), lit(s), s);
        }
    }

    @Test
    void longStringsWithRareSpecialCharactersGetTheDumpsRuleToo() {
        // long plain text with a special character here and there, at every place: the shape of real column values
        char[] special = {'\'', '\\', 0, 0x1a, 'é', '中', '\ud83d', '\ude00', '"', '`', '?'};
        Random r = new Random(20261204L);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder v = new StringBuilder();
            for (int i = r.nextInt(n % 10 == 0 ? 3000 : 400); i > 0; i--) {
                v.append(r.nextInt(40) == 0 ? special[r.nextInt(special.length)] : (char) ('-' + r.nextInt(13)));
            }
            String s = v.toString();
            assertEquals(SqlLiterals.literal(ValueKind.JSON, s.getBytes(StandardCharsets.UTF_8)), lit(s), s);
            StringBuilder after = new StringBuilder("prefix");
            InlineSql.literal(after, s);
            assertEquals("prefix" + lit(s), after.toString(), "a literal appended after other text");
        }
    }

    @Test
    void aSurrogatePairAcrossEveryPlaceOfALongTextStaysQuoted() {
        for (int at = 0; at < 1100; at++) {
            String s = "x".repeat(at) + "\ud83d\ude00" + "'y".repeat(3);
            assertEquals("'" + s.replace("'", "''") + "'", lit(s), "pair at " + at);
            String lone = "x".repeat(at) + "\ud83d" + "y";
            assertEquals(SqlLiterals.literal(ValueKind.JSON, lone.getBytes(StandardCharsets.UTF_8)), lit(lone),
                    "lone high surrogate at " + at);
        }
    }

    @Test
    void bytesAreAlwaysHex() {
        assertEquals("0x00ff275c41", lit(new byte[] {0, (byte) 0xff, '\'', '\\', 'A'}));
        assertEquals("0x41", lit(new byte[] {'A'}), "even printable bytes: a BIT value must stay a binary value");
        assertEquals("''", lit(new byte[0]));
    }

    @Test
    void placeholdersInsideIdentifiersAndStringsAreNotParameters() {
        SqlStatement s = new SqlStatement("INSERT INTO `d?`.`t``?` (`a?`,`b`) VALUES (?,?) /* x */",
                Arrays.asList(1L, null));
        assertEquals("INSERT INTO `d?`.`t``?` (`a?`,`b`) VALUES (1,NULL) /* x */", InlineSql.text(s));
        SqlStatement json = new SqlStatement("DELETE FROM `t` WHERE `j`=CAST(? AS JSON) AND `s`='?''?' AND `k`=?"
                + " LIMIT 1", List.of("{\"a\": 1}", "x"));
        assertEquals("DELETE FROM `t` WHERE `j`=CAST('{\"a\": 1}' AS JSON) AND `s`='?''?' AND `k`='x' LIMIT 1",
                InlineSql.text(json));
    }

    @Test
    void aPlaceholderCountThatDoesNotMatchIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> InlineSql.text(new SqlStatement("SELECT ?, ?", List.of(1L))));
        assertThrows(IllegalArgumentException.class,
                () -> InlineSql.text(new SqlStatement("SELECT ?", List.of(1L, 2L))));
    }

    @Test
    void onlyParameterisedStatementsOfDecodedRowValueTypesAreInlined() {
        assertTrue(InlineSql.canInline(List.of(new SqlStatement("SELECT ?,?,?,?,?,?,?,?,?", Arrays.asList(null, 1L, 2,
                BigInteger.TEN, BigDecimal.ONE, 1.5f, 2.5d, "s", new byte[] {1})))));
        assertFalse(InlineSql.canInline(List.of(new SqlStatement("SELECT ?", List.of(1L)),
                new SqlStatement("ALTER TABLE t COMMENT 'what?' -- an upstream DDL text", null))),
                "a text without parameters (a DDL from upstream) is never put into a multi-statement text");
        assertFalse(InlineSql.canInline(List.of(new SqlStatement("SELECT ?", List.of(true)))));
        assertFalse(InlineSql.canInline(List.of(new SqlStatement("SELECT ?", List.of(new Timestamp(0))))));
        assertFalse(InlineSql.canInline(List.of(new SqlStatement("SELECT ?", List.of(Double.NaN)))));
        assertFalse(InlineSql.canInline(List.of(new SqlStatement("SELECT ?", List.of(Float.POSITIVE_INFINITY)))));
    }

    @Test
    void aTransactionIsOneTextUnlessItIsLarge() {
        SqlStatement a = new SqlStatement("INSERT INTO t VALUES (?)", List.of(1L));
        SqlStatement b = new SqlStatement("DELETE FROM t WHERE id=?", List.of(2L));
        assertEquals(List.of("START TRANSACTION;INSERT INTO t VALUES (1);DELETE FROM t WHERE id=2;COMMIT"),
                InlineTransaction.texts(List.of(a, b), InlineTransaction.MAX_TEXT_CHARS));
        List<String> parts = InlineTransaction.texts(List.of(a, b, a), 40);
        assertEquals(List.of("START TRANSACTION;INSERT INTO t VALUES (1)", "DELETE FROM t WHERE id=2",
                "INSERT INTO t VALUES (1);COMMIT"), parts);
    }
}
