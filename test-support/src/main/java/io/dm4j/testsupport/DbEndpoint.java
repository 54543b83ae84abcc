package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A MySQL-compatible server a test may use: address and an account with full privileges. */
public record DbEndpoint(String host, int port, String user, String password) {

    /** JDBC URL for mysql-connector-j with the settings dm4j's tests rely on (utf8mb4, no TLS, server-side time zone kept). */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://" + host + ":" + port + "/" + (schema == null ? "" : schema)
                + "?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8&connectionCollation=utf8mb4_general_ci"
                + "&useUnicode=true&allowLoadLocalInfile=true&allowMultiQueries=true&rewriteBatchedStatements=true"
                + "&connectionTimeZone=SERVER&forceConnectionTimeZoneToSession=false";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(null), user, password);
    }

    public Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), user, password);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port; // never the password
    }
}
