package io.dm4j.worker.db;

import java.sql.SQLException;

/** A failed statement of a transaction: keeps the driver's SQL state and error code, and which SQL it was. */
public final class FailedStatementException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final transient SqlStatement statement;

    public FailedStatementException(SqlStatement statement, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.statement = statement;
    }

    /** The statement that failed ({@code COMMIT} when the commit failed). */
    public SqlStatement statement() {
        return statement;
    }
}
