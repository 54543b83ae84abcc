package io.dm4j.master.server;

import io.dm4j.common.config.DbConfig;
import io.dm4j.master.check.TaskPrecheck;
import io.dm4j.common.tls.DbTls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens short JDBC connections to a source's upstream or a task's downstream: to check that they are reachable
 * before anything is stored (operate-source create, check-task, start-task) and to remove checkpoints (remove-meta).
 */
public class DbProbe {
    private final Duration connectTimeout;

    public DbProbe(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Connects with the TLS of the connection's {@code security} section; the caller closes the connection.
     *
     * @param section where {@code db} was configured, for messages: {@code from} or {@code target-database}
     * @throws io.dm4j.common.errors.DmException {@code ErrDBTLSConfig}/{@code ErrDBTLSVerify} for TLS problems
     */
    public Connection connect(DbConfig db, String section) throws SQLException {
        DbTls tls = DbTls.of(db.security(), section + ".security");
        int timeoutMs = (int) connectTimeout.toMillis();
        tls.checkServer(db.host(), db.port(), timeoutMs);
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password().reveal());
        p.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("socketTimeout", Long.toString(connectTimeout.toMillis() * 2));
        p.setProperty("characterEncoding", "UTF-8");
        tls.applyTo(p);
        try {
            return DriverManager.getConnection("jdbc:mysql://" + hostForUrl(db.host()) + ":" + db.port() + "/", p);
        } catch (SQLException e) {
            var verify = tls.verifyFailure(db.address(), e);
            if (verify != null) {
                throw verify;
            }
            throw e;
        }
    }

    /** Throws the connection failure, if any. */
    public void check(DbConfig db, String section) throws SQLException {
        try (Connection c = connect(db, section)) {
            c.isValid((int) Math.max(1, connectTimeout.toSeconds()));
        }
    }

    /** The precheck of tasks, over connections from this probe. */
    public TaskPrecheck precheck() {
        return new TaskPrecheck(this::connect);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
