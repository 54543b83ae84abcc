package io.dm4j.testsupport;

import java.sql.SQLException;
import java.time.Duration;

/** Steps of a replica's life a failover test goes through. */
public final class Replicas {
    private Replicas() {
    }

    /**
     * Promotes {@code replica}: waits until it has applied everything {@code primary} wrote (its
     * {@code gtid_slave_pos} reaches the primary's {@code gtid_binlog_pos}), then stops replication, so it can take
     * the writes. MariaDB only.
     */
    public static void promote(DbEndpoint primary, DbEndpoint replica, Duration timeout) throws SQLException,
            InterruptedException {
        String target = single(primary, "SELECT @@gtid_binlog_pos");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!target.equals(single(replica, "SELECT @@gtid_slave_pos"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica " + replica + " did not reach GTID " + target + " within " + timeout);
            }
            Thread.sleep(100);
        }
        TestDatabases.exec(replica, "STOP SLAVE");
    }

    private static String single(DbEndpoint db, String sql) throws SQLException {
        return TestDatabases.query(db, sql).get(0).get(0);
    }
}
