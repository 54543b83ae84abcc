package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.MariadbGtidList;
import io.dm4j.common.position.MysqlGtidSet;

/**
 * Follows file, offset, transaction boundaries and the executed GTID set through a stream of events.
 * Not thread-safe: used by the binlog client's thread only.
 */
public final class PositionTracker {
    private String file;
    private long pos;
    private GtidSet gtidSet;
    private boolean inTransaction;
    /** The executed set once the current transaction commits; null when GTIDs are not tracked. */
    private GtidSet pendingResult;

    public PositionTracker(Location start) {
        reset(start);
    }

    public void reset(Location start) {
        file = start.position().file();
        pos = start.position().pos();
        gtidSet = start.gtidSet();
        inTransaction = false;
        pendingResult = null;
    }

    /** Advances over one event; returns true when the event ends a transaction. */
    public boolean advance(Event event) {
        EventType type = event.getHeader().getEventType();
        if (type == EventType.ROTATE) {
            RotateEventData r = event.getData();
            file = r.getBinlogFilename();
            pos = r.getBinlogPosition();
            return !inTransaction;
        }
        if (type != EventType.HEARTBEAT && type != EventType.UNKNOWN
                && event.getHeader() instanceof EventHeaderV4 h && h.getNextPosition() > 0) {
            pos = h.getNextPosition();
        }
        return boundary(event);
    }

    /** Follows transaction boundaries and GTIDs through one event; its position is not looked at. */
    private boolean boundary(Event event) {
        switch (event.getHeader().getEventType()) {
            case GTID: {
                GtidEventData g = event.getData();
                MySqlGtid gtid = g.getMySqlGtid();
                pendingResult = gtidSet instanceof MysqlGtidSet m && gtid != null
                        ? m.add(gtid.getServerId().toString(), gtid.getTransactionId()) : null;
                return false;
            }
            case MARIADB_GTID: {
                MariadbGtidEventData g = event.getData();
                long serverId = event.getHeader() instanceof EventHeaderV4 h ? h.getServerId() : g.getServerId();
                pendingResult = gtidSet instanceof MariadbGtidList m
                        ? m.advance(g.getDomainId(), serverId, g.getSequence()) : null;
                // MariaDB's GTID event opens a transaction unless the group is a standalone statement (DDL).
                inTransaction = (g.getFlags() & MariadbGtidEventData.FL_STANDALONE) == 0;
                return false;
            }
            case XID:
            case XA_PREPARE: // ends the prepared part of an XA transaction; its GTID is spent
                return endTransaction();
            case TRANSACTION_PAYLOAD: {
                // MySQL 8 compressed transaction: BEGIN, rows and XID are inside; the GTID event came before it
                boolean end = false;
                for (Event inner : ((TransactionPayloadEventData) event.getData()).getUncompressedEvents()) {
                    end |= boundary(inner);
                }
                return end;
            }
            case QUERY: {
                QueryEventData q = event.getData();
                String sql = q.getSql() == null ? "" : q.getSql().trim();
                if (sql.equalsIgnoreCase("BEGIN") || sql.equalsIgnoreCase("START TRANSACTION")) {
                    inTransaction = true;
                    return false;
                }
                XaStatement xa = XaStatement.parse(sql);
                if (xa != null && xa.kind() == XaStatement.Kind.START) {
                    inTransaction = true;
                    return false;
                }
                if (xa != null && xa.kind() != XaStatement.Kind.END) {
                    return endTransaction(); // XA COMMIT / XA ROLLBACK, also inside MariaDB's non-standalone group
                }
                if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK") || !inTransaction) {
                    return endTransaction();
                }
                return false;
            }
            default:
                return false;
        }
    }

    private boolean endTransaction() {
        if (pendingResult != null) {
            gtidSet = pendingResult;
        }
        pendingResult = null;
        inTransaction = false;
        return true;
    }

    /** Whether the last event left a transaction open (its GTID or BEGIN seen, its end not yet). */
    public boolean midTransaction() {
        return inTransaction || pendingResult != null;
    }

    public Location location() {
        return new Location(new BinlogPosition(file, pos), gtidSet);
    }

    public BinlogPosition position() {
        return new BinlogPosition(file, pos);
    }
}
