package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.DATABASE;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.DOWNSTREAM;

/**
 * Database errors (10001-10049) raised while talking to the downstream. The SQL error code and text travel
 * as RawCause. {@code retryable} says whether an automatic resume of the task may help.
 */
public final class DbErrors {
    private DbErrors() {
    }

    /** The pool could not be created or no connection could be opened. */
    public static final ErrorCode DRIVER_ERROR = new ErrorCode(10001, "ErrDBDriverError", DATABASE, DOWNSTREAM, HIGH,
            "cannot connect to the target database %s: %s",
            "Check that the target database is running and reachable, and that `target-database` (host, port,"
                    + " user, password) in the task configuration is correct.", true);

    /** The connection broke while statements were executed, and retrying did not help. */
    public static final ErrorCode BAD_CONN = new ErrorCode(10002, "ErrDBBadConn", DATABASE, DOWNSTREAM, HIGH,
            "lost the connection to the target database while executing %s",
            "Check the target database and the network to it; the task resumes automatically, or use"
                    + " `resume-task` once the database is reachable again.", true);

    /** A query (read) failed. */
    public static final ErrorCode QUERY_FAILED = new ErrorCode(10005, "ErrDBQueryFailed", DATABASE, DOWNSTREAM, HIGH,
            "query statement failed: %s",
            "Check the RawCause; make sure the user in `target-database` may read the tables involved.", false);

    /** A statement failed with an error that retrying cannot fix (duplicate key, unknown table, data too long, ...). */
    public static final ErrorCode EXECUTE_FAILED = new ErrorCode(10006, "ErrDBExecuteFailed", DATABASE, DOWNSTREAM, HIGH,
            "execute statement failed: %s",
            "Check the RawCause. Make the downstream table match the upstream one (columns, keys, types) and fix"
                    + " conflicting rows, then `resume-task`; `binlog skip`/`binlog replace` can handle a statement"
                    + " that must not be replayed.", false);

    /** A statement kept failing with a transient error (deadlock, lock wait timeout, write conflict) after retries. */
    public static final ErrorCode EXECUTE_TRANSIENT = new ErrorCode(10007, "ErrDBExecuteTransient", DATABASE, DOWNSTREAM,
            HIGH, "execute statement failed after %d attempts: %s",
            "Other sessions on the target database hold the rows or locks; reduce the concurrent load or raise"
                    + " `innodb_lock_wait_timeout`. The task resumes automatically.", true);

    /** A session setting (sql_mode, time_zone, target-database.session) was rejected when a connection was opened. */
    public static final ErrorCode SESSION_SETUP = new ErrorCode(10008, "ErrDBSessionSetup", DATABASE, DOWNSTREAM, HIGH,
            "cannot apply session settings to the target database: %s",
            "Correct `target-database.session` or `timezone` in the task configuration. A named time zone needs the"
                    + " server's time zone tables (mysql_tzinfo_to_sql); a fixed offset such as '+08:00' always works.",
            false);
    /** A {@code security} section of a database connection names files that cannot be used. */
    public static final ErrorCode TLS_CONFIG = new ErrorCode(10600, "ErrDBTLSConfig", DATABASE, ErrorScope.INTERNAL, HIGH,
            "%s",
            "Give `ssl-ca`, `ssl-cert` and `ssl-key` in `from.security` (source.yaml) or `target-database.security`"
                    + " (task.yaml) as readable PEM files (or their *-base64 forms); ssl-cert and ssl-key go together;"
                    + " the key must be unencrypted PKCS#8 or PKCS#1 RSA.", false);

    /** The database server's certificate did not verify against the configured CA (or its name/CN is not allowed). */
    public static final ErrorCode TLS_VERIFY = new ErrorCode(10601, "ErrDBTLSVerify", DATABASE, ErrorScope.INTERNAL, HIGH,
            "cannot connect to %s with TLS: %s",
            "Make `ssl-ca` of the connection's `security` section the CA that signed the server's certificate"
                    + " (`openssl s_client -starttls mysql -connect HOST:PORT` shows it), make the certificate name the"
                    + " host dm4j dials, and list its CN in `cert-allowed-cn` when that key is set.", false);
}
