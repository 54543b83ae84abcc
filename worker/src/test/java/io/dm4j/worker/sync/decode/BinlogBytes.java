package io.dm4j.worker.sync.decode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds binlog events byte by byte from the formats MySQL documents (libbinlogevents, sql/field.cc,
 * mysys/my_time.cc, strings/decimal.c), independently of the code under test.
 */
public final class BinlogBytes {
    static final int WRITE_ROWS_V1 = 23;
    static final int UPDATE_ROWS_V1 = 24;
    static final int DELETE_ROWS_V1 = 25;
    static final int TABLE_MAP = 19;
    static final int WRITE_ROWS_V2 = 30;
    static final int UPDATE_ROWS_V2 = 31;
    static final int DELETE_ROWS_V2 = 32;

    private BinlogBytes() {
    }

    /** A v4 event: 19-byte header (no checksum) followed by {@code data}. */
    static byte[] event(int type, byte[] data) {
        Out o = new Out();
        o.le(1_700_000_000L, 4).u8(type).le(1, 4).le(19 + data.length, 4).le(0, 4).le(0, 2).bytes(data);
        return o.toByteArray();
    }

    /** Growable little-endian/big-endian writer (also used by the stream tests). */
    public static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Out u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        public Out le(long v, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        public Out be(long v, int n) {
            for (int i = n - 1; i >= 0; i--) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        public Out bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        /** MySQL length-encoded (packed) integer. */
        public Out packed(long v) {
            if (v < 251) {
                return u8((int) v);
            }
            if (v < 1 << 16) {
                return u8(0xFC).le(v, 2);
            }
            if (v < 1 << 24) {
                return u8(0xFD).le(v, 3);
            }
            return u8(0xFE).le(v, 8);
        }

        public Out bitmap(boolean[] bits) {
            byte[] b = new byte[(bits.length + 7) / 8];
            for (int i = 0; i < bits.length; i++) {
                if (bits[i]) {
                    b[i / 8] |= (byte) (1 << (i % 8));
                }
            }
            return bytes(b);
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** One column of a TABLE_MAP: binlog type code and its metadata bytes as MySQL writes them. */
    record Col(int type, byte[] meta) {
        static Col of(int type, int... metaBytes) {
            byte[] m = new byte[metaBytes.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) metaBytes[i];
            }
            return new Col(type, m);
        }

        static Col tiny() {
            return of(1);
        }

        static Col shortInt() {
            return of(2);
        }

        static Col int24() {
            return of(9);
        }

        static Col longInt() {
            return of(3);
        }

        static Col longLong() {
            return of(8);
        }

        static Col floatCol() {
            return of(4, 4);
        }

        static Col doubleCol() {
            return of(5, 8);
        }

        static Col decimal(int precision, int scale) {
            return of(246, precision, scale);
        }

        static Col year() {
            return of(13);
        }

        static Col date() {
            return of(10);
        }

        static Col time2(int fsp) {
            return of(19, fsp);
        }

        static Col datetime2(int fsp) {
            return of(18, fsp);
        }

        static Col timestamp2(int fsp) {
            return of(17, fsp);
        }

        static Col oldTime() {
            return of(11);
        }

        static Col oldDatetime() {
            return of(12);
        }

        static Col oldTimestamp() {
            return of(7);
        }

        /** BIT(n): metadata is (n % 8, n / 8). */
        static Col bit(int n) {
            return of(16, n % 8, n / 8);
        }

        /** VARCHAR/VARBINARY with this maximum byte length (2 bytes little-endian). */
        static Col varchar(int maxBytes) {
            return of(15, maxBytes & 0xFF, maxBytes >> 8);
        }

        /** CHAR/BINARY of at most 255 bytes: real type 254 and the byte length. */
        static Col charCol(int maxBytes) {
            return of(254, 254, maxBytes);
        }

        /** ENUM with this storage size (1 or 2 bytes). */
        static Col enumCol(int size) {
            return of(254, 247, size);
        }

        /** SET with this storage size (1..8 bytes). */
        static Col setCol(int size) {
            return of(254, 248, size);
        }

        /** BLOB/TEXT with a length prefix of this many bytes (1..4). */
        static Col blob(int lengthBytes) {
            return of(252, lengthBytes);
        }

        static Col json() {
            return of(245, 4);
        }

        static Col geometry() {
            return of(255, 4);
        }
    }

    static byte[] tableMap(long tableId, String db, String table, List<Col> cols, byte[] optionalMetadata) {
        Out o = new Out();
        o.le(tableId, 6).le(1, 2);
        byte[] d = db.getBytes(StandardCharsets.UTF_8);
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        o.u8(d.length).bytes(d).u8(0).u8(t.length).bytes(t).u8(0);
        o.packed(cols.size());
        for (Col c : cols) {
            o.u8(c.type());
        }
        Out meta = new Out();
        for (Col c : cols) {
            meta.bytes(c.meta());
        }
        byte[] m = meta.toByteArray();
        o.packed(m.length).bytes(m);
        boolean[] nullable = new boolean[cols.size()];
        java.util.Arrays.fill(nullable, true);
        o.bitmap(nullable);
        if (optionalMetadata != null) {
            o.bytes(optionalMetadata);
        }
        return event(TABLE_MAP, o.toByteArray());
    }

    /** Optional metadata field COLUMN_NAME (type 4). */
    static byte[] columnNames(String... names) {
        Out v = new Out();
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            v.packed(b.length).bytes(b);
        }
        byte[] value = v.toByteArray();
        return new Out().u8(4).packed(value.length).bytes(value).toByteArray();
    }

    /** One row image: cells (null = SQL NULL) already encoded. */
    static byte[] rowImage(byte[]... cells) {
        Out o = new Out();
        boolean[] nulls = new boolean[cells.length];
        for (int i = 0; i < cells.length; i++) {
            nulls[i] = cells[i] == null;
        }
        o.bitmap(nulls);
        for (byte[] c : cells) {
            if (c != null) {
                o.bytes(c);
            }
        }
        return o.toByteArray();
    }

    /** WRITE/DELETE rows: v2 (MySQL 5.6+) has the extra-data length field, v1 (MariaDB) does not. */
    static byte[] rows(int type, long tableId, int columnCount, boolean[] included, List<byte[]> images) {
        boolean v2 = type >= WRITE_ROWS_V2;
        Out o = new Out();
        o.le(tableId, 6).le(1, 2);
        if (v2) {
            o.le(2, 2);
        }
        o.packed(columnCount).bitmap(included);
        if (type == UPDATE_ROWS_V1 || type == UPDATE_ROWS_V2) {
            o.bitmap(included);
        }
        for (byte[] image : images) {
            o.bytes(image);
        }
        return event(type, o.toByteArray());
    }

    static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    // ---- cell encoders -------------------------------------------------------------------------------

    static byte[] le(long v, int n) {
        return new Out().le(v, n).toByteArray();
    }

    static byte[] be(long v, int n) {
        return new Out().be(v, n).toByteArray();
    }

    static byte[] f32(float f) {
        return le(Float.floatToRawIntBits(f) & 0xFFFFFFFFL, 4);
    }

    static byte[] f64(double d) {
        return le(Double.doubleToRawLongBits(d), 8);
    }

    /** Bytes with a length prefix of {@code prefix} bytes (VARCHAR 1/2, CHAR 1, BLOB 1..4). */
    static byte[] lengthPrefixed(byte[] value, int prefix) {
        return new Out().le(value.length, prefix).bytes(value).toByteArray();
    }

    /** DATE: day | month << 5 | year << 9, 3 bytes little-endian. */
    static byte[] date(int y, int m, int d) {
        return le(d | (m << 5) | ((long) y << 9), 3);
    }

    /** my_time_packed_to_binary with C integer semantics (arithmetic shift, truncating remainder). */
    static byte[] time2(boolean negative, int h, int mi, int s, int micros, int fsp) {
        long hms = ((long) h << 12) | ((long) mi << 6) | s;
        long nr = (hms << 24) + micros;
        if (negative) {
            nr = -nr;
        }
        long intPart = nr >> 24;
        long frac = nr % (1L << 24);
        Out o = new Out();
        switch (fsp) {
            case 0 -> o.be(0x800000L + intPart, 3);
            case 1, 2 -> o.be(0x800000L + intPart, 3).u8((int) (byte) (frac / 10000));
            case 3, 4 -> o.be(0x800000L + intPart, 3).be((short) (frac / 100), 2);
            default -> o.be(nr + 0x800000000000L, 6);
        }
        return o.toByteArray();
    }

    static byte[] datetime2(int y, int mo, int d, int h, int mi, int s, int micros, int fsp) {
        long ymd = ((long) (y * 13 + mo) << 5) | d;
        long hms = ((long) h << 12) | ((long) mi << 6) | s;
        Out o = new Out().be(((ymd << 17) | hms) + 0x8000000000L, 5);
        return fraction(o, micros, fsp).toByteArray();
    }

    static byte[] timestamp2(long epochSecond, int micros, int fsp) {
        return fraction(new Out().be(epochSecond, 4), micros, fsp).toByteArray();
    }

    private static Out fraction(Out o, int micros, int fsp) {
        return switch (fsp) {
            case 0 -> o;
            case 1, 2 -> o.u8(micros / 10000);
            case 3, 4 -> o.be(micros / 100, 2);
            default -> o.be(micros, 3);
        };
    }

    /** Old DATETIME: the number YYYYMMDDhhmmss, 8 bytes little-endian. */
    static byte[] oldDatetime(long yyyymmddhhmmss) {
        return le(yyyymmddhhmmss, 8);
    }

    /** Old TIME: the signed number ±HHMMSS, 3 bytes little-endian. */
    static byte[] oldTime(int hhmmss) {
        return le(hhmmss & 0xFFFFFF, 3);
    }

    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    /** strings/decimal.c decimal2bin: 9-digit groups as 4-byte big-endian words, sign by inversion. */
    static byte[] decimal(String value, int precision, int scale) {
        BigDecimal v = new BigDecimal(value).setScale(scale);
        boolean negative = v.signum() < 0 || value.startsWith("-");
        String plain = v.abs().toPlainString();
        String intDigits = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
        String fracDigits = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
        int intg = precision - scale;
        intDigits = "0".repeat(Math.max(0, intg - intDigits.length())) + intDigits;
        Out o = new Out();
        int lead = intg % 9;
        int pos = 0;
        if (lead > 0) {
            o.be(Long.parseLong(intDigits.substring(0, lead)), DIG2BYTES[lead]);
            pos = lead;
        }
        for (; pos < intg; pos += 9) {
            o.be(Long.parseLong(intDigits.substring(pos, pos + 9)), 4);
        }
        int full = scale / 9;
        for (int i = 0; i < full; i++) {
            o.be(Long.parseLong(fracDigits.substring(i * 9, i * 9 + 9)), 4);
        }
        int trail = scale % 9;
        if (trail > 0) {
            o.be(Long.parseLong(fracDigits.substring(full * 9)), DIG2BYTES[trail]);
        }
        byte[] b = o.toByteArray();
        if (negative) {
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xFF;
            }
        }
        b[0] ^= (byte) 0x80;
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] unsignedLongBytes(BigInteger v) {
        return le(v.longValue(), 8);
    }

    static List<byte[]> list(byte[]... images) {
        return new ArrayList<>(List.of(images));
    }
}
