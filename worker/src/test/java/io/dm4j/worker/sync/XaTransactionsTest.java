package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.stream.XaFixture;
import io.dm4j.worker.sync.stream.XaStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XaTransactionsTest {
    private static final Location AT = new Location(new BinlogPosition("mysql-bin.000001", 900), null);
    private static final TableId T = new TableId("db", "t");
    private static final TableSchema SCHEMA = new TableSchema(T, List.of(), List.of(), null);

    private static RowChange row(int id) {
        return RowChange.insert(T, T, SCHEMA, new Object[] {id});
    }

    /** MySQL: XA START query, rows, XA END query, XA_PREPARE event; later XA COMMIT in a group of its own. */
    @Test
    void mysqlPreparedRowsWaitForXaCommit() {
        XaTransactions xa = new XaTransactions();
        assertFalse(xa.holdsCheckpoint());
        xa.onStart(XaStatement.parse("XA START X'61',X'',1"));
        assertTrue(xa.collecting() && xa.holdsCheckpoint());
        xa.add(List.of(row(1), row(2)));
        xa.onEnd(XaStatement.parse("XA END X'61',X'',1"));
        xa.onPrepare();
        assertFalse(xa.collecting(), "rows after the XA PREPARE belong to other transactions");
        assertTrue(xa.holdsCheckpoint());
        assertEquals(1, xa.preparedCount());

        List<RowChange> committed = xa.decide(XaStatement.parse("XA COMMIT X'61',X'',1"), AT);
        assertEquals(List.of(1, 2), committed.stream().map(c -> (Integer) c.after()[0]).toList());
        assertFalse(xa.holdsCheckpoint());
    }

    @Test
    void xaRollbackDropsTheRowsAndInterleavedTransactionsStayApart() {
        XaTransactions xa = new XaTransactions();
        xa.onStart(XaStatement.parse("XA START X'61',X'',1"));
        xa.add(List.of(row(1)));
        xa.onEnd(XaStatement.parse("XA END X'61',X'',1"));
        xa.onPrepare();
        xa.onStart(XaStatement.parse("XA START X'62',X'',1"));
        xa.add(List.of(row(2)));
        xa.onEnd(XaStatement.parse("XA END X'62',X'',1"));
        xa.onPrepare();
        assertEquals(2, xa.preparedCount());

        assertEquals(List.of(), xa.decide(XaStatement.parse("XA ROLLBACK X'61',X'',1"), AT));
        assertTrue(xa.holdsCheckpoint(), "X'62' is still undecided");
        assertEquals(2, xa.decide(XaStatement.parse("XA COMMIT X'62',X'',1"), AT).get(0).after()[0]);
        assertFalse(xa.holdsCheckpoint());
    }

    @Test
    void onePhaseCommitAppliesTheOpenTransaction() {
        XaTransactions xa = new XaTransactions();
        xa.onStart(XaStatement.parse("XA START X'63',X'',1"));
        RowChange r = row(3);
        xa.add(List.of(r));
        xa.onEnd(XaStatement.parse("XA END X'63',X'',1"));
        List<RowChange> rows = xa.decide(XaStatement.parse("XA COMMIT X'63',X'',1 ONE PHASE"), AT);
        assertSame(r, rows.get(0));
        assertFalse(xa.holdsCheckpoint());
    }

    @Test
    void commitOfATransactionPreparedBeforeTheStartIsAnErrorRollbackIsHarmless() {
        XaTransactions xa = new XaTransactions();
        DmException e = assertThrows(DmException.class,
                () -> xa.decide(XaStatement.parse("XA COMMIT X'64',X'',1"), AT));
        assertEquals(BinlogEventErrors.XA_NOT_PREPARED, e.code());
        assertTrue(e.getMessage().contains("X'64',X'',1") && e.getMessage().contains("mysql-bin.000001"), e.getMessage());
        assertEquals(List.of(), xa.decide(XaStatement.parse("XA ROLLBACK X'65',X'',1"), AT));
    }

    /**
     * MariaDB 10.11 writes no XA START query: the GTID event's FL_PREPARED_XA flag opens the transaction. Driven the
     * way the sync unit drives it, over real events: x1 is committed, x2 rolled back.
     */
    @Test
    @SuppressWarnings("deprecation") // setChecksumType: the fixture has no FORMAT_DESCRIPTION event
    void mariadbXaEventsCommitOneTransactionAndDropTheOther() throws Exception {
        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(ChecksumType.CRC32);
        XaTransactions xa = new XaTransactions();
        List<Object> applied = new ArrayList<>();
        int rowsEvents = 0;
        for (Event e : XaFixture.events(d)) {
            EventType type = e.getHeader().getEventType();
            if (type == EventType.MARIADB_GTID) {
                xa.onGtid(e);
            } else if (RowEventMapper.isRows(type)) {
                rowsEvents++;
                assertTrue(xa.collecting(), "the rows of an XA transaction are held");
                xa.add(List.of(row(rowsEvents)));
            } else if (type == EventType.XA_PREPARE) {
                xa.onPrepare();
            } else if (type == EventType.QUERY) {
                XaStatement s = XaStatement.parse(((QueryEventData) e.getData()).getSql());
                if (s.kind() == XaStatement.Kind.END) {
                    xa.onEnd(s);
                } else {
                    assertTrue(xa.holdsCheckpoint());
                    xa.decide(s, AT).forEach(c -> applied.add(c.after()[0]));
                }
            }
        }
        assertEquals(2, rowsEvents);
        assertEquals(List.of(1), applied, "x1 committed, x2 rolled back");
        assertFalse(xa.holdsCheckpoint());
    }
}
