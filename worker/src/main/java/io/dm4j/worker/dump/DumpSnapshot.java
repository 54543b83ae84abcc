package io.dm4j.worker.dump;

import io.dm4j.common.position.Location;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The connections a dump reads through, each inside its snapshot transaction, and the binlog locations that
 * describe what they see.
 *
 * @param workers    one connection per dump thread
 * @param location   where the sync unit starts (null: binary logging is off)
 * @param exitSafe   the point the sync unit must pass before leaving safe mode, or null when every connection
 *                   sees exactly {@code location}
 * @param method     what was done, for logs and status (e.g. {@code flush}, {@code snapshot (lock-free)})
 * @param lockMillis how long a lock blocked writes (FLUSH TABLES WITH READ LOCK or LOCK TABLES), -1 for none
 */
record DumpSnapshot(List<Connection> workers, Location location, Location exitSafe, String method, long lockMillis)
        implements AutoCloseable {

    DumpSnapshot {
        workers = List.copyOf(workers);
    }

    /** Ends the transactions and closes the connections; errors are ignored (the dump is over or failed). */
    @Override
    public void close() {
        for (Connection c : workers) {
            closeQuietly(c);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // a broken connection has no transaction left
                }
                c.close();
            }
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
