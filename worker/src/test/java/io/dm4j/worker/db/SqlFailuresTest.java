package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    private static SqlFailures.Kind kind(int code, String state, String msg) {
        return SqlFailures.classify(new SQLException(msg, state, code));
    }

    @Test
    void classifiesMysqlErrorCodes() {
        assertEquals(SqlFailures.Kind.TRANSIENT, kind(1213, "40001", "Deadlock found"));
        assertEquals(SqlFailures.Kind.TRANSIENT, kind(1205, "HY000", "Lock wait timeout exceeded"));
        assertEquals(SqlFailures.Kind.TRANSIENT, kind(9007, "HY000", "Write conflict"));
        assertEquals(SqlFailures.Kind.TRANSIENT, kind(1105, "HY000", "... write conflict, txnStartTS=1"));
        assertEquals(SqlFailures.Kind.PERMANENT, kind(1105, "HY000", "unsupported modify column"));
        assertEquals(SqlFailures.Kind.CONNECTION, kind(2013, "HY000", "Lost connection to MySQL server"));
        assertEquals(SqlFailures.Kind.CONNECTION, kind(0, "08S01", "Communications link failure"));
        assertEquals(SqlFailures.Kind.CONNECTION,
                SqlFailures.classify(new SQLNonTransientConnectionException("closed", "08003")));
        for (int permanent : new int[] {1062, 1406, 1366, 1054, 1146, 1064, 1452}) {
            assertEquals(SqlFailures.Kind.PERMANENT, kind(permanent, "23000", "x"), "code " + permanent);
        }
    }

    @Test
    void looksIntoBatchAndStatementWrappers() {
        SQLException deadlock = new SQLException("Deadlock found", "40001", 1213);
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", 0, new int[0], deadlock);
        assertEquals(SqlFailures.Kind.TRANSIENT, SqlFailures.classify(batch));
        FailedStatementException failed = new FailedStatementException(new SqlStatement("INSERT", null),
                new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062));
        assertEquals(SqlFailures.Kind.PERMANENT, SqlFailures.classify(failed));
    }

    @Test
    void mapsToDmErrorsWithDmStyleRawCause() {
        FailedStatementException failed = new FailedStatementException(
                new SqlStatement("INSERT INTO `db`.`t` (`id`) VALUES (?)", java.util.List.of(1L)),
                new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062));
        DmException e = io.dm4j.worker.db.Downstream.toDmException(failed, 1);
        assertEquals(DbErrors.EXECUTE_FAILED, e.code());
        assertFalse(e.retryable());
        assertEquals("Error 1062 (23000): Duplicate entry '1' for key 'PRIMARY'", e.rawCause());
        assertTrue(e.getMessage().startsWith("[code=10006:class=database:scope=downstream:level=high], Message: "
                + "execute statement failed: INSERT INTO `db`.`t` (`id`) VALUES (?)"), e.getMessage());
        assertFalse(e.getMessage().contains("1L"));

        DmException lost = SqlFailures.toDmException(new SQLException("gone away", "HY000", 2006), "COMMIT", 1);
        assertEquals(DbErrors.BAD_CONN, lost.code());
        assertTrue(lost.retryable());
    }
}
