package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.decode.BinlogEventHeader;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which binlog events the sync unit acts on, which it may pass over, and which stop it. The list of ignorable events
 * is closed: an event type not named here is an error, never a silent skip, because the checkpoint would move past
 * whatever change it carried.
 */
final class EventPolicy {
    /** MySQL 8.0.26+ HEARTBEAT_LOG_EVENT_V2; the library does not know the code. */
    static final int HEARTBEAT_V2 = 41;
    /**
     * MariaDB START_ENCRYPTION_EVENT: the rest of the file is encrypted on disk, but the dump thread decrypts what it
     * sends (measured on MariaDB 10.11 with encrypt_binlog=ON: the events after it arrive as plain events).
     */
    static final int START_ENCRYPTION = 164;
    /** LOG_EVENT_IGNORABLE_F: the server marks events a replica that does not know them may pass over. */
    static final int IGNORABLE_FLAG = 0x80;

    /** Events the unit interprets (rows, their table maps, transaction and GTID boundaries, DDL, XA). */
    private static final Set<EventType> HANDLED = EnumSet.of(EventType.QUERY, EventType.TABLE_MAP, EventType.XID,
            EventType.ROTATE, EventType.GTID, EventType.MARIADB_GTID, EventType.XA_PREPARE,
            EventType.TRANSACTION_PAYLOAD, EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
            EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS);

    /**
     * Events that carry no change: file and format bookkeeping, GTID bookkeeping outside transactions, heartbeats,
     * the SQL text of rows events, and group-replication metadata.
     */
    private static final Set<EventType> IGNORABLE = EnumSet.of(EventType.FORMAT_DESCRIPTION, EventType.STOP,
            EventType.PREVIOUS_GTIDS, EventType.ANONYMOUS_GTID, EventType.HEARTBEAT, EventType.ROWS_QUERY,
            EventType.ANNOTATE_ROWS, EventType.BINLOG_CHECKPOINT, EventType.MARIADB_GTID_LIST, EventType.IGNORABLE,
            EventType.TRANSACTION_CONTEXT, EventType.VIEW_CHANGE);

    /** Statement-based replication: session variables and LOAD DATA file blocks of a statement. */
    private static final Set<EventType> STATEMENT_BASED = EnumSet.of(EventType.INTVAR, EventType.RAND,
            EventType.USER_VAR, EventType.LOAD, EventType.CREATE_FILE, EventType.APPEND_BLOCK, EventType.EXEC_LOAD,
            EventType.DELETE_FILE, EventType.NEW_LOAD, EventType.BEGIN_LOAD_QUERY, EventType.EXECUTE_LOAD_QUERY);

    /** First words of statements that change rows (WITH: MySQL 8 common table expressions before UPDATE/DELETE). */
    private static final Set<String> DML_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "WITH");

    private EventPolicy() {
    }

    /** True when the event is passed over without effect (it is never an error). */
    static boolean ignorable(Event event) {
        EventType type = event.getHeader().getEventType();
        if (IGNORABLE.contains(type)) {
            return true;
        }
        int code = typeCode(event);
        return type == EventType.UNKNOWN && (code == HEARTBEAT_V2 || code == START_ENCRYPTION
                || event.getHeader() instanceof EventHeaderV4 h && (h.getFlags() & IGNORABLE_FLAG) != 0);
    }

    /**
     * Stops the unit at an event it cannot replicate.
     *
     * @throws io.dm4j.common.errors.DmException for every event that is neither handled nor ignorable
     */
    static void requireSupported(Event event, Location at) {
        EventType type = event.getHeader().getEventType();
        if (type == EventType.QUERY && event.getData() instanceof QueryEventData q && isDml(q.getSql())) {
            throw BinlogEventErrors.STATEMENT_EVENT.error("QUERY `" + abbreviate(q.getSql()) + "`", at);
        }
        if (HANDLED.contains(type) || ignorable(event)) {
            return;
        }
        int code = typeCode(event);
        if (type == EventType.PARTIAL_UPDATE_ROWS_EVENT) {
            throw BinlogEventErrors.PARTIAL_JSON.error("PARTIAL_UPDATE_ROWS_EVENT at " + at,
                    "only the changed parts of JSON values are logged, so the full row cannot be rebuilt");
        }
        if (STATEMENT_BASED.contains(type)) {
            throw BinlogEventErrors.STATEMENT_EVENT.error(type + " (type code " + code + ")", at);
        }
        if (type == EventType.INCIDENT) {
            throw BinlogEventErrors.INCIDENT.error(at, String.valueOf(event.getData()));
        }
        String name = type == EventType.UNKNOWN ? "UNKNOWN" : type.name();
        throw BinlogEventErrors.UNSUPPORTED_EVENT.error(name, code, at,
                type == EventType.UNKNOWN ? "the event type is not known to the binlog reader"
                        : "the event type carries changes dm4j does not replicate");
    }

    /**
     * Whether a QUERY event carries a data change as a statement: a session with binlog_format=STATEMENT or MIXED
     * (or MySQL emptying a MEMORY table after a restart). Its rows are in no rows event, so passing it over would
     * lose them. Leading comments are skipped; executable comments ({@code /*!...}) count as text.
     */
    static boolean isDml(String sql) {
        if (sql == null) {
            return false;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*!", i) && !sql.startsWith("/*M!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int j = i;
        while (j < n && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        return DML_VERBS.contains(sql.substring(i, j).toUpperCase(java.util.Locale.ROOT));
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The type code as written in the binlog, when the header kept it. */
    static int typeCode(Event event) {
        if (event.getHeader() instanceof BinlogEventHeader h) {
            return h.typeCode();
        }
        return event.getHeader().getEventType().ordinal() == 0 ? 0 : eventNumberOf(event.getHeader().getEventType());
    }

    private static int eventNumberOf(EventType type) {
        for (int code = 0; code < 256; code++) {
            if (EventType.byEventNumber(code) == type) {
                return code;
            }
        }
        return -1;
    }
}
