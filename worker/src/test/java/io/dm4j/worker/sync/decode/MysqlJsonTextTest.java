package io.dm4j.worker.sync.decode;

import static io.dm4j.worker.sync.decode.BinlogBytes.lengthPrefixed;
import static io.dm4j.worker.sync.decode.BinlogBytes.rowImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogBytes.Col;
import io.dm4j.worker.sync.decode.JsonBinaryWriter.Opaque;
import io.dm4j.worker.sync.decode.JsonBinaryWriter.U16;
import io.dm4j.worker.sync.decode.JsonBinaryWriter.U32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MySQL binary JSON (column type 245) to JSON text, through the whole event path and directly. */
class MysqlJsonTextTest {

    private static String text(Object value, boolean large) throws Exception {
        return MysqlJsonText.fromBinary(JsonBinaryWriter.write(value, large));
    }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void objectsArraysAndLiteralsInBothFormats() throws Exception {
        Object doc = obj("b", Arrays.asList(true, false, null), "a", (short) 1, "cc", "x",
                "nested", obj("k", List.of(List.of(), obj())));
        String expected = "{\"a\": 1, \"b\": [true, false, null], \"cc\": \"x\", \"nested\": {\"k\": [[], {}]}}";
        assertEquals(expected, text(doc, false));
        assertEquals(expected, text(doc, true));
        assertEquals("null", text(null, false));
        assertEquals("true", text(true, false));
        assertEquals("\"top\"", text("top", false));
    }

    @Test
    void everyIntegerWidth() throws Exception {
        Object doc = Arrays.asList((short) -32768, new U16(65535), Integer.MIN_VALUE, new U32(4294967295L),
                Long.MIN_VALUE, new BigInteger("18446744073709551615"), (short) 0);
        String expected = "[-32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 0]";
        assertEquals(expected, text(doc, false));
        assertEquals(expected, text(doc, true));
    }

    @Test
    void doublesStayDoubles() throws Exception {
        Object doc = Arrays.asList(1.5, 1e7, 1e18, 1e300, -0.0, 0.1, 4.9e-324, 123456789.125, -2.5e-5);
        // a double printed as a plain integer would come back as an integer: every one keeps '.' or 'E'
        assertEquals("[1.5, 1.0E7, 1.0E18, 1.0E300, -0.0, 0.1, 4.9E-324, 1.23456789125E8, -2.5E-5]",
                text(doc, false));
    }

    @Test
    void stringsAreEscapedAndUnicodeKept() throws Exception {
        Object doc = obj("q\"k", "a\"b\\c/d\ne\tf\r\b\f\u0001\u001f", "u", "中文 😀 é");
        assertEquals("{\"u\": \"中文 😀 é\", \"q\\\"k\": \"a\\\"b\\\\c/d\\ne\\tf\\r\\b\\f\\u0001\\u001f\"}",
                text(doc, false));
    }

    @Test
    void largeDocumentsWithFourByteOffsets() throws Exception {
        String big = "x".repeat(70_000);
        Object doc = obj("big", big, "n", 7, "arr", Arrays.asList(new U32(1), -5, "tail"));
        String out = text(doc, true);
        // compared without printing 70 kB on failure
        String expected = "{\"n\": 7, \"arr\": [1, -5, \"tail\"], \"big\": \"" + big + "\"}";
        assertTrue(expected.equals(out), () -> "starts with " + out.substring(0, Math.min(80, out.length())));
        Object withUnsigned = Arrays.asList(new U32(4294967295L), Integer.MIN_VALUE, obj("k", new U32(2147483648L)));
        assertEquals("[4294967295, -2147483648, {\"k\": 2147483648}]", text(withUnsigned, true));
        assertEquals("[4294967295, -2147483648, {\"k\": 2147483648}]", text(withUnsigned, false));
    }

    @Test
    void opaqueTemporalDecimalAndBinaryValues() throws Exception {
        long dateTimePacked = packedDateTime(2015, 1, 15, 23, 24, 25, 500000);
        long datePacked = packedDateTime(2015, 1, 15, 0, 0, 0, 0);
        long negTime = -((((1L << 12) | (2L << 6) | 3L) << 24) + 450000);
        byte[] dec = concat(new byte[] {5, 2}, BinlogBytes.decimal("-123.45", 5, 2));
        Object doc = Arrays.asList(new Opaque(12, BinlogBytes.le(dateTimePacked, 8)),
                new Opaque(10, BinlogBytes.le(datePacked, 8)), new Opaque(11, BinlogBytes.le(negTime, 8)),
                new Opaque(246, dec), new Opaque(252, new byte[] {1, 2, (byte) 0xFF}));
        assertEquals("[\"2015-01-15 23:24:25.500000\", \"2015-01-15\", \"-01:02:03.450000\", -123.45, "
                + "\"base64:type252:AQL/\"]", text(doc, false));
    }

    @Test
    void emptyBinaryIsJsonNull() throws Exception {
        assertEquals("null", MysqlJsonText.fromBinary(new byte[0]));
    }

    @Test
    void jsonColumnsThroughTheEventPath() throws Exception {
        TableSchema s = Columns.table("db", "j", Columns.plain("j", "json"),
                Columns.text("mj", "longtext", -1, "utf8mb4", "utf8mb4_bin"), Columns.plain("mj2", "json"));
        byte[] binary = JsonBinaryWriter.write(obj("a", Arrays.asList((short) 1, "two")), false);
        byte[] mariaText = BinlogBytes.utf8("{\"a\": [1, \"two\"], \"e\": \"😀\"}");
        List<Object[]> rows = EventFeed.writeV2(s, ZoneOffset.UTC, List.of(Col.json(), Col.blob(4), Col.blob(4)), null,
                rowImage(lengthPrefixed(binary, 4), lengthPrefixed(mariaText, 4), lengthPrefixed(mariaText, 4)),
                rowImage(lengthPrefixed(new byte[0], 4), lengthPrefixed(new byte[0], 4), lengthPrefixed(mariaText, 4)));
        assertArrayEquals(new Object[] {"{\"a\": [1, \"two\"]}", "{\"a\": [1, \"two\"], \"e\": \"😀\"}",
            "{\"a\": [1, \"two\"], \"e\": \"😀\"}"}, rows.get(0));
        assertArrayEquals(new Object[] {"null", "", "{\"a\": [1, \"two\"], \"e\": \"😀\"}"}, rows.get(1));

        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, ZoneOffset.UTC,
                List.of(Col.json(), Col.blob(4), Col.blob(4)), null,
                rowImage(lengthPrefixed(new byte[] {0x0C, 0x05, 'a'}, 4), lengthPrefixed(mariaText, 4),
                        lengthPrefixed(mariaText, 4))));
        assertEquals(36010, e.code().code());
        assertTrue(e.getMessage().contains("`j`"), e.getMessage());
    }

    private static long packedDateTime(int y, int mo, int d, int h, int mi, int s, int micros) {
        long ymd = ((long) (y * 13 + mo) << 5) | d;
        long hms = ((long) h << 12) | ((long) mi << 6) | s;
        return (((ymd << 17) | hms) << 24) + micros;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(a);
        o.writeBytes(b);
        return o.toByteArray();
    }
}
