package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Reads the row cells that mysql-binlog-connector-java 0.30.1 gets wrong or lossy, straight from MySQL's
 * storage formats (sql/field.cc, mysys/my_time.cc):
 * <ul>
 *   <li>TIME / TIME2: negative values and fractions (the library yields e.g. 1023:02:01 for -01:02:03);</li>
 *   <li>DATE, DATETIME, DATETIME2: zero and invalid dates such as {@code 0000-00-00} or {@code 2020-00-15}
 *       (the library turns them into null or one shared marker value, and normalises {@code 2020-02-31});</li>
 *   <li>TIMESTAMP / TIMESTAMP2: kept as epoch seconds plus microseconds ({@link TimestampValue});</li>
 *   <li>YEAR: stored 0 means {@code 0000} (the library yields 1900);</li>
 *   <li>BIT: the stored big-endian bytes (the library yields a BitSet that forgets the width).</li>
 * </ul>
 * Temporal cells become exact MySQL literals ({@link String}) with exactly the column's fsp fraction digits.
 */
final class ExactCells {
    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;

    private ExactCells() {
    }

    /** Whether {@link #read} decodes this type; the library handles every other type. */
    static boolean handles(ColumnType type) {
        if (type == null) {
            return false;
        }
        return switch (type) {
            case DATE, TIME, TIME_V2, DATETIME, DATETIME_V2, TIMESTAMP, TIMESTAMP_V2, YEAR, BIT -> true;
            default -> false;
        };
    }

    static Serializable read(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        return switch (type) {
            case DATE -> date(in);
            case TIME -> time(in);
            case TIME_V2 -> time2(meta, in);
            case DATETIME -> dateTime(in);
            case DATETIME_V2 -> dateTime2(meta, in);
            case TIMESTAMP -> new TimestampValue(in.readLong(4), 0);
            case TIMESTAMP_V2 -> timestamp2(meta, in);
            case YEAR -> year(in);
            case BIT -> bit(meta, in);
            default -> throw new IllegalArgumentException("not an exact cell type: " + type);
        };
    }

    /** DATE: 3 bytes little-endian, day | month << 5 | year << 9. */
    static String date(ByteArrayInputStream in) throws IOException {
        int v = in.readInteger(3);
        return TemporalText.date(v >>> 9, (v >>> 5) & 0x0F, v & 0x1F);
    }

    /** Pre-5.6 TIME: 3 bytes little-endian signed, the decimal number ±HHMMSS. */
    static String time(ByteArrayInputStream in) throws IOException {
        int v = (in.readInteger(3) << 8) >> 8;
        boolean negative = v < 0;
        int a = Math.abs(v);
        return TemporalText.time(negative, a / 10000, a / 100 % 100, a % 100, 0, 0);
    }

    /**
     * TIME2 (MySQL 5.6.4+, MariaDB 10.1+ default): 3 bytes big-endian with offset 0x800000 holding
     * {@code hour << 12 | minute << 6 | second}, then the fraction (fsp 1-2: 1 byte, 3-4: 2 bytes, 5-6:
     * 3 bytes big-endian). Negative values are stored as the two's complement of the whole packed value, so
     * the fraction bytes of a negative time count down from the next whole second.
     */
    static String time2(int fsp, ByteArrayInputStream in) throws IOException {
        long packed; // (hms << 24) + micros, negative for negative times
        switch (fsp) {
            case 1, 2 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                long frac = in.read(1)[0] & 0xFF;
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                long frac = bigEndian(in.read(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            case 5, 6 -> packed = bigEndian(in.read(6)) - TIMEF_OFS;
            default -> packed = (bigEndian(in.read(3)) - TIMEF_INT_OFS) << 24;
        }
        return TemporalText.fromPackedTime(packed, fsp);
    }

    /** Pre-5.6 DATETIME: 8 bytes little-endian, the decimal number YYYYMMDDhhmmss. */
    static String dateTime(ByteArrayInputStream in) throws IOException {
        long v = in.readLong(8);
        long date = v / 1_000_000;
        long time = v % 1_000_000;
        return TemporalText.dateTime((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100),
                (int) (time / 10000), (int) (time / 100 % 100), (int) (time % 100), 0, 0);
    }

    /**
     * DATETIME2: 5 bytes big-endian with offset 0x8000000000: 17 bits year*13+month, 5 bits day, 5 bits hour,
     * 6 bits minute, 6 bits second; then the fraction like TIME2.
     */
    static String dateTime2(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(5)) - DATETIMEF_INT_OFS;
        return TemporalText.fromPackedDateTime((intPart << 24) + fraction(fsp, in), fsp);
    }

    /** TIMESTAMP2: 4 bytes big-endian epoch seconds, then the fraction like TIME2. */
    static TimestampValue timestamp2(int fsp, ByteArrayInputStream in) throws IOException {
        long seconds = bigEndian(in.read(4));
        return new TimestampValue(seconds, fraction(fsp, in));
    }

    /** YEAR: one byte, 0 for 0000, else year - 1900. */
    static Integer year(ByteArrayInputStream in) throws IOException {
        int v = in.readInteger(1);
        return v == 0 ? 0 : 1900 + v;
    }

    /** BIT(n): ceil(n/8) bytes, big-endian, exactly as stored. meta holds whole bytes << 8 | remaining bits. */
    static byte[] bit(int meta, ByteArrayInputStream in) throws IOException {
        int bits = (meta >> 8) * 8 + (meta & 0xFF);
        return in.read((bits + 7) / 8);
    }

    /** Byte length of the fraction stored after a TIME2/DATETIME2/TIMESTAMP2 value of this fsp. */
    static int fractionBytes(int fsp) {
        return (fsp + 1) / 2;
    }

    private static int fraction(int fsp, ByteArrayInputStream in) throws IOException {
        int n = fractionBytes(fsp);
        if (n == 0) {
            return 0;
        }
        long v = bigEndian(in.read(n));
        return (int) switch (n) {
            case 1 -> v * 10_000;
            case 2 -> v * 100;
            default -> v;
        };
    }

    private static long bigEndian(byte[] bytes) {
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
