package io.dm4j.worker.dump;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ValueEncodingTest {

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static String sql(ValueKind k, byte[] v) {
        return SqlLiterals.literal(k, v);
    }

    @Test
    void kindsFollowInformationSchemaTypes() {
        assertEquals(ValueKind.EXACT_NUMBER, ValueKind.of("bigint", null));
        assertEquals(ValueKind.EXACT_NUMBER, ValueKind.of("decimal", null));
        assertEquals(ValueKind.EXACT_NUMBER, ValueKind.of("year", null));
        assertEquals(ValueKind.FLOAT, ValueKind.of("float", null));
        assertEquals(ValueKind.DOUBLE, ValueKind.of("double", null));
        assertEquals(ValueKind.TEMPORAL, ValueKind.of("datetime", null));
        assertEquals(ValueKind.TEMPORAL, ValueKind.of("time", null));
        assertEquals(ValueKind.BIT, ValueKind.of("bit", null));
        assertEquals(ValueKind.JSON, ValueKind.of("json", "utf8mb4"));
        assertEquals(ValueKind.TEXT_UTF8, ValueKind.of("longtext", "utf8mb4"), "MariaDB JSON is longtext");
        assertEquals(ValueKind.TEXT_UTF8, ValueKind.of("varchar", "utf8mb3"));
        assertEquals(ValueKind.TEXT_UTF8, ValueKind.of("enum", "utf8"));
        assertEquals(ValueKind.TEXT_OTHER, ValueKind.of("varchar", "latin1"));
        assertEquals(ValueKind.TEXT_OTHER, ValueKind.of("char", "gbk"));
        assertEquals(ValueKind.TEXT_OTHER, ValueKind.of("inet6", null));
        assertEquals(ValueKind.BINARY, ValueKind.of("varchar", "binary"));
        assertEquals(ValueKind.BINARY, ValueKind.of("mediumblob", null));
        assertEquals(ValueKind.GEOMETRY, ValueKind.of("point", null));
        assertEquals(CsvLoad.UNHEX, ValueKind.BIT.csvLoad());
        assertEquals(CsvLoad.UTF8MB4, ValueKind.JSON.csvLoad());
        assertEquals(CsvLoad.DIRECT, ValueKind.GEOMETRY.csvLoad());
    }

    @Test
    void nullIsNotTheEmptyString() {
        assertEquals("NULL", sql(ValueKind.TEXT_UTF8, null));
        assertEquals("''", sql(ValueKind.TEXT_UTF8, new byte[0]));
        assertEquals("''", sql(ValueKind.BINARY, new byte[0]));
        assertEquals("\\N", CsvFields.field(ValueKind.TEXT_UTF8, null));
        assertEquals("\"\"", CsvFields.field(ValueKind.TEXT_UTF8, new byte[0]));
    }

    @Test
    void numbersStayAsTheServerPrintedThem() {
        assertEquals("18446744073709551615", sql(ValueKind.EXACT_NUMBER, b("18446744073709551615")));
        assertEquals("-12345678901234567890.0123456789", sql(ValueKind.EXACT_NUMBER, b("-12345678901234567890.0123456789")));
        assertEquals("0.30000000000000004e0", sql(ValueKind.DOUBLE, b("0.30000000000000004")), "a double literal, not DECIMAL");
        assertEquals("1.7976931348623157e308", sql(ValueKind.DOUBLE, b("1.7976931348623157e308")));
        assertEquals("-0e0", sql(ValueKind.DOUBLE, b("-0")));
        assertEquals("0.3333333432674408e0", sql(ValueKind.FLOAT, b("0.3333333432674408")));
        assertEquals("\"0.3333333432674408\"", CsvFields.field(ValueKind.FLOAT, b("0.3333333432674408")));
    }

    @Test
    void temporalValuesKeepFractionsAndZeroDates() {
        assertEquals("'2024-01-02 03:04:05.123456'", sql(ValueKind.TEMPORAL, b("2024-01-02 03:04:05.123456")));
        assertEquals("'0000-00-00 00:00:00'", sql(ValueKind.TEMPORAL, b("0000-00-00 00:00:00")));
        assertEquals("'-838:59:59.99'", sql(ValueKind.TEMPORAL, b("-838:59:59.99")));
    }

    @Test
    void utf8TextIsQuotedWithDoubledQuotes() {
        assertEquals("'it''s 😀 中文\n\ttab'", sql(ValueKind.TEXT_UTF8, b("it's 😀 中文\n\ttab")));
        assertEquals("'{\"a\": [1, 2]}'", sql(ValueKind.TEXT_UTF8, b("{\"a\": [1, 2]}")));
    }

    @Test
    void backslashNulAndCtrlZNeverAppearInQuotes() {
        // their meaning would depend on NO_BACKSLASH_ESCAPES or on the client
        assertEquals("0x615c62", sql(ValueKind.TEXT_UTF8, b("a\\b")));
        assertEquals("0x610062", sql(ValueKind.TEXT_UTF8, new byte[] {'a', 0, 'b'}));
        assertEquals("0x1a", sql(ValueKind.BINARY, new byte[] {0x1a}));
        assertEquals("_utf8mb4 0x7b2261223a225c6e227d", sql(ValueKind.JSON, b("{\"a\":\"\\n\"}")),
                "MySQL JSON must not receive a binary string");
        assertEquals("'{\"a\":1}'", sql(ValueKind.JSON, b("{\"a\":1}")));
    }

    @Test
    void otherCharsetsAndBinaryGoHexUnlessPlainAscii() {
        byte[] latin1 = "café".getBytes(ISO_8859_1);
        assertEquals("0x636166e9", sql(ValueKind.TEXT_OTHER, latin1));
        assertEquals("'cafe'", sql(ValueKind.TEXT_OTHER, b("cafe")));
        byte[] gbk = "中文".getBytes(Charset.forName("GBK"));
        assertEquals("0x" + HexFormat.of().formatHex(gbk), sql(ValueKind.TEXT_OTHER, gbk));
        assertEquals("0x00ff5c27", sql(ValueKind.BINARY, new byte[] {0, (byte) 0xff, 0x5c, 0x27}));
        assertEquals("'abc'", sql(ValueKind.BINARY, b("abc")));
        assertEquals("0xe4b8ad", sql(ValueKind.BINARY, b("中")), "non-ASCII bytes of binary data stay hex");
    }

    @Test
    void invalidUtf8InAUtf8ColumnIsCopiedAsBytes() {
        byte[] bad = {'a', (byte) 0xc3, '('};
        assertEquals("0x61c328", sql(ValueKind.TEXT_UTF8, bad));
        assertFalse(Utf8.isValid(bad));
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), "surrogate");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xc0, (byte) 0x80}), "overlong NUL");
        assertFalse(Utf8.isValid(new byte[] {(byte) 0xf0, (byte) 0x9f}), "truncated");
        assertTrue(Utf8.isValid(b("😀中é")));
    }

    @Test
    void bitAndGeometryAreHex() {
        assertEquals("0x0aaa", sql(ValueKind.BIT, new byte[] {0x0a, (byte) 0xaa}));
        assertEquals("\"0aaa\"", CsvFields.field(ValueKind.BIT, new byte[] {0x0a, (byte) 0xaa}));
        byte[] point = HexFormat.of().parseHex("000000000101000000000000000000f03f0000000000000040");
        assertEquals("0x000000000101000000000000000000f03f0000000000000040", sql(ValueKind.GEOMETRY, point));
    }

    @Test
    void csvEscapesOnlyWhatLoadDataInterprets() {
        byte[] v = {'a', '"', '\\', 0, '\n', '\r', 0x1a, ',', (byte) 0xe9};
        String f = CsvFields.field(ValueKind.TEXT_OTHER, v);
        assertEquals("\"a\\\"\\\\\\0\\n\\r\\Z,\u00e9\"", f);
        assertFalse(f.substring(1, f.length() - 1).contains("\n"), "a raw newline only ends a row");
    }
}
