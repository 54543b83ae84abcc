package io.dm4j.worker.db;

import java.sql.SQLException;
import java.util.List;

/** Runs statements as one downstream transaction: all commit, or none does. */
@FunctionalInterface
public interface SqlExecutor {

    /**
     * Executes {@code statements} in order inside one transaction and commits.
     *
     * @throws FailedStatementException (or another {@link SQLException}) after rolling back
     */
    void executeTransaction(List<SqlStatement> statements) throws SQLException;

    /** What the server reports for {@code SELECT VERSION()}; empty when unknown (the SQL is then built for MySQL). */
    default String serverVersion() {
        return "";
    }
}
