package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.EventType;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MariaDB's compressed binlog events ({@code log_bin_compress=ON}, settable per session): QUERY_COMPRESSED (165),
 * WRITE/UPDATE/DELETE_ROWS_COMPRESSED_V1 (166-168) and WRITE/UPDATE/DELETE_ROWS_COMPRESSED (169-171, v2 layout).
 *
 * <p>Only the tail of the event body is compressed: the query text after the database name, or the rows after the
 * column bitmaps. That tail starts with a header byte {@code 1aaa0lll} (bit 7 set, {@code aaa} the algorithm, 0 =
 * zlib, {@code lll} how many bytes the uncompressed length takes), then that length big-endian, then the zlib
 * stream. Inflating the tail in place gives the ordinary event body.
 */
final class MariadbCompressedEvents {
    static final int QUERY_COMPRESSED = 165;
    static final int WRITE_ROWS_COMPRESSED_V1 = 166;
    static final int UPDATE_ROWS_COMPRESSED_V1 = 167;
    static final int DELETE_ROWS_COMPRESSED_V1 = 168;
    static final int WRITE_ROWS_COMPRESSED = 169;
    static final int UPDATE_ROWS_COMPRESSED = 170;
    static final int DELETE_ROWS_COMPRESSED = 171;
    private static final int QUERY_POST_HEADER = 13;
    private static final int QUERY_DB_LEN_OFFSET = 8;
    private static final int QUERY_STATUS_LEN_OFFSET = 11;
    private static final int ROWS_POST_HEADER_V1 = 8;

    private MariadbCompressedEvents() {
    }

    /** The ordinary event type a compressed type code inflates to, or null when {@code code} is not compressed. */
    static EventType ordinaryTypeOf(int code) {
        return switch (code) {
            case QUERY_COMPRESSED -> EventType.QUERY;
            case WRITE_ROWS_COMPRESSED_V1 -> EventType.WRITE_ROWS;
            case UPDATE_ROWS_COMPRESSED_V1 -> EventType.UPDATE_ROWS;
            case DELETE_ROWS_COMPRESSED_V1 -> EventType.DELETE_ROWS;
            case WRITE_ROWS_COMPRESSED -> EventType.EXT_WRITE_ROWS;
            case UPDATE_ROWS_COMPRESSED -> EventType.EXT_UPDATE_ROWS;
            case DELETE_ROWS_COMPRESSED -> EventType.EXT_DELETE_ROWS;
            default -> null;
        };
    }

    /** The body of a QUERY_COMPRESSED event (without checksum) as the body of a QUERY event. */
    static byte[] inflateQuery(byte[] body) throws IOException {
        requireLength(body, QUERY_POST_HEADER, "query");
        int dbLength = body[QUERY_DB_LEN_OFFSET] & 0xFF;
        int statusLength = (body[QUERY_STATUS_LEN_OFFSET] & 0xFF) | (body[QUERY_STATUS_LEN_OFFSET + 1] & 0xFF) << 8;
        return inflateFrom(body, QUERY_POST_HEADER + statusLength + dbLength + 1);
    }

    /**
     * The body of a compressed rows event (without checksum) as the body of the ordinary rows event.
     *
     * @param v2     the event has the v2 post-header (a variable extra-data part after table id and flags)
     * @param update the event carries two column bitmaps (before and after image)
     */
    static byte[] inflateRows(byte[] body, boolean v2, boolean update) throws IOException {
        int at = ROWS_POST_HEADER_V1;
        if (v2) {
            requireLength(body, at + 2, "rows");
            at += (body[at] & 0xFF) | (body[at + 1] & 0xFF) << 8; // the length counts its own two bytes
        }
        requireLength(body, at + 1, "rows");
        int first = body[at] & 0xFF;
        long columns;
        if (first < 251) {
            columns = first;
            at += 1;
        } else {
            int size = switch (first) {
                case 252 -> 2;
                case 253 -> 3;
                case 254 -> 8;
                default -> throw new IOException("compressed rows event: bad column count byte " + first);
            };
            requireLength(body, at + 1 + size, "rows");
            columns = 0;
            for (int i = size; i >= 1; i--) {
                columns = columns << 8 | (body[at + i] & 0xFF);
            }
            at += 1 + size;
        }
        long bitmap = (columns + 7) / 8;
        at += (int) (update ? 2 * bitmap : bitmap);
        return inflateFrom(body, at);
    }

    /** {@code body[0, at)} unchanged followed by the inflated compressed record that starts at {@code at}. */
    static byte[] inflateFrom(byte[] body, int at) throws IOException {
        requireLength(body, at + 1, "compressed");
        int header = body[at] & 0xFF;
        if ((header & 0x80) == 0) {
            throw new IOException("compressed binlog event: record header 0x" + Integer.toHexString(header)
                    + " lacks the compressed flag");
        }
        int algorithm = (header >> 4) & 0x07;
        if (algorithm != 0) {
            throw new IOException("compressed binlog event: unknown compression algorithm " + algorithm
                    + " (only 0 = zlib exists)");
        }
        int lengthBytes = header & 0x07;
        if (lengthBytes < 1 || lengthBytes > 4) {
            throw new IOException("compressed binlog event: bad length size " + lengthBytes);
        }
        requireLength(body, at + 1 + lengthBytes, "compressed");
        long length = 0;
        for (int i = 1; i <= lengthBytes; i++) {
            length = length << 8 | (body[at + i] & 0xFF);
        }
        if (length > Integer.MAX_VALUE - at) {
            throw new IOException("compressed binlog event: uncompressed length " + length + " is too large");
        }
        int start = at + 1 + lengthBytes;
        byte[] out = Arrays.copyOf(body, at + (int) length);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, start, body.length - start);
            int done = 0;
            while (done < length) {
                int n = inflater.inflate(out, at + done, (int) length - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += n;
            }
            if (done == length && !inflater.finished()) {
                done += inflater.inflate(new byte[1]); // reads the end of the stream and its checksum
            }
            if (done != length || !inflater.finished()) {
                throw new IOException("compressed binlog event: inflated " + done + " bytes"
                        + (inflater.finished() ? "" : " without reaching the end of the zlib stream")
                        + ", header says " + length);
            }
        } catch (DataFormatException e) {
            throw new IOException("compressed binlog event: broken zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out;
    }

    private static void requireLength(byte[] body, int needed, String what) throws IOException {
        if (body.length < needed) {
            throw new IOException(what + " event body too short: " + body.length + " bytes, need at least " + needed);
        }
    }
}
