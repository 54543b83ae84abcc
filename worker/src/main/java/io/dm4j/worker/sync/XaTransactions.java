package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.stream.XaStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the rows of XA transactions until the upstream decides them. The binlog carries an XA transaction's rows
 * at XA PREPARE, but whether they count is known only at the later XA COMMIT (apply them) or XA ROLLBACK (drop
 * them), which may come after any number of other transactions.
 *
 * <p>Rows are kept in memory only. While any XA transaction is open or prepared, {@link #holdsCheckpoint()} is
 * true and the unit does not move its checkpoint, so a restart reads the XA PREPARE again and rebuilds the rows;
 * the transactions applied meanwhile are replayed in safe mode. Not thread-safe: the sync unit's reader thread.
 */
final class XaTransactions {
    /** MariaDB's GTID event flag of the prepared part of an XA transaction (log_event.h FL_PREPARED_XA). */
    static final int MARIADB_FL_PREPARED_XA = 64;
    private String open;
    private List<RowChange> openRows;
    private final Map<String, List<RowChange>> prepared = new LinkedHashMap<>();

    /** True between XA START and its XA PREPARE: rows of this part belong to the XA transaction. */
    boolean collecting() {
        return open != null;
    }

    /** MySQL's {@code XA START xid} query. */
    void onStart(XaStatement start) {
        open = start.xid();
        openRows = new ArrayList<>();
    }

    /**
     * A GTID event. MariaDB writes no XA START query: the GTID event of the prepared part carries the flag
     * FL_PREPARED_XA instead, and the xid is learnt from the XA END query that follows the rows.
     */
    void onGtid(Event event) {
        if (event.getData() instanceof MariadbGtidEventData g && (g.getFlags() & MARIADB_FL_PREPARED_XA) != 0) {
            open = "";
            openRows = new ArrayList<>();
        }
    }

    /** {@code XA END xid}: names the open transaction (MariaDB has not named it before). */
    void onEnd(XaStatement end) {
        if (open != null) {
            open = end.xid();
        }
    }

    /** Keeps rows of the open XA transaction for its decision. */
    void add(List<RowChange> changes) {
        openRows.addAll(changes);
    }

    /** The XA_PREPARE event: the open transaction waits for its XA COMMIT or XA ROLLBACK. */
    void onPrepare() {
        if (open != null) {
            prepared.put(open, openRows);
        }
        open = null;
        openRows = null;
    }

    /**
     * The rows an XA COMMIT makes effective (empty for XA ROLLBACK), in binlog order.
     *
     * @throws io.dm4j.common.errors.DmException XA COMMIT of a transaction whose rows were never read
     */
    List<RowChange> decide(XaStatement decision, Location at) {
        if (decision.onePhase() && decision.xid().equals(open)) {
            List<RowChange> rows = openRows;
            open = null;
            openRows = null;
            return rows;
        }
        List<RowChange> rows = prepared.remove(decision.xid());
        if (decision.kind() == XaStatement.Kind.ROLLBACK) {
            return List.of(); // nothing to undo when the prepare came before the task's start
        }
        if (rows == null) {
            throw BinlogEventErrors.XA_NOT_PREPARED.error(decision.xid(), at);
        }
        return rows;
    }

    /** True while some XA transaction is undecided: the checkpoint must stay before its XA START. */
    boolean holdsCheckpoint() {
        return open != null || !prepared.isEmpty();
    }

    /** How many prepared transactions wait for their decision (for logs and tests). */
    int preparedCount() {
        return prepared.size();
    }
}
