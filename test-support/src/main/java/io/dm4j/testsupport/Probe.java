package io.dm4j.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Quick, bounded checks that a server answers and accepts the test account. */
final class Probe {
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private Probe() {
    }

    /** True when something accepts TCP connections at the endpoint's address within a few seconds. */
    static boolean portAnswers(DbEndpoint db) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(db.host(), db.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Logs in with bounded timeouts; throws what the driver said when the server does not accept the account. */
    static void login(DbEndpoint db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        p.setProperty("socketTimeout", "15000");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(null), p)) {
            if (!c.isValid(5)) {
                throw new SQLException("connection to " + db + " is not valid");
            }
        }
    }

    /** Null when the upstream writes a ROW binlog, else what is wrong with it. */
    static String binlogProblem(DbEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@log_bin, @@binlog_format")) {
            rs.next();
            if (rs.getInt(1) != 1) {
                return "binary logging is off (log_bin=0)";
            }
            if (!"ROW".equalsIgnoreCase(rs.getString(2))) {
                return "binlog_format is " + rs.getString(2) + ", not ROW";
            }
            return null;
        }
    }

    /** Checks both servers answer, accept the account and that the upstream logs rows; fails with the fix otherwise. */
    static DatabasePair verified(DatabasePair pair, String whereFrom) {
        for (DbEndpoint db : new DbEndpoint[] {pair.upstream(), pair.downstream()}) {
            try {
                login(db);
            } catch (SQLException e) {
                throw DatabaseProvisioner.fail("Test database " + db + " (" + whereFrom + ") does not accept"
                        + " connections: " + e.getMessage() + ". " + DatabaseProvisioner.HOW_TO_FIX, e);
            }
        }
        try {
            String problem = binlogProblem(pair.upstream());
            if (problem != null) {
                throw DatabaseProvisioner.fail("Upstream test database " + pair.upstream() + " (" + whereFrom + ") is"
                        + " unusable: " + problem + ". Start it with --log-bin --binlog-format=ROW"
                        + " --binlog-row-image=FULL (scripts/mysql-sandbox.sh does).");
            }
        } catch (SQLException e) {
            throw DatabaseProvisioner.fail("Cannot read binlog settings of " + pair.upstream() + ": " + e.getMessage(), e);
        }
        return pair;
    }
}
