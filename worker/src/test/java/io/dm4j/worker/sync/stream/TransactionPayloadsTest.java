package io.dm4j.worker.sync.stream;

import static io.dm4j.worker.sync.stream.MysqlEventBytes.GTID;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.QUERY;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.SID;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.TABLE_MAP;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.TRANSACTION_PAYLOAD;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.WRITE_ROWS_V2;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.XID;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.concat;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.event;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.gtidBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.le;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.packedSize;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.queryBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.tableMapBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.writeRowsBody;
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
import io.dm4j.worker.sync.decode.BinlogBytes.Out;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8.0.20+ compressed transactions on bytes built from MySQL's format (libbinlogevents): a GTID event, then a
 * TRANSACTION_PAYLOAD event whose header fields (payload size, compression type, uncompressed size, end mark) are
 * followed by a zstd frame holding ordinary v4 events without checksums: BEGIN, TABLE_MAP, WRITE_ROWS v2, XID.
 */
class TransactionPayloadsTest {
    @Test
    void innerEventsAreHandledAsIfUncompressedAndTheGtidCountsAtTheEnd() throws IOException {
        byte[] inner = concat(
                event(QUERY, 0, queryBody("db", "BEGIN")),
                event(TABLE_MAP, 0, tableMapBody(88, "db", "t")),
                event(WRITE_ROWS_V2, 0, writeRowsBody(88, 7, 8)),
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
}
