package io.dm4j.master.check;

import io.dm4j.common.config.DbConfig;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection to one database; the caller closes it. */
@FunctionalInterface
public interface DbConnector {
    /**
     * @param section where {@code db} is configured ({@code from} or {@code target-database}), for TLS messages
     */
    Connection connect(DbConfig db, String section) throws SQLException;
}
