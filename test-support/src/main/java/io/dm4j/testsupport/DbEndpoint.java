package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A MySQL-compatible server a test may use: address and an account with full privileges. */
public record DbEndpoint(String host, int port, String user, String password) {

    /** JDBC URL for mysql-connector-j with the settings dm4j's tests rely on (utf8mb4, no TLS, server-side time zone kept). */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://" + host + ":" + port + "/" + (schema == null ? "" : schema)
                + "?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8&connectionCollation=utf8mb4_general_ci"
                + "&useUnicode=true&allowLoadLocalInfile=true&allowMultiQueries=true&rewriteBatchedStatements=true"
                + "&connectionTimeZone=SERVER&forceConnectionTimeZoneToSession=false";
    }

    /** A new, unpooled connection with no default schema; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(null), user, password);
    }

    /** A new, unpooled connection whose default schema is {@code schema}; the caller closes it. */
    public Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), user, password);
    }

    /** True when the server is MariaDB (its VERSION() says so), false for MySQL and TiDB. */
    public boolean isMariaDb() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port; // never the password
    }
}
