package io.dm4j.worker.load;

import java.sql.SQLException;

/**
 * Called before every commit of a data transaction; lets tests stop a load at any point (a simulated crash). For SQL
 * files it runs just before the statement's one text (INSERT, checkpoint update, COMMIT) is sent: a failure here
 * leaves nothing of that statement downstream, as a crash before its COMMIT does.
 */
@FunctionalInterface
interface CommitHook {
    CommitHook NONE = (file, offset) -> { };

    /** @param offset the checkpoint offset the transaction is about to commit */
    void beforeCommit(String file, long offset) throws SQLException;
}
