package io.dm4j.worker.sync.stream;

import io.dm4j.worker.sync.decode.BinlogBytes.Out;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * MySQL 8 binlog events built byte by byte from the documented format (libbinlogevents), without checksums:
 * enough for GTID, QUERY, a one-INT-column TABLE_MAP and WRITE_ROWS v2, XID and XA_PREPARE.
 */
public final class MysqlEventBytes {
    public static final String SID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    public static final int QUERY = 2;
    public static final int XID = 16;
    public static final int TABLE_MAP = 19;
    public static final int WRITE_ROWS_V2 = 30;
    public static final int GTID = 33;
    public static final int XA_PREPARE = 38;
    public static final int TRANSACTION_PAYLOAD = 40;

    private MysqlEventBytes() {
    }

    /** A v4 event without checksum; {@code nextPos} 0 as for the events inside a payload. */
    public static byte[] event(int type, long nextPos, byte[] body) {
        return new Out().le(1_700_000_000L, 4).u8(type).le(1, 4).le(19 + body.length, 4).le(nextPos, 4).le(0, 2)
                .bytes(body).toByteArray();
    }

    /** GTID event of {@link #SID}:{@code gno} with the logical-clock fields. */
    public static byte[] gtidBody(long gno) {
        return new Out().u8(1).bytes(HexFormat.of().parseHex(SID.replace("-", ""))).le(gno, 8)
                .u8(2).le(0, 8).le(1, 8).toByteArray(); // logical clock: last_committed, sequence_number
    }

    public static byte[] queryBody(String db, String sql) {
        Out o = new Out();
        o.le(9, 4).le(0, 4).u8(db.length()).le(0, 2).le(0, 2); // thread id, exec time, db length, error, no status vars
        return o.bytes(db.getBytes(StandardCharsets.UTF_8)).u8(0).bytes(sql.getBytes(StandardCharsets.UTF_8))
                .toByteArray();
    }

    /** TABLE_MAP of {@code db}.{@code table} with one NOT NULL INT column. */
    public static byte[] tableMapBody(long tableId, String db, String table) {
        Out o = new Out();
        o.le(tableId, 6).le(1, 2);
        o.u8(db.length()).bytes(db.getBytes(StandardCharsets.US_ASCII)).u8(0);
        o.u8(table.length()).bytes(table.getBytes(StandardCharsets.US_ASCII)).u8(0);
        o.packed(1).u8(3); // one column: LONG
        o.packed(0); // no column metadata
        return o.u8(0).toByteArray(); // nullability bitmap: not null
    }

    /** WRITE_ROWS v2 of the one-INT-column table, one row per id. */
    public static byte[] writeRowsBody(long tableId, int... ids) {
        Out o = new Out();
        o.le(tableId, 6).le(1, 2).le(2, 2); // table id, flags (end of statement), extra data length (itself only)
        o.packed(1).u8(1); // one column, present
        for (int id : ids) {
            o.u8(0).le(id, 4); // null bitmap, value
        }
        return o.toByteArray();
    }

    /** XA_PREPARE: one_phase, format id, gtrid and bqual lengths, then gtrid and bqual. */
    public static byte[] xaPrepareBody(int formatId, String gtrid, String bqual) {
        byte[] g = gtrid.getBytes(StandardCharsets.US_ASCII);
        byte[] b = bqual.getBytes(StandardCharsets.US_ASCII);
        return new Out().u8(0).le(formatId, 4).le(g.length, 4).le(b.length, 4).bytes(g).bytes(b).toByteArray();
    }

    public static byte[] le(long v, int n) {
        return new Out().le(v, n).toByteArray();
    }

    public static int packedSize(long v) {
        return new Out().packed(v).toByteArray().length;
    }

    public static byte[] concat(byte[]... parts) {
        Out o = new Out();
        for (byte[] p : parts) {
            o.bytes(p);
        }
        return o.toByteArray();
    }
}
