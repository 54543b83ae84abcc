package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every binlog event type is handled, explicitly ignorable, or an error: never skipped silently. */
class EventPolicyTest {
    private static final Location AT = new Location(new BinlogPosition("up-bin.000007", 4711), null);

    /** One event of type {@code code} with the given body, read by the sync unit's deserializer. */
    private static Event eventOfType(int code, byte[] body) throws IOException {
        byte[] e = new byte[19 + body.length];
        e[4] = (byte) code;
        e[9] = (byte) e.length;
        System.arraycopy(body, 0, e, 19, body.length);
        EventDeserializer d = BinlogDeserializers.create();
        return d.nextEvent(new ByteArrayInputStream(e));
    }

    private static ErrorCode refusal(int code, byte[] body) throws IOException {
        Event e = eventOfType(code, body);
        return assertThrows(DmException.class, () -> EventPolicy.requireSupported(e, AT)).code();
    }

    @Test
    void bookkeepingEventsAreIgnorable() throws IOException {
        // STOP, HEARTBEAT, IGNORABLE, ROWS_QUERY, PREVIOUS_GTIDS, ANONYMOUS_GTID, TRANSACTION_CONTEXT, VIEW_CHANGE,
        // MySQL 8.0.26 HEARTBEAT_V2, MariaDB ANNOTATE_ROWS, BINLOG_CHECKPOINT, GTID_LIST, START_ENCRYPTION
        for (int code : new int[] {3, 27, 28, 29, 35, 34, 36, 37, 41, 160, 161, 163, 164}) {
            Event e = eventOfType(code, new byte[64]);
            assertTrue(EventPolicy.ignorable(e), "type code " + code);
            assertDoesNotThrow(() -> EventPolicy.requireSupported(e, AT));
        }
    }

    /**
     * MariaDB 10.11 with encrypt_binlog=ON sends this START_ENCRYPTION event (captured) at the start of every binlog
     * file, and the events after it decrypted: it is no reason to stop.
     */
    @Test
    @SuppressWarnings("deprecation") // setChecksumType: no FORMAT_DESCRIPTION event before it
    void mariadbStartEncryptionIsIgnorableBecauseTheDumpThreadDecrypts() throws IOException {
        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType.CRC32);
        Event e = d.nextEvent(new ByteArrayInputStream(java.util.HexFormat.of().parseHex(
                "ad06116ba401000000280000002801000000000101000000a2db8b7b576f77ede791719c90c0cd2f")));
        assertEquals(164, EventPolicy.typeCode(e));
        assertTrue(EventPolicy.ignorable(e));
        assertDoesNotThrow(() -> EventPolicy.requireSupported(e, AT));
    }

    /** The server's rule for events a replica does not know: LOG_EVENT_IGNORABLE_F set means pass over. */
    @Test
    void unknownEventsMarkedIgnorableByTheServerPass() throws IOException {
        byte[] e = new byte[19 + 8];
        e[4] = (byte) 200;
        e[9] = (byte) e.length;
        e[17] = (byte) 0x80; // flags, little-endian
        Event marked = BinlogDeserializers.create().nextEvent(new ByteArrayInputStream(e));
        assertTrue(EventPolicy.ignorable(marked));
        e[17] = 0;
        Event unmarked = BinlogDeserializers.create().nextEvent(new ByteArrayInputStream(e));
        assertEquals(BinlogEventErrors.UNSUPPORTED_EVENT,
                assertThrows(DmException.class, () -> EventPolicy.requireSupported(unmarked, AT)).code());
    }

    @Test
    void eventsTheUnitInterpretsAreNeitherIgnoredNorRefused() {
        for (EventType type : new EventType[] {EventType.QUERY, EventType.TABLE_MAP, EventType.XID, EventType.GTID,
            EventType.MARIADB_GTID, EventType.XA_PREPARE, EventType.TRANSACTION_PAYLOAD, EventType.WRITE_ROWS,
            EventType.EXT_UPDATE_ROWS, EventType.DELETE_ROWS, EventType.ROTATE}) {
            com.github.shyiko.mysql.binlog.event.EventHeaderV4 h = new com.github.shyiko.mysql.binlog.event.EventHeaderV4();
            h.setEventType(type);
            Event e = new Event(h, null);
            assertFalse(EventPolicy.ignorable(e), type.name());
            assertDoesNotThrow(() -> EventPolicy.requireSupported(e, AT));
        }
    }

    @Test
    void changesDm4jCannotReplicateStopTheUnitWithACodedError() throws IOException {
        Map<Integer, ErrorCode> expected = Map.of(
                39, BinlogEventErrors.PARTIAL_JSON, // PARTIAL_UPDATE_ROWS_EVENT
                5, BinlogEventErrors.STATEMENT_EVENT, // INTVAR
                13, BinlogEventErrors.STATEMENT_EVENT, // RAND
                14, BinlogEventErrors.STATEMENT_EVENT, // USER_VAR
                17, BinlogEventErrors.STATEMENT_EVENT, // BEGIN_LOAD_QUERY
                26, BinlogEventErrors.INCIDENT,
                20, BinlogEventErrors.UNSUPPORTED_EVENT, // pre-GA rows event
                200, BinlogEventErrors.UNSUPPORTED_EVENT, // a type code no server writes today
                1, BinlogEventErrors.UNSUPPORTED_EVENT); // START_V3
        for (Map.Entry<Integer, ErrorCode> e : expected.entrySet()) {
            assertEquals(e.getValue(), refusal(e.getKey(), new byte[64]), "type code " + e.getKey());
        }
    }

    @Test
    void theErrorNamesTheEventTypeAndPosition() throws IOException {
        Event unknown = eventOfType(200, new byte[] {1, 2, 3});
        DmException e = assertThrows(DmException.class, () -> EventPolicy.requireSupported(unknown, AT));
        assertTrue(e.getMessage().contains("type code 200") && e.getMessage().contains("up-bin.000007"), e.getMessage());
        Event userVar = eventOfType(14, new byte[64]);
        e = assertThrows(DmException.class, () -> EventPolicy.requireSupported(userVar, AT));
        assertTrue(e.getMessage().contains("USER_VAR") && e.getMessage().contains("4711"), e.getMessage());
    }

    /** A session with binlog_format=STATEMENT writes its DML as QUERY events: their rows would be lost. */
    @Test
    void dataChangesLoggedAsStatementsAreRefused() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "  update t set a = 1", "DELETE FROM t",
            "REPLACE INTO t VALUES (1)", "/* app */ INSERT INTO t VALUES (2)",
            "WITH x AS (SELECT 1) UPDATE t, x SET t.a = 1", "LOAD DATA INFILE 'f' INTO TABLE t"}) {
            com.github.shyiko.mysql.binlog.event.EventHeaderV4 h = new com.github.shyiko.mysql.binlog.event.EventHeaderV4();
            h.setEventType(EventType.QUERY);
            com.github.shyiko.mysql.binlog.event.QueryEventData q = new com.github.shyiko.mysql.binlog.event.QueryEventData();
            q.setSql(sql);
            DmException e = assertThrows(DmException.class, () -> EventPolicy.requireSupported(new Event(h, q), AT), sql);
            assertEquals(BinlogEventErrors.STATEMENT_EVENT, e.code(), sql);
            assertTrue(e.getMessage().contains("up-bin.000007"), e.getMessage());
        }
        for (String sql : new String[] {"BEGIN", "COMMIT", "CREATE TABLE insert_log (id INT)", "ALTER TABLE t ADD c INT",
            "XA START X'01',X'',1", "TRUNCATE TABLE t", "/*!40000 ALTER TABLE t DISABLE KEYS */", "DROP TABLE `update`"}) {
            assertFalse(EventPolicy.isDml(sql), sql);
        }
    }
}
