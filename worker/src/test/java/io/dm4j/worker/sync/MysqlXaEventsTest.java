package io.dm4j.worker.sync;

import static io.dm4j.worker.sync.stream.MysqlEventBytes.GTID;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.QUERY;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.TABLE_MAP;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.WRITE_ROWS_V2;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.XA_PREPARE;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.concat;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.event;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.gtidBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.queryBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.tableMapBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.writeRowsBody;
import static io.dm4j.worker.sync.stream.MysqlEventBytes.xaPrepareBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.stream.XaStatement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7+/8 XA on bytes built from MySQL's format: the prepared part is GTID, {@code XA START}, rows,
 * {@code XA END}, XA_PREPARE; the decision is GTID plus {@code XA COMMIT} or {@code XA ROLLBACK} in a group of its
 * own, with other transactions in between.
 */
class MysqlXaEventsTest {
    private static final TableId T = new TableId("db", "t");
    private static final TableSchema SCHEMA = new TableSchema(T, List.of(), List.of(), null);
    private static final Location AT = new Location(new BinlogPosition("mysql-bin.000001", 4), null);

    private static List<Event> read(byte[]... events) throws IOException {
        EventDeserializer d = BinlogDeserializers.create();
        ByteArrayInputStream in = new ByteArrayInputStream(concat(events));
        List<Event> out = new ArrayList<>();
        for (Event e = d.nextEvent(in); e != null; e = d.nextEvent(in)) {
            out.add(e);
        }
        return out;
    }

    private static byte[] prepared(long gno, String gtrid, int... ids) {
        String xid = "X'" + java.util.HexFormat.of().formatHex(gtrid.getBytes()) + "',X'',1";
        return concat(event(GTID, 0, gtidBody(gno)), event(QUERY, 0, queryBody("db", "XA START " + xid)),
                event(TABLE_MAP, 0, tableMapBody(5, "db", "t")), event(WRITE_ROWS_V2, 0, writeRowsBody(5, ids)),
                event(QUERY, 0, queryBody("db", "XA END " + xid)), event(XA_PREPARE, 0, xaPrepareBody(1, gtrid, "")));
    }

    private static byte[] decision(long gno, String verb, String gtrid) {
        String xid = "X'" + java.util.HexFormat.of().formatHex(gtrid.getBytes()) + "',X'',1";
        return concat(event(GTID, 0, gtidBody(gno)), event(QUERY, 0, queryBody("db", "XA " + verb + " " + xid)));
    }

    @Test
    void rowsApplyAtXaCommitOnlyAndInterleavedTransactionsPassThrough() throws IOException {
        List<Event> events = read(prepared(1, "k", 1, 2), prepared(2, "r", 3),
                concat(event(GTID, 0, gtidBody(3)), event(QUERY, 0, queryBody("db", "BEGIN")),
                        event(TABLE_MAP, 0, tableMapBody(5, "db", "t")), event(WRITE_ROWS_V2, 0, writeRowsBody(5, 4)),
                        event(16, 0, new byte[8])),
                decision(4, "ROLLBACK", "r"), decision(5, "COMMIT", "k"));
        XAPrepareEventData prepare = events.get(5).getData();
        assertEquals("k", prepare.getGtrid());

        // driven as SyncUnit drives it: rows go to the XA buffer while one is open, else straight to the applier
        XaTransactions xa = new XaTransactions();
        List<Object> applied = new ArrayList<>();
        List<Boolean> holdAfterEachEnd = new ArrayList<>();
        for (Event e : events) {
            EventType type = e.getHeader().getEventType();
            if (type == EventType.EXT_WRITE_ROWS) {
                List<RowChange> rows = new ArrayList<>();
                for (java.io.Serializable[] r : ((WriteRowsEventData) e.getData()).getRows()) {
                    rows.add(RowChange.insert(T, T, SCHEMA, new Object[] {r[0]}));
                }
                if (xa.collecting()) {
                    xa.add(rows);
                } else {
                    rows.forEach(c -> applied.add(c.after()[0]));
                }
            } else if (type == EventType.XA_PREPARE) {
                xa.onPrepare();
                holdAfterEachEnd.add(xa.holdsCheckpoint());
            } else if (type == EventType.QUERY) {
                XaStatement s = XaStatement.parse(((QueryEventData) e.getData()).getSql());
                if (s == null) {
                    continue;
                }
                switch (s.kind()) {
                    case START -> xa.onStart(s);
                    case END -> xa.onEnd(s);
                    default -> {
                        xa.decide(s, AT).forEach(c -> applied.add(c.after()[0]));
                        holdAfterEachEnd.add(xa.holdsCheckpoint());
                    }
                }
            }
        }
        assertEquals(List.of(4, 1, 2), applied, "the plain transaction at once, 'r' never, 'k' at its XA COMMIT");
        assertEquals(List.of(true, true, true, false), holdAfterEachEnd,
                "the checkpoint is held from the first XA PREPARE until the last decision");
    }
}
