package io.dm4j.worker.sync.decode;

import static io.dm4j.worker.sync.decode.BinlogBytes.be;
import static io.dm4j.worker.sync.decode.BinlogBytes.f32;
import static io.dm4j.worker.sync.decode.BinlogBytes.f64;
import static io.dm4j.worker.sync.decode.BinlogBytes.le;
import static io.dm4j.worker.sync.decode.BinlogBytes.lengthPrefixed;
import static io.dm4j.worker.sync.decode.BinlogBytes.rowImage;
import static io.dm4j.worker.sync.decode.BinlogBytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.ColumnDef.Generated;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogBytes.Col;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RowDecoder on hand-built MySQL 5.6+/8.0 events (v2 rows events), run through BinlogDeserializers. */
class RowDecoderTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Object[] one(TableSchema schema, List<Col> cols, byte[]... cells) throws Exception {
        List<Object[]> rows = EventFeed.writeV2(schema, UTC, cols, null, rowImage(cells));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void integersAtSignedAndUnsignedLimits() throws Exception {
        TableSchema s = Columns.table("db", "ints",
                Columns.num("t", "tinyint", false), Columns.num("tu", "tinyint", true),
                Columns.num("s", "smallint", false), Columns.num("su", "smallint", true),
                Columns.num("m", "mediumint", false), Columns.num("mu", "mediumint", true),
                Columns.num("i", "int", false), Columns.num("iu", "int", true),
                Columns.num("b", "bigint", false), Columns.num("bu", "bigint", true));
        List<Col> cols = List.of(Col.tiny(), Col.tiny(), Col.shortInt(), Col.shortInt(), Col.int24(), Col.int24(),
                Col.longInt(), Col.longInt(), Col.longLong(), Col.longLong());
        List<Object[]> rows = EventFeed.writeV2(s, UTC, cols, null,
                rowImage(le(0x80, 1), le(0xFF, 1), le(0x8000, 2), le(0xFFFF, 2), le(0x800000, 3), le(0xFFFFFF, 3),
                        le(0x80000000L, 4), le(0xFFFFFFFFL, 4), le(Long.MIN_VALUE, 8), le(-1L, 8)),
                rowImage(le(0x7F, 1), le(0, 1), le(0x7FFF, 2), le(0, 2), le(0x7FFFFF, 3), le(0, 3),
                        le(0x7FFFFFFF, 4), le(0, 4), le(Long.MAX_VALUE, 8), le(Long.MAX_VALUE, 8)),
                rowImage(le(0xFF, 1), le(0x80, 1), le(0xFFFF, 2), le(0x8000, 2), le(0xFFFFFF, 3), le(0x800000, 3),
                        le(0xFFFFFFFFL, 4), le(0x80000000L, 4), le(-1L, 8), le(Long.MIN_VALUE, 8)));
        assertArrayEquals(new Object[] {-128L, 255L, -32768L, 65535L, -8388608L, 16777215L, -2147483648L,
                4294967295L, Long.MIN_VALUE, new BigInteger("18446744073709551615")}, rows.get(0));
        assertArrayEquals(new Object[] {127L, 0L, 32767L, 0L, 8388607L, 0L, 2147483647L, 0L, Long.MAX_VALUE,
                Long.MAX_VALUE}, rows.get(1));
        assertArrayEquals(new Object[] {-1L, 128L, -1L, 32768L, -1L, 8388608L, -1L, 2147483648L, -1L,
                new BigInteger("9223372036854775808")}, rows.get(2));
    }

    @Test
    void decimalsAtFullPrecision() throws Exception {
        String[][] cases = {
            {"65", "30", "99999999999999999999999999999999999.999999999999999999999999999999"},
            {"65", "30", "-99999999999999999999999999999999999.999999999999999999999999999999"},
            {"65", "30", "0.000000000000000000000000000001"},
            {"65", "30", "-0.000000000000000000000000000001"},
            {"20", "6", "-0.000001"},
            {"20", "6", "0.000000"},
            {"10", "2", "1.50"},
            {"10", "2", "-12345678.90"},
            {"5", "0", "-99999"},
            {"18", "9", "123456789.123456789"},
            {"19", "10", "-123456789.0123456789"},
            {"4", "4", "-0.9999"},
        };
        for (String[] c : cases) {
            int p = Integer.parseInt(c[0]);
            int sc = Integer.parseInt(c[1]);
            TableSchema s = Columns.table("db", "dec", Columns.decimal("d", p, sc));
            Object[] row = one(s, List.of(Col.decimal(p, sc)), BinlogBytes.decimal(c[2], p, sc));
            assertEquals(new BigDecimal(c[2]), row[0], "DECIMAL(" + p + "," + sc + ") " + c[2]);
            assertEquals(c[2], ((BigDecimal) row[0]).toPlainString(), "scale kept for " + c[2]);
        }
    }

    @Test
    void floatAndDoubleKeepTheirBitPatterns() throws Exception {
        float[] floats = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f, 0.1f, 3.4028235e38f, 1e-38f};
        double[] doubles = {Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.1, 1e300, -2.2250738585072014E-308};
        TableSchema s = Columns.table("db", "fl", Columns.num("f", "float", false), Columns.num("d", "double", false));
        for (int i = 0; i < floats.length; i++) {
            Object[] row = one(s, List.of(Col.floatCol(), Col.doubleCol()), f32(floats[i]),
                    f64(doubles[i % doubles.length]));
            assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits((Float) row[0]));
            assertEquals(Double.doubleToRawLongBits(doubles[i % doubles.length]),
                    Double.doubleToRawLongBits((Double) row[1]));
        }
    }

    @Test
    void negativeTime2WithEveryFsp() throws Exception {
        String[] expected = {"-01:02:03", "-01:02:03.4", "-01:02:03.45", "-01:02:03.450", "-01:02:03.4500",
            "-01:02:03.45000", "-01:02:03.450000"};
        for (int fsp = 0; fsp <= 6; fsp++) {
            TableSchema s = Columns.table("db", "tm", Columns.temporal("t", "time", fsp));
            int micros = fsp == 0 ? 0 : fsp == 1 ? 400000 : 450000;
            Object[] row = one(s, List.of(Col.time2(fsp)), BinlogBytes.time2(true, 1, 2, 3, micros, fsp));
            assertEquals(expected[fsp], row[0], "fsp " + fsp);
        }
    }

    @Test
    void time2EdgeValues() throws Exception {
        Object[][] cases = {
            // negative, h, m, s, micros, fsp, expected
            {true, 0, 0, 0, 10000, 2, "-00:00:00.01"},
            {true, 0, 0, 0, 990000, 2, "-00:00:00.99"},
            {true, 0, 0, 1, 0, 2, "-00:00:01.00"},
            {true, 0, 0, 1, 100000, 2, "-00:00:01.10"},
            {true, 0, 0, 0, 1, 6, "-00:00:00.000001"},
            {true, 0, 0, 0, 100, 4, "-00:00:00.0001"},
            {true, 838, 59, 59, 0, 0, "-838:59:59"},
            {true, 838, 59, 59, 999999, 6, "-838:59:59.999999"},
            {false, 838, 59, 59, 0, 0, "838:59:59"},
            {false, 100, 0, 0, 500000, 1, "100:00:00.5"},
            {false, 0, 0, 0, 0, 3, "00:00:00.000"},
            {false, 23, 59, 59, 999900, 4, "23:59:59.9999"},
            {false, 12, 34, 56, 123456, 6, "12:34:56.123456"},
            {true, 12, 34, 56, 123450, 5, "-12:34:56.12345"},
        };
        for (Object[] c : cases) {
            int fsp = (int) c[5];
            TableSchema s = Columns.table("db", "tm", Columns.temporal("t", "time", fsp));
            Object[] row = one(s, List.of(Col.time2(fsp)),
                    BinlogBytes.time2((boolean) c[0], (int) c[1], (int) c[2], (int) c[3], (int) c[4], fsp));
            assertEquals(c[6], row[0]);
        }
    }

    @Test
    void datetime2WithEveryFspAndZeroDates() throws Exception {
        for (int fsp = 0; fsp <= 6; fsp++) {
            TableSchema s = Columns.table("db", "dt", Columns.temporal("d", "datetime", fsp));
            int micros = new int[] {0, 900000, 990000, 999000, 999900, 999990, 999999}[fsp];
            String frac = fsp == 0 ? "" : "." + "999999".substring(0, fsp - 1) + (fsp == 1 ? "9" : "9");
            List<Object[]> rows = EventFeed.writeV2(s, UTC, List.of(Col.datetime2(fsp)), null,
                    rowImage(BinlogBytes.datetime2(9999, 12, 31, 23, 59, 59, micros, fsp)),
                    rowImage(BinlogBytes.datetime2(0, 0, 0, 0, 0, 0, 0, fsp)),
                    rowImage(BinlogBytes.datetime2(2020, 2, 31, 1, 2, 3, fsp == 0 ? 0 : 100000, fsp)),
                    rowImage(BinlogBytes.datetime2(1000, 1, 1, 0, 0, 0, fsp >= 6 ? 1 : 0, fsp)));
            String zeros = fsp == 0 ? "" : "." + "0".repeat(fsp);
            assertEquals("9999-12-31 23:59:59" + frac, rows.get(0)[0], "fsp " + fsp);
            assertEquals("0000-00-00 00:00:00" + zeros, rows.get(1)[0]);
            assertEquals("2020-02-31 01:02:03" + (fsp == 0 ? "" : ".1" + "0".repeat(fsp - 1)), rows.get(2)[0]);
            assertEquals("1000-01-01 00:00:00" + (fsp >= 6 ? ".000001" : zeros), rows.get(3)[0]);
        }
    }

    @Test
    void timestamp2InTheTaskZoneWithEveryFsp() throws Exception {
        long epoch = 1_700_000_000L; // 2023-11-14 22:13:20 UTC
        for (int fsp = 0; fsp <= 6; fsp++) {
            TableSchema s = Columns.table("db", "ts", Columns.temporal("t", "timestamp", fsp));
            int micros = new int[] {0, 100000, 120000, 123000, 123400, 123450, 123456}[fsp];
            byte[] tableMap = BinlogBytes.tableMap(7, "db", "ts", List.of(Col.timestamp2(fsp)), null);
            byte[] rows = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 7, 1, BinlogBytes.all(1), List.of(
                    rowImage(BinlogBytes.timestamp2(epoch, micros, fsp)), rowImage(BinlogBytes.timestamp2(0, 0, fsp)),
                    rowImage(BinlogBytes.timestamp2(1, 0, fsp))));
            String frac = fsp == 0 ? "" : "." + "123456".substring(0, fsp);
            if (fsp == 1) {
                frac = ".1";
            } else if (fsp == 2) {
                frac = ".12";
            }
            String zeros = fsp == 0 ? "" : "." + "0".repeat(fsp);
            var events = EventFeed.events(BinlogDeserializers.create(), tableMap, rows);
            List<Object[]> utc = EventFeed.decodeAll(events, s, UTC);
            List<Object[]> kolkata = EventFeed.decodeAll(events, s, ZoneId.of("+05:30"));
            List<Object[]> la = EventFeed.decodeAll(events, s, ZoneId.of("America/Los_Angeles"));
            assertEquals("2023-11-14 22:13:20" + frac, utc.get(0)[0]);
            assertEquals("2023-11-15 03:43:20" + frac, kolkata.get(0)[0]);
            assertEquals("2023-11-14 14:13:20" + frac, la.get(0)[0]);
            assertEquals("0000-00-00 00:00:00" + zeros, utc.get(1)[0], "zero timestamp");
            assertEquals("0000-00-00 00:00:00" + zeros, kolkata.get(1)[0], "zero timestamp in any zone");
            assertEquals("1970-01-01 00:00:01" + zeros, utc.get(2)[0]);
            assertEquals("1969-12-31 16:00:01" + zeros, la.get(2)[0]);
        }
    }

    @Test
    void datesYearsAndPre56TemporalTypes() throws Exception {
        TableSchema s = Columns.table("db", "d", Columns.temporal("d", "date", -1), Columns.plain("y", "year"),
                Columns.temporal("t", "time", 0), Columns.temporal("dt", "datetime", 0),
                Columns.temporal("ts", "timestamp", 0));
        List<Col> cols = List.of(Col.date(), Col.year(), Col.oldTime(), Col.oldDatetime(), Col.oldTimestamp());
        List<Object[]> rows = EventFeed.writeV2(s, UTC, cols, null,
                rowImage(BinlogBytes.date(0, 0, 0), le(0, 1), BinlogBytes.oldTime(-10203),
                        BinlogBytes.oldDatetime(0L), le(0, 4)),
                rowImage(BinlogBytes.date(2020, 0, 15), le(1, 1), BinlogBytes.oldTime(-8385959),
                        BinlogBytes.oldDatetime(20200231010203L), le(1_700_000_000L, 4)),
                rowImage(BinlogBytes.date(0, 1, 1), le(255, 1), BinlogBytes.oldTime(8385959),
                        BinlogBytes.oldDatetime(99991231235959L), le(2147483647L, 4)),
                rowImage(BinlogBytes.date(9999, 12, 31), le(124, 1), BinlogBytes.oldTime(0),
                        BinlogBytes.oldDatetime(10000101000000L), le(1, 4)));
        assertArrayEquals(new Object[] {"0000-00-00", 0L, "-01:02:03", "0000-00-00 00:00:00", "0000-00-00 00:00:00"},
                rows.get(0));
        assertArrayEquals(new Object[] {"2020-00-15", 1901L, "-838:59:59", "2020-02-31 01:02:03",
            "2023-11-14 22:13:20"}, rows.get(1));
        assertArrayEquals(new Object[] {"0000-01-01", 2155L, "838:59:59", "9999-12-31 23:59:59",
            "2038-01-19 03:14:07"}, rows.get(2));
        assertArrayEquals(new Object[] {"9999-12-31", 2024L, "00:00:00", "1000-01-01 00:00:00",
            "1970-01-01 00:00:01"}, rows.get(3));
    }

    @Test
    void textInEveryCharset() throws Exception {
        String[][] cases = {
            {"utf8mb4", "héllo 😀 𝄞 中文"},
            {"utf8mb3", "héllo 中文"},
            {"latin1", "€ŠžŸ©é"},
            {"gbk", "中文汉字，测试"},
            {"gb18030", "中文 😀 𠀀"},
            {"big5", "中文繁體"},
            {"ucs2", "héllo 中文"},
            {"utf16", "a😀中"},
            {"utf16le", "a😀中"},
            {"utf32", "a😀中"},
            {"ascii", "plain ascii ~"},
            {"sjis", "日本語テキスト"},
            {"euckr", "한국어"},
            {"cp1251", "Привет"},
        };
        for (String[] c : cases) {
            String javaName = switch (c[0]) {
                case "utf8mb4", "utf8mb3" -> "UTF-8";
                case "latin1" -> "windows-1252";
                case "ucs2", "utf16" -> "UTF-16BE";
                case "utf16le" -> "UTF-16LE";
                case "utf32" -> "UTF-32BE";
                case "ascii" -> "US-ASCII";
                case "sjis" -> "Shift_JIS";
                case "euckr" -> "EUC-KR";
                case "cp1251" -> "windows-1251";
                default -> c[0];
            };
            byte[] bytes = c[1].getBytes(Charset.forName(javaName));
            TableSchema s = Columns.table("db", "txt", Columns.text("v", "varchar", 100, c[0], c[0] + "_bin"),
                    Columns.text("c", "char", 60, c[0], c[0] + "_general_ci"),
                    Columns.text("t", "text", -1, c[0], c[0] + "_bin"));
            Object[] row = one(s, List.of(Col.varchar(400), Col.charCol(240), Col.blob(2)),
                    lengthPrefixed(bytes, 2), lengthPrefixed(bytes, 1), lengthPrefixed(bytes, 2));
            assertArrayEquals(new Object[] {c[1], c[1], c[1]}, row, c[0]);
        }
    }

    @Test
    void latin1IsMysqlsCp1252WithC1ControlsForItsGaps() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        TableSchema s = Columns.table("db", "l1", Columns.text("t", "blob", -1, "latin1", "latin1_swedish_ci"),
                Columns.text("v", "text", -1, "latin1", "latin1_bin"));
        Object[] row = one(s, List.of(Col.blob(2), Col.blob(2)), lengthPrefixed(all, 2), lengthPrefixed(all, 2));
        assertArrayEquals(all, (byte[]) row[0], "a BLOB column with a latin1 table default stays bytes");
        String text = (String) row[1];
        assertEquals(256, text.length());
        assertEquals('\u20AC', text.charAt(0x80));
        assertEquals('\u0081', text.charAt(0x81));
        assertEquals('\u008D', text.charAt(0x8D));
        assertEquals('\u008F', text.charAt(0x8F));
        assertEquals('\u0090', text.charAt(0x90));
        assertEquals('\u009D', text.charAt(0x9D));
        assertEquals('\u0178', text.charAt(0x9F));
        assertEquals('\u00FF', text.charAt(0xFF));
    }

    @Test
    void binaryPaddingIsRestoredAndBytesStayBytes() throws Exception {
        TableSchema s = Columns.table("db", "bin", Columns.binary("b", "binary", 4), Columns.binary("vb", "varbinary", 8),
                Columns.binary("bl", "blob", -1), Columns.text("bc", "char", 4, "binary", "binary"));
        List<Object[]> rows = EventFeed.writeV2(s, UTC, List.of(Col.charCol(4), Col.varchar(8), Col.blob(2),
                        Col.charCol(4)), null,
                rowImage(lengthPrefixed(new byte[] {1}, 1), lengthPrefixed(new byte[] {0, 1, 0}, 1),
                        lengthPrefixed(new byte[] {(byte) 0xFF, 0}, 2), lengthPrefixed(new byte[0], 1)),
                rowImage(lengthPrefixed(new byte[] {1, 2, 3, 4}, 1), lengthPrefixed(new byte[0], 1),
                        lengthPrefixed(new byte[0], 2), lengthPrefixed(new byte[] {0x20}, 1)));
        assertArrayEquals(new byte[] {1, 0, 0, 0}, (byte[]) rows.get(0)[0]);
        assertArrayEquals(new byte[] {0, 1, 0}, (byte[]) rows.get(0)[1]);
        assertArrayEquals(new byte[] {(byte) 0xFF, 0}, (byte[]) rows.get(0)[2]);
        assertArrayEquals(new byte[] {0, 0, 0, 0}, (byte[]) rows.get(0)[3]);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) rows.get(1)[0]);
        assertArrayEquals(new byte[0], (byte[]) rows.get(1)[1]);
        assertArrayEquals(new byte[0], (byte[]) rows.get(1)[2]);
        assertArrayEquals(new byte[] {0x20, 0, 0, 0}, (byte[]) rows.get(1)[3]);
    }

    @Test
    void bitsAreBigEndianBytesOfTheColumnWidth() throws Exception {
        TableSchema s = Columns.table("db", "bits", Columns.bit("b1", 1), Columns.bit("b10", 10),
                Columns.bit("b64", 64));
        List<Object[]> rows = EventFeed.writeV2(s, UTC, List.of(Col.bit(1), Col.bit(10), Col.bit(64)), null,
                rowImage(new byte[] {1}, be(0x3FF, 2), be(-1L, 8)),
                rowImage(new byte[] {0}, be(0x201, 2), be(0x0123456789ABCDEFL, 8)));
        assertArrayEquals(new byte[] {1}, (byte[]) rows.get(0)[0]);
        assertArrayEquals(new byte[] {3, (byte) 0xFF}, (byte[]) rows.get(0)[1]);
        assertArrayEquals(be(-1L, 8), (byte[]) rows.get(0)[2]);
        assertArrayEquals(new byte[] {0}, (byte[]) rows.get(1)[0]);
        assertArrayEquals(new byte[] {2, 1}, (byte[]) rows.get(1)[1]);
        assertArrayEquals(HexFormat.of().parseHex("0123456789abcdef"), (byte[]) rows.get(1)[2]);
    }

    @Test
    void enumAndSetBecomeLabels() throws Exception {
        String[] many = new String[64];
        for (int i = 0; i < 64; i++) {
            many[i] = "m" + i;
        }
        TableSchema s = Columns.table("db", "es", Columns.members("e", "enum", "a", "b", "c"),
                Columns.members("st", "set", "x", "y", "z"), Columns.members("big", "set", many));
        List<Object[]> rows = EventFeed.writeV2(s, UTC, List.of(Col.enumCol(1), Col.setCol(1), Col.setCol(8)), null,
                rowImage(le(1, 1), le(0b101, 1), le(-1L, 8)),
                rowImage(le(3, 1), le(0, 1), le(1L << 63, 8)),
                rowImage(le(0, 1), le(0b111, 1), le(1, 8)));
        assertArrayEquals(new Object[] {"a", "x,z", String.join(",", many)}, rows.get(0));
        assertArrayEquals(new Object[] {"c", "", "m63"}, rows.get(1));
        assertArrayEquals(new Object[] {"", "x,y,z", "m0"}, rows.get(2));

        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC,
                List.of(Col.enumCol(1), Col.setCol(1), Col.setCol(8)), null, rowImage(le(4, 1), le(0, 1), le(0, 8))));
        assertEquals(36007, e.code().code());
        DmException e2 = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC,
                List.of(Col.enumCol(1), Col.setCol(1), Col.setCol(8)), null, rowImage(le(1, 1), le(8, 1), le(0, 8))));
        assertEquals(36007, e2.code().code());
    }

    @Test
    void geometryIsHandedOverAsStored() throws Exception {
        byte[] point = HexFormat.of().parseHex("00000000" + "0101000000" + "000000000000F03F" + "0000000000000040");
        TableSchema s = Columns.table("db", "g", Columns.plain("p", "point"), Columns.plain("g", "geometry"));
        Object[] row = one(s, List.of(Col.geometry(), Col.geometry()), lengthPrefixed(point, 4),
                lengthPrefixed(point, 4));
        assertArrayEquals(point, (byte[]) row[0]);
        assertArrayEquals(point, (byte[]) row[1]);
    }

    @Test
    void nullsStayNull() throws Exception {
        TableSchema s = Columns.table("db", "n", Columns.num("i", "int", true), Columns.temporal("t", "time", 6),
                Columns.text("v", "varchar", 10, "utf8mb4", "utf8mb4_bin"), Columns.plain("j", "json"));
        Object[] row = one(s, List.of(Col.longInt(), Col.time2(6), Col.varchar(40), Col.json()),
                null, null, null, null);
        assertArrayEquals(new Object[] {null, null, null, null}, row);
    }

    @Test
    void columnCountMismatchNamesTableAndCounts() {
        TableSchema s = Columns.table("shop", "orders", Columns.num("id", "int", false),
                Columns.num("qty", "int", false), Columns.num("extra", "int", false));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC,
                List.of(Col.longInt(), Col.longInt()), null, rowImage(le(1, 4), le(2, 4))));
        assertEquals(36001, e.code().code());
        assertEquals("ErrSyncerUnitDMLColumnNotMatch", e.code().name());
        assertTrue(e.getMessage().contains("column count mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("shop.orders"), e.getMessage());
        assertTrue(e.getMessage().contains("binlog row has 2 columns"), e.getMessage());
        assertTrue(e.getMessage().contains("tracked table structure has 3"), e.getMessage());
    }

    @Test
    void virtualColumnsMapWhetherOrNotTheBinlogCarriesThem() throws Exception {
        ColumnDef v = Columns.generated(Columns.num("v", "int", false), Generated.VIRTUAL);
        ColumnDef st = Columns.generated(Columns.num("s", "int", false), Generated.STORED);
        TableSchema s = Columns.table("db", "gen", Columns.num("id", "int", false), v, st,
                Columns.num("x", "int", false));
        Object[] logged = one(s, List.of(Col.longInt(), Col.longInt(), Col.longInt(), Col.longInt()),
                le(1, 4), le(2, 4), le(3, 4), le(4, 4));
        assertArrayEquals(new Object[] {1L, 2L, 3L, 4L}, logged);
        Object[] skipped = one(s, List.of(Col.longInt(), Col.longInt(), Col.longInt()), le(1, 4), le(3, 4),
                le(4, 4));
        assertArrayEquals(new Object[] {1L, null, 3L, 4L}, skipped);
    }

    @Test
    void columnNamesFromFullMetadataMustMatch() throws Exception {
        TableSchema s = Columns.table("db", "nm", Columns.num("id", "int", false), Columns.num("qty", "int", false));
        List<Object[]> ok = EventFeed.writeV2(s, UTC, List.of(Col.longInt(), Col.longInt()),
                BinlogBytes.columnNames("ID", "Qty"), rowImage(le(1, 4), le(2, 4)));
        assertArrayEquals(new Object[] {1L, 2L}, ok.get(0));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC,
                List.of(Col.longInt(), Col.longInt()), BinlogBytes.columnNames("id", "amount"),
                rowImage(le(1, 4), le(2, 4))));
        assertEquals(36002, e.code().code());
        assertTrue(e.getMessage().contains("`amount`") && e.getMessage().contains("`qty`"), e.getMessage());
    }

    @Test
    void typeDisagreementMeansTheTrackedStructureIsStale() {
        TableSchema s = Columns.table("db", "ty", Columns.num("id", "int", false));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC, List.of(Col.varchar(40)),
                null, rowImage(lengthPrefixed(utf8("x"), 1))));
        assertEquals(36003, e.code().code());
    }

    @Test
    void unsupportedCharsetIsReportedWithTheSupportedOnes() {
        TableSchema s = Columns.table("db", "cs", Columns.text("v", "varchar", 10, "armscii8", "armscii8_bin"));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC, List.of(Col.varchar(10)),
                null, rowImage(lengthPrefixed(utf8("x"), 1))));
        assertEquals(36005, e.code().code());
        assertTrue(e.getMessage().contains("armscii8") && e.getMessage().contains("gbk"), e.getMessage());
    }

    @Test
    void invalidTextIsAnErrorNotSilentReplacement() {
        TableSchema s = Columns.table("db", "bad", Columns.text("v", "varchar", 10, "utf8mb4", "utf8mb4_bin"));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC, List.of(Col.varchar(40)),
                null, rowImage(lengthPrefixed(new byte[] {(byte) 0xC3, 0x28}, 1))));
        assertEquals(36006, e.code().code());
        assertTrue(e.getMessage().contains("c328"), e.getMessage());
    }

    @Test
    void rowImageWithoutAStoredColumnIsRefused() throws Exception {
        TableSchema s = Columns.table("db", "min", Columns.num("id", "int", false), Columns.num("x", "int", false),
                Columns.generated(Columns.num("v", "int", false), Generated.VIRTUAL));
        List<Col> cols = List.of(Col.longInt(), Col.longInt(), Col.longInt());
        byte[] tableMap = BinlogBytes.tableMap(9, "db", "min", cols, null);
        byte[] minimalVirtual = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 9, 3, new boolean[] {true, true, false},
                List.of(rowImage(le(1, 4), le(2, 4))));
        var events = EventFeed.events(BinlogDeserializers.create(), tableMap, minimalVirtual);
        assertArrayEquals(new Object[] {1L, 2L, null}, EventFeed.decodeAll(events, s, UTC).get(0));

        byte[] minimal = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 9, 3, new boolean[] {true, false, true},
                List.of(rowImage(le(1, 4), le(3, 4))));
        var events2 = EventFeed.events(BinlogDeserializers.create(), tableMap, minimal);
        DmException e = assertThrows(DmException.class, () -> EventFeed.decodeAll(events2, s, UTC));
        assertEquals(36008, e.code().code());
        assertTrue(e.getMessage().contains("lacks column(s) x"), e.getMessage());
    }

    @Test
    void updateAndDeleteV2ImagesDecode() throws Exception {
        TableSchema s = Columns.table("db", "ud", Columns.num("id", "int", false), Columns.temporal("t", "time", 2));
        List<Col> cols = List.of(Col.longInt(), Col.time2(2));
        byte[] tableMap = BinlogBytes.tableMap(5, "db", "ud", cols, null);
        byte[] update = BinlogBytes.rows(BinlogBytes.UPDATE_ROWS_V2, 5, 2, BinlogBytes.all(2), List.of(
                rowImage(le(1, 4), BinlogBytes.time2(true, 0, 0, 1, 500000, 2)),
                rowImage(le(1, 4), BinlogBytes.time2(false, 0, 0, 1, 500000, 2))));
        byte[] delete = BinlogBytes.rows(BinlogBytes.DELETE_ROWS_V2, 5, 2, BinlogBytes.all(2), List.of(
                rowImage(le(1, 4), null)));
        List<Object[]> rows = EventFeed.decodeAll(EventFeed.events(BinlogDeserializers.create(), tableMap, update,
                delete), s, UTC);
        assertEquals(3, rows.size());
        assertArrayEquals(new Object[] {1L, "-00:00:01.50"}, rows.get(0));
        assertArrayEquals(new Object[] {1L, "00:00:01.50"}, rows.get(1));
        assertArrayEquals(new Object[] {1L, null}, rows.get(2));
    }

    @Test
    void unknownDataTypeIsUnsupported() {
        TableSchema s = Columns.table("db", "u", Columns.plain("v", "vector"));
        DmException e = assertThrows(DmException.class, () -> EventFeed.writeV2(s, UTC, List.of(Col.varchar(40)),
                null, rowImage(lengthPrefixed(utf8("x"), 1))));
        assertEquals(36004, e.code().code());
    }

    @Test
    void decodeInOneCallEqualsLayoutThenDecode() throws Exception {
        TableSchema s = Columns.table("db", "x", Columns.num("id", "int", true));
        byte[] tableMap = BinlogBytes.tableMap(3, "db", "x", List.of(Col.longInt()), null);
        byte[] rows = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 3, 1, BinlogBytes.all(1),
                List.of(rowImage(le(0xFFFFFFFFL, 4))));
        var events = EventFeed.events(BinlogDeserializers.create(), tableMap, rows);
        var tm = (com.github.shyiko.mysql.binlog.event.TableMapEventData) events.get(0).getData();
        var w = (com.github.shyiko.mysql.binlog.event.WriteRowsEventData) events.get(1).getData();
        assertArrayEquals(new Object[] {4294967295L},
                new RowDecoder(UTC).decode(tm, s, w.getIncludedColumns(), w.getRows().get(0)));
        assertNull(new RowDecoder(UTC).decode(tm, s, w.getIncludedColumns(),
                new java.io.Serializable[] {null})[0]);
    }
}
