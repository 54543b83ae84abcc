package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.AbstractRowsEventDataDeserializer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * MySQL binary JSON (column type 245, format of sql/json_binary.h) as JSON text that MySQL parses back to the
 * same value, laid out as MySQL prints it ({@code {"a": 1, "b": [true, null]}}).
 *
 * <p>The library's JsonBinary is not used: in 0.30.1 it reads uint32 values of 2^31 and more as negative
 * numbers, silently drops uint32 values inlined in large objects/arrays (producing invalid JSON such as
 * {@code [, 1]}), decodes negative TIME values wrongly, and its JsonStringFormatter prints doubles of 1e7 and
 * more as plain integers (they would come back as integers) and opaque values as bare base64.
 *
 * <p>Values JSON text cannot carry keep MySQL's own text form and come back as strings, as with mysqldump:
 * DATE/TIME/DATETIME/TIMESTAMP ({@code "2015-01-15 23:24:25.000000"}) and other opaque values
 * ({@code "base64:type15:AQ=="}); DECIMAL comes back as a number (MySQL then reads it as a double).
 */
public final class MysqlJsonText {
    private static final int SMALL_OBJECT = 0x00;
    private static final int LARGE_OBJECT = 0x01;
    private static final int SMALL_ARRAY = 0x02;
    private static final int LARGE_ARRAY = 0x03;
    private static final int LITERAL = 0x04;
    private static final int INT16 = 0x05;
    private static final int UINT16 = 0x06;
    private static final int INT32 = 0x07;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0A;
    private static final int DOUBLE = 0x0B;
    private static final int STRING = 0x0C;
    private static final int OPAQUE = 0x0F;

    private static final int MYSQL_TYPE_TIMESTAMP = 7;
    private static final int MYSQL_TYPE_DATE = 10;
    private static final int MYSQL_TYPE_TIME = 11;
    private static final int MYSQL_TYPE_DATETIME = 12;
    private static final int MYSQL_TYPE_NEWDECIMAL = 246;

    private final byte[] doc;
    private final StringBuilder out = new StringBuilder();

    private MysqlJsonText(byte[] doc) {
        this.doc = doc;
    }

    /**
     * JSON text of a binary JSON value. An empty value (what MySQL stores, e.g., in rows that existed before a
     * NOT NULL JSON column was added) reads as JSON {@code null}, as MySQL reads it.
     *
     * @throws IOException when the bytes are not well-formed binary JSON
     */
    public static String fromBinary(byte[] binary) throws IOException {
        if (binary.length == 0) {
            return "null";
        }
        MysqlJsonText reader = new MysqlJsonText(binary);
        try {
            reader.value(binary[0] & 0xFF, 1);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("binary JSON is truncated (" + binary.length + " bytes)", e);
        }
        return reader.out.toString();
    }

    /** Writes the value of {@code type} whose data starts at {@code pos}. */
    private void value(int type, int pos) throws IOException {
        switch (type) {
            case SMALL_OBJECT -> container(pos, false, true);
            case LARGE_OBJECT -> container(pos, true, true);
            case SMALL_ARRAY -> container(pos, false, false);
            case LARGE_ARRAY -> container(pos, true, false);
            case LITERAL -> literal(doc[pos] & 0xFF);
            case INT16 -> out.append((short) le(pos, 2));
            case UINT16 -> out.append(le(pos, 2));
            case INT32 -> out.append((int) le(pos, 4));
            case UINT32 -> out.append(le(pos, 4));
            case INT64 -> out.append(le(pos, 8));
            case UINT64 -> out.append(new BigInteger(Long.toUnsignedString(le(pos, 8))));
            // Java's shortest round-trip form always has '.' or 'E', so MySQL reads it back as a double
            case DOUBLE -> out.append(Double.longBitsToDouble(le(pos, 8)));
            case STRING -> {
                long[] len = varLength(pos);
                quoted(new String(doc, (int) len[1], (int) len[0], StandardCharsets.UTF_8));
            }
            case OPAQUE -> {
                int fieldType = doc[pos] & 0xFF;
                long[] len = varLength(pos + 1);
                opaque(fieldType, Arrays.copyOfRange(doc, (int) len[1], (int) (len[1] + len[0])));
            }
            default -> throw new IOException("unknown binary JSON value type 0x" + Integer.toHexString(type));
        }
    }

    private void container(int base, boolean large, boolean object) throws IOException {
        int offsetSize = large ? 4 : 2;
        long count = le(base, offsetSize);
        long size = le(base + offsetSize, offsetSize);
        if (base + size > doc.length) {
            throw new IOException("binary JSON container of " + size + " bytes exceeds the document");
        }
        int keyEntries = base + 2 * offsetSize;
        int valueEntries = keyEntries + (object ? (int) count * (offsetSize + 2) : 0);
        out.append(object ? '{' : '[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (object) {
                int entry = keyEntries + i * (offsetSize + 2);
                int keyOffset = (int) le(entry, offsetSize);
                int keyLength = (int) le(entry + offsetSize, 2);
                quoted(new String(doc, base + keyOffset, keyLength, StandardCharsets.UTF_8));
                out.append(": ");
            }
            int entry = valueEntries + i * (1 + offsetSize);
            int type = doc[entry] & 0xFF;
            if (inlined(type, large)) {
                value(type, entry + 1);
            } else {
                value(type, base + (int) le(entry + 1, offsetSize));
            }
        }
        out.append(object ? '}' : ']');
    }

    private static boolean inlined(int type, boolean large) {
        return type == LITERAL || type == INT16 || type == UINT16 || (large && (type == INT32 || type == UINT32));
    }

    private void literal(int v) throws IOException {
        switch (v) {
            case 0 -> out.append("null");
            case 1 -> out.append("true");
            case 2 -> out.append("false");
            default -> throw new IOException("unknown binary JSON literal " + v);
        }
    }

    private void opaque(int fieldType, byte[] data) {
        switch (fieldType) {
            case MYSQL_TYPE_NEWDECIMAL -> out.append(AbstractRowsEventDataDeserializer.asBigDecimal(data[0] & 0xFF,
                    data[1] & 0xFF, Arrays.copyOfRange(data, 2, data.length)).toPlainString());
            case MYSQL_TYPE_DATE -> quoted(TemporalText.fromPackedDateTime(leOf(data, 0, 8), 0).substring(0, 10));
            case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP -> quoted(TemporalText.fromPackedDateTime(leOf(data, 0, 8), 6));
            case MYSQL_TYPE_TIME -> quoted(TemporalText.fromPackedTime(leOf(data, 0, 8), 6));
            default -> quoted("base64:type" + fieldType + ":" + Base64.getEncoder().encodeToString(data));
        }
    }

    /** A JSON string: quote, backslash and control characters escaped, everything else as is. */
    private void quoted(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Variable-length size (7 bits per byte, low bits first): {length, position of the first data byte}. */
    private long[] varLength(int pos) throws IOException {
        long len = 0;
        for (int i = 0; i < 5; i++) {
            int b = doc[pos + i] & 0xFF;
            len |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (pos + i + 1 + len > doc.length) {
                    throw new IOException("binary JSON string of " + len + " bytes exceeds the document");
                }
                return new long[] {len, pos + i + 1};
            }
        }
        throw new IOException("binary JSON length field longer than 5 bytes");
    }

    /** Unsigned little-endian value of n bytes (n = 8 gives the raw 64 bits). */
    private long le(int pos, int n) {
        return leOf(doc, pos, n);
    }

    private static long leOf(byte[] b, int pos, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[pos + i] & 0xFF);
        }
        return v;
    }
}
