package io.dm4j.worker.sync.decode;

import static io.dm4j.worker.sync.decode.BinlogBytes.rowImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import io.dm4j.worker.schema.ColumnDef.Generated;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogBytes.Col;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BinlogDeserializers on real MariaDB events, on MySQL 8 compressed transactions, and against the stock library. */
// setChecksumType: the fixture has no FORMAT_DESCRIPTION event to learn CRC32 from; NEGATIVE_ONE: documented on purpose
@SuppressWarnings("deprecation")
class BinlogDeserializersTest {

    /**
     * Captured from MariaDB 10.11 (binlog_row_metadata=FULL, CRC32) after, with sql_mode=ALLOW_INVALID_DATES:
     * <pre>
     * create table t(id int primary key, tu tinyint unsigned, bu bigint unsigned, d decimal(20,6), f float, db double,
     *  v varchar(20) charset utf8mb4, l varchar(10) charset latin1, g varchar(10) charset gbk, b binary(4),
     *  vb varbinary(8), t text charset utf8mb4, bl blob, dt date, tm time(3), dtm datetime(6),
     *  ts timestamp(2) null default null, y year, bt bit(10), e enum('a','b','c'), s set('x','y','z'), j json,
     *  geo point, vc int as (id*10) virtual, sc varchar(30) as (concat(v,'!')) stored);
     * insert ... values (1,255,18446744073709551615,-0.000001,3.5,-1e300,'héllo 😀',_latin1 x'80e9',
     *  _gbk x'd6d0cec4',x'0100',x'000100','txt',x'00ff','0000-00-00','-01:02:03.450','2020-02-31 10:11:12.123456',
     *  '2023-11-14 22:13:20.50',0,b'1000000001','b','x,z','{"a": [1, "two"], "u": "\u00e9"}',
     *  ST_GeomFromText('POINT(1 2)')), (2, NULL...);
     * update t set tm='838:59:59.999', e='c' where id=1;  delete from t where id=2;
     * </pre>
     */
    private static List<byte[]> mariadbFixture() throws IOException {
        try (InputStream in = BinlogDeserializersTest.class.getResourceAsStream("/binlog/mariadb-10.11-all-types.hex")) {
            List<byte[]> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    events.add(HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).trim()));
                }
            }
            return events;
        }
    }

    private static TableSchema mariadbSchema() {
        return Columns.table("scratch_decode_x", "t",
                Columns.num("id", "int", false), Columns.num("tu", "tinyint", true), Columns.num("bu", "bigint", true),
                Columns.decimal("d", 20, 6), Columns.num("f", "float", false), Columns.num("db", "double", false),
                Columns.text("v", "varchar", 20, "utf8mb4", "utf8mb4_general_ci"),
                Columns.text("l", "varchar", 10, "latin1", "latin1_swedish_ci"),
                Columns.text("g", "varchar", 10, "gbk", "gbk_chinese_ci"), Columns.binary("b", "binary", 4),
                Columns.binary("vb", "varbinary", 8), Columns.text("t", "text", -1, "utf8mb4", "utf8mb4_general_ci"),
                Columns.binary("bl", "blob", -1), Columns.temporal("dt", "date", -1),
                Columns.temporal("tm", "time", 3), Columns.temporal("dtm", "datetime", 6),
                Columns.temporal("ts", "timestamp", 2), Columns.plain("y", "year"), Columns.bit("bt", 10),
                Columns.members("e", "enum", "a", "b", "c"), Columns.members("s", "set", "x", "y", "z"),
                Columns.text("j", "longtext", -1, "utf8mb4", "utf8mb4_bin"), Columns.plain("geo", "point"),
                Columns.generated(Columns.num("vc", "int", false), Generated.VIRTUAL),
                Columns.generated(Columns.text("sc", "varchar", 30, "utf8mb4", "utf8mb4_general_ci"),
                        Generated.STORED));
    }

    private static Object[] row1(String time, String enumLabel) {
        return new Object[] {1L, 255L, new BigInteger("18446744073709551615"), new BigDecimal("-0.000001"), 3.5f,
            -1e300, "héllo 😀", "€é", "中文", new byte[] {1, 0, 0, 0}, new byte[] {0, 1, 0}, "txt",
            new byte[] {0, (byte) 0xFF}, "0000-00-00", time, "2020-02-31 10:11:12.123456", "2023-11-14 22:13:20.50",
            0L, new byte[] {2, 1}, enumLabel, "x,z", "{\"a\": [1, \"two\"], \"u\": \"\\u00e9\"}",
            HexFormat.of().parseHex("000000000101000000000000000000F03F0000000000000040"), 10L, "héllo 😀!"};
    }

    @Test
    void mariadbWriteUpdateDeleteV1EventsDecodeExactly() throws Exception {
        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(ChecksumType.CRC32);
        List<Event> events = EventFeed.events(d, mariadbFixture().toArray(new byte[0][]));
        List<Object[]> rows = EventFeed.decodeAll(events, mariadbSchema(), ZoneOffset.UTC);
        assertEquals(5, rows.size()); // 2 inserted, update before + after, 1 deleted
        Object[] nullRow = new Object[25];
        nullRow[0] = 2L;
        nullRow[23] = 20L;
        assertArrayEquals(row1("-01:02:03.450", "b"), rows.get(0));
        assertArrayEquals(nullRow, rows.get(1));
        assertArrayEquals(row1("-01:02:03.450", "b"), rows.get(2));
        assertArrayEquals(row1("838:59:59.999", "c"), rows.get(3));
        assertArrayEquals(nullRow, rows.get(4));

        // the same TIMESTAMP in another task zone
        List<Object[]> tokyo = EventFeed.decodeAll(events, mariadbSchema(), ZoneOffset.ofHours(9));
        assertEquals("2023-11-15 07:13:20.50", tokyo.get(0)[16]);
    }

    @Test
    void configureWorksOnAnExistingDeserializer() throws Exception {
        EventDeserializer d = new EventDeserializer();
        BinlogDeserializers.configure(d);
        d.setChecksumType(ChecksumType.CRC32);
        List<Object[]> rows = EventFeed.decodeAll(EventFeed.events(d, mariadbFixture().toArray(new byte[0][])),
                mariadbSchema(), ZoneOffset.UTC);
        assertArrayEquals(row1("-01:02:03.450", "b"), rows.get(0));
    }

    @Test
    void theStockLibraryIsWrongWhereExactCellsRead() throws Exception {
        EventDeserializer stock = new EventDeserializer();
        stock.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        stock.setChecksumType(ChecksumType.CRC32);
        List<Event> events = EventFeed.events(stock, mariadbFixture().toArray(new byte[0][]));
        Serializable[] row = ((WriteRowsEventData) events.get(1).getData()).getRows().get(0);
        assertNull(row[13], "stock: DATE 0000-00-00 becomes null");
        assertNotEquals(-(3723L * 1_000_000 + 450_000), row[14], "stock: TIME -01:02:03.450 is garbled");
        assertEquals(1900, row[17], "stock: YEAR 0000 becomes 1900");
        assertInstanceOf(java.util.BitSet.class, row[18], "stock: BIT loses its width");
    }

    /** What each INVALID_DATE_AND_TIME_AS_* mode makes of zero and invalid dates: none keeps them apart. */
    @Test
    void noInvalidDateModeIsLossless() throws Exception {
        List<Col> cols = List.of(Col.date(), Col.date(), Col.date(), Col.datetime2(0));
        byte[] tableMap = BinlogBytes.tableMap(1, "db", "d", cols, null);
        byte[] rows = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 1, 4, BinlogBytes.all(4), List.of(rowImage(
                BinlogBytes.date(0, 0, 0), BinlogBytes.date(2020, 0, 15), BinlogBytes.date(0, 1, 1),
                BinlogBytes.datetime2(0, 0, 0, 0, 0, 0, 0, 0))));
        Object[][] expected = {
            {null, null, null, null}, // no mode
            {0L, 0L, 0L, 0L}, // _ZERO: same as 1970-01-01 00:00:00
            {-1L, -1L, -1L, -1L}, // _NEGATIVE_ONE: same as 1969-12-31 23:59:59.999999
            {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE}, // _MIN_VALUE: one marker for all
        };
        CompatibilityMode[] modes = {null, CompatibilityMode.INVALID_DATE_AND_TIME_AS_ZERO,
            CompatibilityMode.INVALID_DATE_AND_TIME_AS_NEGATIVE_ONE, CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE};
        for (int i = 0; i < modes.length; i++) {
            EventDeserializer stock = new EventDeserializer();
            if (modes[i] == null) {
                stock.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO);
            } else {
                stock.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO, modes[i]);
            }
            Serializable[] row = ((WriteRowsEventData) EventFeed.events(stock, tableMap, rows).get(1).getData())
                    .getRows().get(0);
            assertArrayEquals(expected[i], row, String.valueOf(modes[i]));
        }
        TableSchema s = Columns.table("db", "d", Columns.temporal("a", "date", -1), Columns.temporal("b", "date", -1),
                Columns.temporal("c", "date", -1), Columns.temporal("e", "datetime", 0));
        assertArrayEquals(new Object[] {"0000-00-00", "2020-00-15", "0000-01-01", "0000-00-00 00:00:00"},
                EventFeed.decodeAll(EventFeed.events(BinlogDeserializers.create(), tableMap, rows), s,
                        ZoneOffset.UTC).get(0));
    }

    @Test
    void compressedMysql8TransactionsUseTheExactDeserializersInside() throws Exception {
        TableSchema s = Columns.table("db", "c", Columns.num("id", "int", true), Columns.temporal("t", "time", 6),
                Columns.text("v", "char", 10, "latin1", "latin1_bin"));
        List<Col> cols = List.of(Col.longInt(), Col.time2(6), Col.charCol(10));
        byte[] inner = concat(BinlogBytes.tableMap(77, "db", "c", cols, null),
                BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 77, 3, BinlogBytes.all(3), List.of(rowImage(
                        BinlogBytes.le(0xFFFFFFFFL, 4), BinlogBytes.time2(true, 1, 2, 3, 450000, 6),
                        BinlogBytes.lengthPrefixed(new byte[] {(byte) 0x80}, 1)))));
        byte[] compressed = Zstd.compress(inner);
        BinlogBytes.Out header = new BinlogBytes.Out();
        header.u8(2).u8(1).packed(0); // compression type: zstd
        header.u8(3).u8(lengthOfPacked(inner.length)).packed(inner.length); // uncompressed size
        header.u8(1).u8(lengthOfPacked(compressed.length)).packed(compressed.length); // payload size
        header.u8(0); // end of header
        header.bytes(compressed);
        byte[] payloadEvent = BinlogBytes.event(40, header.toByteArray());

        List<Event> outer = EventFeed.events(BinlogDeserializers.create(), payloadEvent);
        TransactionPayloadEventData data = (TransactionPayloadEventData) outer.get(0).getData();
        List<Object[]> rows = EventFeed.decodeAll(data.getUncompressedEvents(), s, ZoneOffset.UTC);
        assertArrayEquals(new Object[] {4294967295L, "-01:02:03.450000", "€"}, rows.get(0));
    }

    private static int lengthOfPacked(long v) {
        return new BinlogBytes.Out().packed(v).toByteArray().length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
