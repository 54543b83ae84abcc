package io.dm4j.worker.relay;

import io.dm4j.worker.sync.decode.BinlogBytes.Out;
import io.dm4j.worker.sync.stream.MysqlEventBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * MySQL binlog files as MySQL 5.7 and 8.0 write them (binlog_checksum=CRC32, GTID mode on), built byte by byte from
 * the documented format (libbinlogevents control_events.h / rows_event.h): FORMAT_DESCRIPTION, PREVIOUS_GTIDS, then
 * per transaction GTID, QUERY "BEGIN", TABLE_MAP, WRITE_ROWS v2 and XID, and a ROTATE to the next file. Each event
 * carries its real end position and CRC32, so {@link RelayReader} and {@link RelayWriter} check them as they would
 * check a server's file. (There is no MySQL server here to write one.)
 */
final class MysqlBinlogFiles {
    static final String SID = MysqlEventBytes.SID;
    static final String OTHER_SID = "9f2e6b2a-5c31-11ee-8c99-0242ac120002";
    private static final int QUERY = 2;
    private static final int ROTATE = 4;
    private static final int FORMAT_DESCRIPTION = 15;
    private static final int XID = 16;
    private static final int TABLE_MAP = 19;
    private static final int WRITE_ROWS_V2 = 30;
    private static final int GTID = 33;
    private static final int PREVIOUS_GTIDS = 35;

    /**
     * The server whose format is used: its version string and its number of post-header lengths in the FDE (so the
     * FDE is 119 bytes on 5.7 and 121 on 8.0, as theirs are).
     */
    enum Version {
        MYSQL_57("5.7.44-log", 38), MYSQL_80("8.0.36", 40);

        final String text;
        final int postHeaders;

        Version(String text, int postHeaders) {
            this.text = text;
            this.postHeaders = postHeaders;
        }
    }

    private MysqlBinlogFiles() {
    }

    /**
     * The events (each with header, body and CRC32) of a file that starts after {@code previous} (intervals of
     * {@link #SID} as {start, end inclusive}, plus {@code otherUpTo} transactions of {@link #OTHER_SID} when above 0)
     * and holds one transaction per gno of {@link #SID} in {@code gnos}, then a ROTATE to {@code next}.
     */
    static List<byte[]> events(Version v, long[][] previous, long otherUpTo, long[] gnos, String next) {
        List<byte[]> out = new ArrayList<>();
        long[] at = {RawEvents.MAGIC.length};
        out.add(event(at, FORMAT_DESCRIPTION, formatDescription(v)));
        out.add(event(at, PREVIOUS_GTIDS, previousGtids(previous, otherUpTo)));
        for (long gno : gnos) {
            out.add(event(at, GTID, gtid(v, gno)));
            out.add(event(at, QUERY, MysqlEventBytes.queryBody("db", "BEGIN")));
            out.add(event(at, TABLE_MAP, MysqlEventBytes.tableMapBody(108, "db", "t")));
            out.add(event(at, WRITE_ROWS_V2, MysqlEventBytes.writeRowsBody(108, (int) gno)));
            out.add(event(at, XID, MysqlEventBytes.le(5000 + gno, 8)));
        }
        out.add(event(at, ROTATE, new Out().le(4, 8).bytes(next.getBytes(StandardCharsets.US_ASCII)).toByteArray()));
        return out;
    }

    /** A v4 event at {@code at[0]} with its end position and CRC32; advances {@code at[0]}. */
    private static byte[] event(long[] at, int type, byte[] body) {
        int length = RawEvents.HEADER + body.length + 4;
        long end = at[0] + length;
        byte[] noCrc = new Out().le(1_700_000_000L, 4).u8(type).le(1, 4).le(length, 4).le(end, 4).le(0, 2)
                .bytes(body).toByteArray();
        CRC32 crc = new CRC32();
        crc.update(noCrc);
        at[0] = end;
        return new Out().bytes(noCrc).le(crc.getValue(), 4).toByteArray();
    }

    private static byte[] formatDescription(Version v) {
        Out o = new Out().le(4, 2);
        byte[] version = new byte[50];
        byte[] text = v.text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, version, 0, text.length);
        o.bytes(version).le(0, 4).u8(RawEvents.HEADER);
        for (int i = 0; i < v.postHeaders; i++) {
            o.u8(i + 1 == FORMAT_DESCRIPTION ? 2 + 50 + 4 + 1 + v.postHeaders : postHeaderLength(i + 1));
        }
        return o.u8(RawEvents.CHECKSUM_CRC32).toByteArray(); // the checksum algorithm; the event's CRC32 follows
    }

    /** Post-header lengths MySQL declares for the event types used here; 0 is fine for the others. */
    private static int postHeaderLength(int type) {
        return switch (type) {
            case QUERY -> 13;
            case ROTATE -> 8;
            case TABLE_MAP -> 8;
            case WRITE_ROWS_V2 -> 10;
            case GTID -> 42;
            default -> 0;
        };
    }

    /** n_sids, then per sid: the 16 UUID bytes, n_intervals and each interval as [start, end) (8 bytes each). */
    private static byte[] previousGtids(long[][] intervals, long otherUpTo) {
        Out o = new Out().le((intervals.length > 0 ? 1 : 0) + (otherUpTo > 0 ? 1 : 0), 8);
        List<String> sids = new ArrayList<>();
        sids.add(SID);
        sids.add(OTHER_SID);
        sids.sort(null); // MySQL writes the sids in order
        for (String sid : sids) {
            if (sid.equals(SID) && intervals.length > 0) {
                o.bytes(uuid(sid)).le(intervals.length, 8);
                for (long[] i : intervals) {
                    o.le(i[0], 8).le(i[1] + 1, 8);
                }
            } else if (sid.equals(OTHER_SID) && otherUpTo > 0) {
                o.bytes(uuid(sid)).le(1, 8).le(1, 8).le(otherUpTo + 1, 8);
            }
        }
        return o.toByteArray();
    }

    /** 5.7: flags, sid, gno, logical clock; 8.0 adds the commit timestamps, transaction length and server version. */
    private static byte[] gtid(Version v, long gno) {
        Out o = new Out().bytes(MysqlEventBytes.gtidBody(gno));
        if (v == Version.MYSQL_80) {
            o.le(1_700_000_000_000_000L, 7); // immediate commit timestamp (µs), top bit clear: original is the same
            o.packed(300); // transaction length
            o.le(80036, 4); // immediate server version, top bit clear: original is the same
        }
        return o.toByteArray();
    }

    private static byte[] uuid(String sid) {
        return HexFormat.of().parseHex(sid.replace("-", ""));
    }
}
