package io.dm4j.worker.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins the dumped tables for the rest of the dump: one statement per table inside each snapshot transaction takes a
 * shared metadata lock that the server keeps until that transaction ends. DDL on a pinned table then waits until the
 * dump is over (it lands in the binlog after the snapshot's position, where the sync unit replays it), so the
 * structures read after pinning are the structures of the data the dump reads.
 * <p>Every dump connection pins every table: a connection that first touched a table later would queue behind a
 * waiting DDL, which itself waits for the pinning connection, until the dump ends (a deadlock). A DDL that queues
 * while the pins are taken makes a pin wait; after {@link #LOCK_WAIT_SECONDS} the pin gives up, the snapshot is
 * dropped (the DDL proceeds) and the dump opens it again.
 */
final class SnapshotPin {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPin.class);
    /** ER_NO_SUCH_TABLE, ER_TABLE_DEF_CHANGED: DDL between the snapshot and the pin. */
    private static final List<Integer> CHANGED = List.of(1146, 1412);
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    static final int LOCK_WAIT_SECONDS = 5;

    private SnapshotPin() {
    }

    /**
     * @return false when a table was dropped or rebuilt since the snapshot began (the snapshot is then unusable), or
     *         a DDL waiting for its lock kept a pin from being taken
     */
    static boolean pin(List<Connection> snapshotConnections, List<TableMeta> tables) throws SQLException {
        for (Connection c : snapshotConnections) {
            if (!pin(c, tables)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pin(Connection c, List<TableMeta> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            for (TableMeta t : tables) {
                try (var rs = st.executeQuery("SELECT 1 FROM " + t.id().quoted() + " LIMIT 0")) {
                    rs.next();
                } catch (SQLException e) {
                    if (CHANGED.contains(e.getErrorCode()) || e.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                        LOG.info("table {} cannot be pinned in the dump snapshot: {}", t.id(), e.getMessage());
                        return false;
                    }
                    throw e;
                }
            }
        }
        return true;
    }
}
