package io.dm4j.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A MariaDB/MySQL server and the account the benchmark uses on it. */
record Endpoint(String host, int port, String user, String password) {

    Connection connect() throws SQLException {
        return connect("");
    }

    /** A connection with {@code schema} as default database ("" for none); update counts are rows really changed. */
    Connection connect(String schema) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("useSSL", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectionTimeZone", "+00:00");
        // "rows affected", not "rows matched": the count of row changes the binlog really carries
        p.setProperty("useAffectedRows", "true");
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/" + schema, p);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
