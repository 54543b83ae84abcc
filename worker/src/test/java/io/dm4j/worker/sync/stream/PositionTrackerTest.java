package io.dm4j.worker.sync.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.MariadbGtidList;
import io.dm4j.common.position.MysqlGtidSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PositionTrackerTest {
    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    private static Event event(EventType type, long serverId, long nextPos, EventData data) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(type);
        h.setServerId(serverId);
        h.setNextPosition(nextPos);
        h.setTimestamp(1_700_000_000_000L);
        return new Event(h, data);
    }

    private static Event query(long nextPos, String sql) {
        QueryEventData q = new QueryEventData();
        q.setSql(sql);
        q.setDatabase("db");
        return event(EventType.QUERY, 1, nextPos, q);
    }

    @Test
    void mysqlTransactionsAdvanceTheGtidSetOnlyAtCommit() {
        PositionTracker t = new PositionTracker(new Location(new io.dm4j.common.position.BinlogPosition("mysql-bin.000003", 4),
                GtidSet.parse(Flavor.MYSQL, UUID_A + ":1-10")));
        GtidEventData g = new GtidEventData(new MySqlGtid(UUID.fromString(UUID_A), 11), (byte) 0, 0, 0, 0, 0, 0, 0, 0);
        assertFalse(t.advance(event(EventType.GTID, 1, 200, g)));
        assertFalse(t.advance(query(300, "BEGIN")));
        assertFalse(t.advance(event(EventType.EXT_WRITE_ROWS, 1, 400, null)));
        assertEquals(UUID_A + ":1-10", t.location().gtidText(), "not committed yet");
        assertTrue(t.advance(event(EventType.XID, 1, 431, new XidEventData())));
        assertEquals(UUID_A + ":1-11", t.location().gtidText());
        assertEquals(431, t.location().position().pos());
        // DDL: GTID then a standalone QUERY ends the transaction.
        GtidEventData g2 = new GtidEventData(new MySqlGtid(UUID.fromString(UUID_A), 12), (byte) 0, 0, 0, 0, 0, 0, 0, 0);
        t.advance(event(EventType.GTID, 1, 500, g2));
        assertTrue(t.advance(query(600, "ALTER TABLE t ADD c INT")));
        assertEquals(MysqlGtidSet.parse(UUID_A + ":1-12"), t.location().gtidSet());
    }

    @Test
    void mariadbGtidTakesTheServerIdFromTheHeaderAndStandaloneGroupsEndAtTheirQuery() {
        PositionTracker t = new PositionTracker(new Location(new io.dm4j.common.position.BinlogPosition("up-bin.000001", 4),
                MariadbGtidList.parse("0-1-9")));
        MariadbGtidEventData g = new MariadbGtidEventData();
        g.setDomainId(0);
        g.setSequence(10);
        g.setServerId(0); // the library leaves it 0 without a gtid set; the header has the truth
        g.setFlags(0);
        assertFalse(t.advance(event(EventType.MARIADB_GTID, 7, 100, g)));
        assertFalse(t.advance(event(EventType.WRITE_ROWS, 7, 200, null)));
        assertTrue(t.advance(event(EventType.XID, 7, 231, new XidEventData())));
        assertEquals("0-7-10", t.location().gtidText());
        MariadbGtidEventData ddl = new MariadbGtidEventData();
        ddl.setDomainId(0);
        ddl.setSequence(11);
        ddl.setFlags(MariadbGtidEventData.FL_STANDALONE);
        t.advance(event(EventType.MARIADB_GTID, 7, 300, ddl));
        assertTrue(t.advance(query(400, "CREATE TABLE x (a INT)")));
        assertEquals("0-7-11", t.location().gtidText());
    }

    @Test
    void rotationMovesToTheNextFileAndHeartbeatsDoNotMoveThePosition() {
        PositionTracker t = new PositionTracker(io.dm4j.common.position.Location.of("up-bin.000001", 4));
        RotateEventData r = new RotateEventData();
        r.setBinlogFilename("up-bin.000002");
        r.setBinlogPosition(4);
        assertTrue(t.advance(event(EventType.ROTATE, 1, 0, r)));
        assertEquals("up-bin.000002", t.location().position().file());
        t.advance(event(EventType.HEARTBEAT, 1, 999_999, null));
        assertEquals(4, t.location().position().pos());
    }

    /** MariaDB 10.11 XA: the prepared part ends at XA_PREPARE, the decision is a group of its own. */
    @Test
    @SuppressWarnings("deprecation") // setChecksumType: the fixture has no FORMAT_DESCRIPTION event
    void mariadbXaPreparedPartEndsAtXaPrepareAndTheDecisionAtItsQuery() throws java.io.IOException {
        com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer d =
                io.dm4j.worker.sync.decode.BinlogDeserializers.create();
        d.setChecksumType(com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType.CRC32);
        java.util.List<Event> events = XaFixture.events(d);
        PositionTracker t = new PositionTracker(new Location(
                new io.dm4j.common.position.BinlogPosition("up-bin.000002", 1445), MariadbGtidList.parse("0-1-5")));
        java.util.List<String> ends = new java.util.ArrayList<>();
        for (Event e : events) {
            if (t.advance(e)) {
                ends.add(e.getHeader().getEventType() + "@" + t.location().position().pos() + " " + t.location().gtidText());
            }
        }
        assertEquals(java.util.List.of("XA_PREPARE@1770 0-1-6", "QUERY@1900 0-1-7", "XA_PREPARE@2225 0-1-8",
                "QUERY@2357 0-1-9"), ends);
    }

    /** MySQL XA: XA START opens the prepared part (no BEGIN), XA_PREPARE ends it, XA COMMIT is a group of its own. */
    @Test
    void mysqlXaPreparedPartEndsAtXaPrepareAndTheCommitAtItsQuery() throws java.io.IOException {
        byte[] bytes = MysqlEventBytes.concat(
                MysqlEventBytes.event(MysqlEventBytes.GTID, 200, MysqlEventBytes.gtidBody(11)),
                MysqlEventBytes.event(MysqlEventBytes.QUERY, 300, MysqlEventBytes.queryBody("db", "XA START X'6b',X'',1")),
                MysqlEventBytes.event(MysqlEventBytes.TABLE_MAP, 350, MysqlEventBytes.tableMapBody(5, "db", "t")),
                MysqlEventBytes.event(MysqlEventBytes.WRITE_ROWS_V2, 400, MysqlEventBytes.writeRowsBody(5, 1)),
                MysqlEventBytes.event(MysqlEventBytes.QUERY, 450, MysqlEventBytes.queryBody("db", "XA END X'6b',X'',1")),
                MysqlEventBytes.event(MysqlEventBytes.XA_PREPARE, 500, MysqlEventBytes.xaPrepareBody(1, "k", "")),
                MysqlEventBytes.event(MysqlEventBytes.GTID, 600, MysqlEventBytes.gtidBody(12)),
                MysqlEventBytes.event(MysqlEventBytes.QUERY, 700, MysqlEventBytes.queryBody("db", "XA COMMIT X'6b',X'',1")));
        com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer d =
                io.dm4j.worker.sync.decode.BinlogDeserializers.create();
        com.github.shyiko.mysql.binlog.io.ByteArrayInputStream in = new com.github.shyiko.mysql.binlog.io.ByteArrayInputStream(bytes);
        PositionTracker t = new PositionTracker(new Location(new io.dm4j.common.position.BinlogPosition("mysql-bin.000001", 4),
                GtidSet.parse(Flavor.MYSQL, UUID_A + ":1-10")));
        java.util.List<String> ends = new java.util.ArrayList<>();
        for (Event e = d.nextEvent(in); e != null; e = d.nextEvent(in)) {
            if (t.advance(e)) {
                ends.add(e.getHeader().getEventType() + "@" + t.location().position().pos() + " " + t.location().gtidText());
            }
        }
        assertEquals(java.util.List.of("XA_PREPARE@500 " + UUID_A + ":1-11", "QUERY@700 " + UUID_A + ":1-12"), ends);
    }
}
