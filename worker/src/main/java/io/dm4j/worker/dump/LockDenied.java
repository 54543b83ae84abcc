package io.dm4j.worker.dump;

import java.sql.SQLException;

/** A lock statement (FLUSH TABLES WITH READ LOCK, LOCK TABLES) refused for lack of a privilege. */
final class LockDenied extends Exception {
    private static final long serialVersionUID = 1L;

    LockDenied(SQLException cause) {
        super(cause);
    }

    SQLException sql() {
        return (SQLException) getCause();
    }
}
