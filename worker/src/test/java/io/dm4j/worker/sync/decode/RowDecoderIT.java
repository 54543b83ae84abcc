package io.dm4j.worker.sync.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.InlineSql;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every column type written upstream, read back from the binlog, decoded by RowDecoder, inserted downstream
 * with plain prepared statements (and again as SQL texts with the values written in as literals) and compared byte
 * for byte, for several task time zones.
 */
@ExtendWith(DatabasesExtension.class)
public class RowDecoderIT {
    public static final String COLUMNS = """
            id int primary key,
            ti tinyint, tiu tinyint unsigned, si smallint, siu smallint unsigned, mi mediumint,
            miu mediumint unsigned, i int, iu int unsigned, bi bigint, biu bigint unsigned,
            dec65 decimal(65,30), dec6 decimal(20,6), f float, d double,
            c_utf8 varchar(50) charset utf8mb4 collate utf8mb4_general_ci,
            c_utf8bin varchar(50) charset utf8mb4 collate utf8mb4_bin,
            c_latin1 varchar(50) charset latin1, c_latin1bin char(10) charset latin1 collate latin1_bin,
            c_gbk varchar(50) charset gbk, c_gbkbin varchar(50) charset gbk collate gbk_bin,
            c_big5 varchar(20) charset big5, c_ucs2 varchar(20) charset ucs2, c_utf16 varchar(20) charset utf16,
            c_utf16le varchar(20) charset utf16le, c_utf32 varchar(20) charset utf32,
            c_ascii varchar(20) charset ascii, c_cp1251 varchar(20) charset cp1251, c_sjis varchar(20) charset sjis,
            t_text text charset utf8mb4, t_latin1 text charset latin1, ch char(5) charset utf8mb4,
            bn binary(4), vb varbinary(10), bl blob, tb tinyblob, mb mediumblob,
            dt0 date, tm0 time, tm3 time(3), tm6 time(6), dtm0 datetime, dtm3 datetime(3), dtm6 datetime(6),
            ts0 timestamp null default null, ts3 timestamp(3) null default null, ts6 timestamp(6) null default null,
            yr year, b1 bit(1), b10 bit(10), b64 bit(64),
            e enum('a','b','c d'), s set('x','y','z'), j json,
            g_point point, g_poly polygon, g_geom geometry,
            v_virt bigint as (i + 1) virtual, s_stored varchar(60) as (concat(c_utf8, '!')) stored
            """;

    private static final String ALL_LATIN1_BYTES = allBytesHex();

    /** The stored (non-generated) columns, in the order of {@link #ROWS}. */
    public static final String INSERT_COLUMNS = "id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, dec65, dec6, f, d, c_utf8,"
            + " c_utf8bin, c_latin1, c_latin1bin, c_gbk, c_gbkbin, c_big5, c_ucs2, c_utf16, c_utf16le, c_utf32, c_ascii,"
            + " c_cp1251, c_sjis, t_text, t_latin1, ch, bn, vb, bl, tb, mb, dt0, tm0, tm3, tm6, dtm0, dtm3, dtm6,"
            + " ts0, ts3, ts6, yr, b1, b10, b64, e, s, j, g_point, g_poly, g_geom";

    /** Rows, each inserted in its own session time zone. */
    public static final String[][] ROWS = {
        {"+00:00", """
            (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,
             '-99999999999999999999999999999999999.999999999999999999999999999999', '-0.000001', 0.1, 0.1,
             'héllo 😀 𝄞 中文', 'ABC abc 😀', 'Ünïcödé €‚ƒ„', 'ab', '中文·测试', '汉字', '繁體', 'é中', 'a😀',
             'b😀', 'c😀', '~!@', 'Привет', '日本',
             'text with \\n newline, \\\\ backslash and \\' quote', _latin1 x'%s', 'ab',
             x'0100', x'000100', x'00ff00', x'', x'01',
             '0000-00-00', '-838:59:59', '-01:02:03.450', '-00:00:00.000001', '0000-00-00 00:00:00',
             '2020-02-31 10:11:12.123', '1000-01-01 00:00:00.000001', '0000-00-00 00:00:00',
             '1970-01-01 00:00:01.000', '2038-01-19 03:14:07.999999', 0,
             b'0', b'1000000001', b'1111111111111111111111111111111111111111111111111111111111111111',
             'c d', 'x,z', '{"a": [1, 2.5, "x"], "b": {"c": null}, "e": "é\\\\n"}',
             ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,3 2,3 3,2 2))'),
             ST_GeomFromText('POINT(3 4)', 4326))""".formatted(ALL_LATIN1_BYTES)},
        {"+05:30", """
            (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807,
             18446744073709551615,
             '99999999999999999999999999999999999.999999999999999999999999999999', '12345678901234.567890',
             3.40282e38, 1.7976931348623157e308,
             '', 'Z', 'x', 'x', '—…“”', 'ａｂ', '中', 'ÿ', '𝄞', '𝄞', '𝄞', '', 'ё', 'ｱ',
             '', '', '', x'01020304', x'', x'', x'ff', x'00',
             '9999-12-31', '838:59:59', '838:59:59.999', '-838:59:59.000000', '9999-12-31 23:59:59',
             '9999-12-31 23:59:59.999', '2024-02-29 12:34:56.789012', '2023-11-15 03:43:20',
             '2038-01-19 08:44:07.999', '2000-01-01 00:00:00.5', 2155,
             b'1', b'1111111111', 0, 'a', 'x,y,z', '[1, -2, 3.5e10, true, false, null, "\\\\u0000", 18446744073709551615]',
             ST_GeomFromText('POINT(-1.5 1e300)'), ST_GeomFromText('POLYGON((0 0,1 0,0 1,0 0))'),
             ST_GeomFromText('LINESTRING(0 0,1 1,2 1)'))"""},
        {"+00:00", "(3" + ", NULL".repeat(56) + ")"},
        {"-08:00", """
            (4, 0, 1, -1, 1, -1, 1, -1, 1, -1, 9223372036854775808, '0.000000000000000000000000000001', '0.000000',
             -0e0, -2.2250738585072014e-308,
             'a  ', 'trailing  ', _latin1 x'818d8f909d', 'x  ', '', '', '', '', '', '', '', '', '', '',
             '  ', _latin1 x'00', 'x  ', x'00000000', x'0000', x'00', x'00', x'',
             '2020-00-15', '00:00:00', '-00:00:00.001', '100:00:00.5', '2020-00-00 00:00:00',
             '0000-01-01 00:00:00.000', '2020-02-30 23:59:59.999999', '1969-12-31 16:00:01',
             '2000-02-29 23:59:59.999', '1999-12-31 16:00:00.000001', 1901,
             b'0', b'0000000001', b'1000000000000000000000000000000000000000000000000000000000000000',
             'zzz', '', '"just a string"', NULL, NULL, ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1))'))"""},
    };

    @Test
    void everyTypeRoundTripsByteForByte(TestDatabases dbs) throws Exception {
        String schema = dbs.freshSchema("decode_it");
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        String insertColumns = INSERT_COLUMNS;
        TestDatabases.exec(up, "CREATE TABLE `" + schema + "`.t (" + COLUMNS + ")");

        BinlogCapture.Position from = BinlogCapture.masterStatus(up);
        try (Connection c = up.connect(schema); Statement st = c.createStatement()) {
            st.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            for (String[] row : ROWS) {
                st.execute("SET SESSION time_zone = '" + row[0] + "'");
                st.execute("INSERT INTO t (" + insertColumns + ") VALUES " + row[1]);
            }
        }
        BinlogCapture.Position to = BinlogCapture.masterStatus(up);
        List<Event> events = BinlogCapture.read(up, from, to);

        TableSchema tracked;
        try (Connection c = up.connect()) {
            tracked = InformationSchemaTables.load(c, schema, "t");
        }
        TestDatabases.exec(down, "CREATE DATABASE `" + schema + "`");
        for (ZoneId zone : List.of(ZoneId.of("+00:00"), ZoneId.of("+05:30"), ZoneId.of("-08:00"))) {
            List<Object[]> decoded = EventFeed.decodeAll(events, tracked, zone);
            assertEquals(ROWS.length, decoded.size());
            if (zone.getId().equals("Z")) {
                checkJavaValues(decoded);
            }
            String table = zone.getId().equals("Z") ? "t_utc" : "t_" + zone.getId().replaceAll("[^0-9]", "");
            TestDatabases.exec(down, "CREATE TABLE `" + schema + "`." + table + " (" + COLUMNS + ")");
            insertDownstream(down, schema, table, tracked, decoded, zone);
            compare(up, schema, "t", down, table, tracked);
            // the same values written into the SQL text as literals (the sync unit's multi-statement path), in a
            // session with and without NO_BACKSLASH_ESCAPES: stored exactly as the prepared statements stored them
            for (String mode : List.of("ALLOW_INVALID_DATES", "ALLOW_INVALID_DATES,NO_BACKSLASH_ESCAPES")) {
                String inline = table + (mode.contains("NO_BACKSLASH") ? "_inline_nbe" : "_inline");
                TestDatabases.exec(down, "CREATE TABLE `" + schema + "`." + inline + " (" + COLUMNS + ")");
                insertInline(down, schema, inline, tracked, decoded, zone, mode);
                compare(up, schema, "t", down, inline, tracked);
                compare(down, schema, table, down, inline, tracked);
            }
        }
    }

    /** A few exact Java values, so that a change of representation is caught even if MySQL would accept it. */
    private static void checkJavaValues(List<Object[]> rows) {
        Object[] r1 = rows.get(0);
        Object[] r2 = rows.get(1);
        Object[] r4 = rows.get(3);
        assertEquals(-128L, r1[1]);
        assertEquals(new BigInteger("18446744073709551615"), r2[10]);
        assertEquals(9223372036854775807L, r2[9]);
        assertEquals(new BigInteger("9223372036854775808"), r4[10]);
        assertEquals(new BigDecimal("-0.000001"), r1[12]);
        assertEquals("héllo 😀 𝄞 中文", r1[15]);
        assertEquals("Ünïcödé €‚ƒ„", r1[17]);
        assertEquals("\u0081\u008D\u008F\u0090\u009D", r4[17]);
        assertEquals("中文·测试", r1[19]);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, (byte[]) r1[32]);
        assertArrayEquals(new byte[] {0, 0, 0, 0}, (byte[]) r4[32]);
        assertEquals("0000-00-00", r1[37]);
        assertEquals("-838:59:59", r1[38]);
        assertEquals("-01:02:03.450", r1[39]);
        assertEquals("-00:00:00.000001", r1[40]);
        assertEquals("0000-00-00 00:00:00", r1[41]);
        assertEquals("2020-02-31 10:11:12.123", r1[42]);
        assertEquals("0000-00-00 00:00:00", r1[44]);
        assertEquals("2023-11-14 22:13:20", r2[44]);
        assertEquals("1970-01-01 00:00:01", r4[44]);
        assertEquals("2020-00-15", r4[37]);
        assertEquals("100:00:00.500000", r4[40]);
        assertEquals(0L, r1[47]);
        assertArrayEquals(new byte[] {2, 1}, (byte[]) r1[49]);
        assertArrayEquals(HexFormat.of().parseHex("8000000000000000"), (byte[]) r4[50]);
        assertEquals("c d", r1[51]);
        assertEquals("", r4[51]);
        assertEquals("x,z", r1[52]);
        for (int i = 1; i < r2.length; i++) {
            if (i != 57) { // v_virt = i + 1 is NULL for a NULL i
                assertNull(rows.get(2)[i], "column " + i + " of the NULL row");
            }
        }
        assertTrue(((byte[]) r1[54]).length == 25 && ((byte[]) r1[54])[0] == 0, "POINT with SRID prefix 0");
    }

    private static void insertDownstream(DbEndpoint down, String schema, String table, TableSchema tracked,
                                         List<Object[]> rows, ZoneId zone) throws SQLException {
        List<Integer> writable = writableColumns(tracked);
        String sql = insertSql(schema, table, tracked, writable);
        try (Connection c = down.connect(schema)) {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION time_zone = '" + zone.getId().replace("Z", "+00:00") + "'");
                st.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int p = 0; p < writable.size(); p++) {
                        JdbcValues.bind(ps, p + 1, row[writable.get(p)]);
                    }
                    ps.executeUpdate();
                }
            }
        }
    }

    private static List<Integer> writableColumns(TableSchema tracked) {
        List<Integer> writable = new ArrayList<>();
        for (int i = 0; i < tracked.columns().size(); i++) {
            if (tracked.columns().get(i).writable()) {
                writable.add(i);
            }
        }
        return writable;
    }

    private static String insertSql(String schema, String table, TableSchema tracked, List<Integer> writable) {
        return "INSERT INTO " + new TableId(schema, table).quoted() + " ("
                + writable.stream().map(i -> TableId.quote(tracked.columns().get(i).name())).collect(Collectors.joining(", "))
                + ") VALUES (" + writable.stream().map(i -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** Like {@link #insertDownstream}, each row as one SQL text with its values written in ({@link InlineSql}). */
    private static void insertInline(DbEndpoint down, String schema, String table, TableSchema tracked,
                                     List<Object[]> rows, ZoneId zone, String sqlMode) throws SQLException {
        List<Integer> writable = writableColumns(tracked);
        String sql = insertSql(schema, table, tracked, writable);
        try (Connection c = down.connect(schema); Statement st = c.createStatement()) {
            st.execute("SET SESSION time_zone = '" + zone.getId().replace("Z", "+00:00") + "'");
            st.execute("SET SESSION sql_mode = '" + sqlMode + "'");
            for (Object[] row : rows) {
                List<Object> params = new ArrayList<>();
                for (int w : writable) {
                    params.add(row[w]);
                }
                SqlStatement s = new SqlStatement(sql, params);
                assertTrue(InlineSql.canInline(List.of(s)));
                st.execute(InlineSql.text(s));
            }
        }
    }

    /** Upstream and downstream rows compared column by column on their stored bytes. */
    private static void compare(DbEndpoint up, String schema, String upTable, DbEndpoint down, String downTable,
                                TableSchema tracked) throws SQLException {
        String exprs = tracked.columns().stream().map(RowDecoderIT::exactExpression).collect(Collectors.joining(", "));
        List<List<String>> expected = query(up, schema, "SELECT " + exprs + " FROM " + upTable + " ORDER BY id");
        List<List<String>> actual = query(down, schema, "SELECT " + exprs + " FROM " + downTable + " ORDER BY id");
        assertEquals(expected.size(), actual.size(), downTable + " row count");
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < tracked.columns().size(); c++) {
                assertEquals(expected.get(r).get(c), actual.get(r).get(c),
                        downTable + " row " + (r + 1) + " column " + tracked.columns().get(c).name());
            }
        }
        // FLOAT and DOUBLE by bit pattern, read through the binary protocol
        String sql = "SELECT f, d FROM %s ORDER BY id";
        List<long[]> upBits = floatBits(up, schema, sql.formatted(upTable));
        List<long[]> downBits = floatBits(down, schema, sql.formatted(downTable));
        for (int r = 0; r < upBits.size(); r++) {
            assertArrayEquals(upBits.get(r), downBits.get(r), downTable + " row " + (r + 1) + " FLOAT/DOUBLE bits");
        }
    }

    private static String exactExpression(ColumnDef c) {
        String col = TableId.quote(c.name());
        return switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "year", "float", "double",
                 "date", "time", "datetime" -> "CAST(" + col + " AS CHAR)";
            case "timestamp" -> "CONCAT(UNIX_TIMESTAMP(" + col + "), '|', CAST(" + col + " AS CHAR))";
            case "enum", "set" -> "CONCAT(" + col + " + 0, ':', HEX(" + col + "))";
            default -> "HEX(" + col + ")"; // text in its own charset, binary, bit, geometry, json
        };
    }

    private static List<List<String>> query(DbEndpoint db, String schema, String sql) throws SQLException {
        try (Connection c = db.connect(schema); Statement st = c.createStatement()) {
            st.execute("SET SESSION time_zone = '+00:00'");
            try (ResultSet rs = st.executeQuery(sql)) {
                List<List<String>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static List<long[]> floatBits(DbEndpoint db, String schema, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(schema) + "&useServerPrepStmts=true", db.user(),
                db.password()); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<long[]> out = new ArrayList<>();
            while (rs.next()) {
                float f = rs.getFloat(1);
                boolean fNull = rs.wasNull();
                double d = rs.getDouble(2);
                boolean dNull = rs.wasNull();
                out.add(new long[] {fNull ? -1 : Float.floatToRawIntBits(f), dNull ? -1 : Double.doubleToRawLongBits(d)});
            }
            return out;
        }
    }

    private static String allBytesHex() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return HexFormat.of().formatHex(b);
    }
}
