package io.dm4j.worker.sync.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8.0.20+ compressed transactions on bytes built from MySQL's format (libbinlogevents): a GTID event, then a
 * TRANSACTION_PAYLOAD event whose header fields (payload size, compression type, uncompressed size, end mark) are
 * followed by a zstd frame holding ordinary v4 events without checksums: BEGIN, TABLE_MAP, WRITE_ROWS v2, XID.
 */
class TransactionPayloadsTest {
    private static final String SID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final int GTID = 33;
    private static final int QUERY = 2;
    private static final int TABLE_MAP = 19;
    private static final int WRITE_ROWS_V2 = 30;
    private static final int XID = 16;
    private static final int TRANSACTION_PAYLOAD = 40;

    @Test
    void innerEventsAreHandledAsIfUncompressedAndTheGtidCountsAtTheEnd() throws IOException {
        byte[] inner = concat(
                event(QUERY, 0, queryBody("db", "BEGIN")),
                event(TABLE_MAP, 0, tableMapBody()),
                event(WRITE_ROWS_V2, 0, writeRowsBody(7, 8)),
                event(XID, 0, le(4242, 8)));
        byte[] frame = Zstd.compress(inner);
        Out payload = new Out();
        payload.packed(1).packed(packedSize(frame.length)).packed(frame.length); // payload size
        payload.packed(2).packed(1).packed(0); // compression type: zstd
        payload.packed(3).packed(packedSize(inner.length)).packed(inner.length); // uncompressed size
        payload.packed(0); // end of header fields
        payload.bytes(frame);
        byte[] gtidEvent = event(GTID, 1200, gtidBody(11));
        byte[] payloadEvent = event(TRANSACTION_PAYLOAD, 1500, payload.toByteArray());

        EventDeserializer d = BinlogDeserializers.create();
        ByteArrayInputStream in = new ByteArrayInputStream(concat(gtidEvent, payloadEvent));
        List<Event> events = new ArrayList<>();
        for (Event e = d.nextEvent(in); e != null; e = d.nextEvent(in)) {
            events.add(e);
        }
        assertEquals(List.of(EventType.GTID, EventType.TRANSACTION_PAYLOAD),
                events.stream().map(e -> e.getHeader().getEventType()).toList());

        PositionTracker tracker = new PositionTracker(new Location(new BinlogPosition("mysql-bin.000001", 1000),
                GtidSet.parse(Flavor.MYSQL, SID + ":1-10")));
        assertFalse(tracker.advance(events.get(0)));
        assertTrue(tracker.advance(events.get(1)), "the XID inside ends the transaction");
        Location after = tracker.location();
        assertEquals(new BinlogPosition("mysql-bin.000001", 1500), after.position(),
                "the position is the payload's end; inner events have none");
        assertEquals(SID + ":1-11", after.gtidText());

        List<StreamEvent> expanded = TransactionPayloads.expand(new StreamEvent(events.get(1), after, true));
        assertEquals(List.of(EventType.QUERY, EventType.TABLE_MAP, EventType.EXT_WRITE_ROWS, EventType.XID),
                expanded.stream().map(e -> e.event().getHeader().getEventType()).toList());
        assertEquals("BEGIN", ((QueryEventData) expanded.get(0).event().getData()).getSql());
        List<Serializable[]> rows = ((WriteRowsEventData) expanded.get(2).event().getData()).getRows();
        assertEquals(2, rows.size());
        assertEquals(7, rows.get(0)[0]);
        assertEquals(8, rows.get(1)[0]);
        assertEquals(List.of(false, false, false, true), expanded.stream().map(StreamEvent::transactionEnd).toList());
        assertTrue(expanded.stream().allMatch(e -> e.location().equals(after)));

        // a payload that does not end the transaction (cut short by a reconnect) ends none of its events
        assertFalse(TransactionPayloads.expand(new StreamEvent(events.get(1), after, false)).stream()
                .anyMatch(StreamEvent::transactionEnd));
    }

    private static byte[] gtidBody(long gno) {
        Out o = new Out();
        o.u8(1); // commit flag
        o.bytes(HexFormat.of().parseHex(SID.replace("-", "")));
        o.le(gno, 8);
        o.u8(2).le(0, 8).le(1, 8); // logical clock: last_committed, sequence_number
        return o.toByteArray();
    }

    private static byte[] queryBody(String db, String sql) {
        Out o = new Out();
        o.le(9, 4).le(0, 4).u8(db.length()).le(0, 2).le(0, 2); // thread id, exec time, db length, error, no status vars
        o.bytes(db.getBytes(StandardCharsets.UTF_8)).u8(0).bytes(sql.getBytes(StandardCharsets.UTF_8));
        return o.toByteArray();
    }

    private static byte[] tableMapBody() {
        Out o = new Out();
        o.le(88, 6).le(1, 2);
        o.u8(2).bytes("db".getBytes(StandardCharsets.US_ASCII)).u8(0);
        o.u8(1).bytes("t".getBytes(StandardCharsets.US_ASCII)).u8(0);
        o.packed(1).u8(3); // one column: LONG
        o.packed(0); // no column metadata
        o.u8(0); // nullability bitmap: not null
        return o.toByteArray();
    }

    private static byte[] writeRowsBody(int... ids) {
        Out o = new Out();
        o.le(88, 6).le(1, 2).le(2, 2); // table id, flags (end of statement), extra data length (itself only)
        o.packed(1).u8(1); // one column, present
        for (int id : ids) {
            o.u8(0).le(id, 4); // null bitmap, value
        }
        return o.toByteArray();
    }

    /** A v4 event without checksum; {@code nextPos} 0 as for the events inside a payload. */
    private static byte[] event(int type, long nextPos, byte[] body) {
        Out o = new Out();
        o.le(1_700_000_000L, 4).u8(type).le(1, 4).le(19 + body.length, 4).le(nextPos, 4).le(0, 2).bytes(body);
        return o.toByteArray();
    }

    private static byte[] le(long v, int n) {
        return new Out().le(v, n).toByteArray();
    }

    private static int packedSize(long v) {
        return new Out().packed(v).toByteArray().length;
    }

    private static byte[] concat(byte[]... parts) {
        Out o = new Out();
        for (byte[] p : parts) {
            o.bytes(p);
        }
        return o.toByteArray();
    }

    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Out le(long v, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Out packed(long v) {
            if (v < 251) {
                return u8((int) v);
            }
            if (v < 1 << 16) {
                return u8(252).le(v, 2);
            }
            if (v < 1 << 24) {
                return u8(253).le(v, 3);
            }
            return u8(254).le(v, 8);
        }

        Out bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
