package io.dm4j.master.server;

import io.dm4j.common.config.DbConfig;
import io.dm4j.master.check.TaskPrecheck;
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

    /** Connects; the caller closes the connection. */
    public Connection connect(DbConfig db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password().reveal());
        p.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("socketTimeout", Long.toString(connectTimeout.toMillis() * 2));
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("characterEncoding", "UTF-8");
        if (db.security().enabled() || !db.security().sslCert().isEmpty()) {
            p.setProperty("sslMode", "REQUIRED");
        } else {
            p.setProperty("sslMode", "DISABLED");
        }
        return DriverManager.getConnection("jdbc:mysql://" + hostForUrl(db.host()) + ":" + db.port() + "/", p);
    }

    /** Throws the connection failure, if any. */
    public void check(DbConfig db) throws SQLException {
        try (Connection c = connect(db)) {
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
