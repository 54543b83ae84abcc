package io.dm4j.worker.db;

import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what a failed statement means: a broken connection or a transient conflict (retry the whole
 * transaction), or a permanent error (stop and report), and turns it into a {@link DmException} whose RawCause
 * reads like DM's: {@code Error 1062 (23000): Duplicate entry ...}.
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /** What kind of failure a {@link SQLException} is. */
    public enum Kind {
        /** The connection is gone or could not be had; a fresh connection may succeed. */
        CONNECTION,
        /** A conflict with other sessions (deadlock, lock wait timeout, TiDB write conflict); retry the transaction. */
        TRANSIENT,
        /** Retrying cannot help (duplicate key, unknown table or column, data too long, syntax...). */
        PERMANENT;

        public boolean retryable() {
            return this != PERMANENT;
        }
    }

    /** Server and client error codes that mean the connection is lost or unusable. */
    private static final Set<Integer> CONNECTION_CODES = Set.of(
            1040, // too many connections
            1053, // server shutdown in progress
            1077, // normal shutdown
            1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159, 1160, 1161, // aborted connection / network read-write errors
            1184, // aborted new connection
            1927, // MariaDB: connection was killed
            2002, 2003, 2006, 2013, 2055); // client: cannot connect, server has gone away, lost connection

    /** Error codes of conflicts with other transactions, worth retrying the whole transaction. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            1205, // lock wait timeout exceeded
            1213, // deadlock found
            1615, // prepared statement needs to be re-prepared
            8002, // TiDB: SELECT FOR UPDATE write conflict
            8022, // TiDB: transaction retry
            8028, // TiDB: information schema changed
            9001, 9002, 9003, 9004, 9005, 9006, // TiDB: PD/TiKV timeouts, server busy, region unavailable
            9007); // TiDB: write conflict

    public static Kind classify(SQLException e) {
        for (SQLException c = e; c != null; c = next(c)) {
            int code = c.getErrorCode();
            String state = c.getSQLState();
            if (CONNECTION_CODES.contains(code) || c instanceof SQLRecoverableException
                    || c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || (state != null && state.startsWith("08"))) {
                return Kind.CONNECTION;
            }
            if (TRANSIENT_CODES.contains(code) || (code == 1105 && transient1105(c.getMessage()))
                    || "40001".equals(state)) {
                return Kind.TRANSIENT;
            }
        }
        if (e.getCause() != null && isConnectionFailure(e.getCause())) {
            return Kind.CONNECTION;
        }
        return Kind.PERMANENT;
    }

    /**
     * The error as a {@link DmException}: {@link DbErrors#BAD_CONN}, {@link DbErrors#EXECUTE_TRANSIENT} or
     * {@link DbErrors#EXECUTE_FAILED}. {@code what} names the statement (SQL without values).
     */
    public static DmException toDmException(SQLException e, String what, int attempts) {
        SQLException raw = rawCause(e);
        return switch (classify(e)) {
            case CONNECTION -> DbErrors.BAD_CONN.wrap(raw, what);
            case TRANSIENT -> DbErrors.EXECUTE_TRANSIENT.wrap(raw, attempts, what);
            case PERMANENT -> DbErrors.EXECUTE_FAILED.wrap(raw, what);
        };
    }

    /**
     * A cause-free copy in DM's RawCause form ({@code Error 1062 (23000): ...}); the driver's exception is kept
     * as a suppressed exception so the stack trace is not lost.
     */
    public static SQLException rawCause(SQLException e) {
        SQLException root = e instanceof FailedStatementException f && f.getCause() instanceof SQLException s ? s : e;
        String text = root.getErrorCode() > 0
                ? "Error " + root.getErrorCode() + " (" + root.getSQLState() + "): " + root.getMessage()
                : root.getMessage();
        SQLException out = new SQLException(text, root.getSQLState(), root.getErrorCode());
        out.addSuppressed(e);
        return out;
    }

    private static boolean transient1105(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("write conflict") || m.contains("try again later") || m.contains("information schema is changed");
    }

    private static SQLException next(SQLException c) {
        if (c.getNextException() != null && c.getNextException() != c) {
            return c.getNextException();
        }
        if (c.getCause() instanceof SQLException s && s != c) {
            return s;
        }
        return null;
    }

    private static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
