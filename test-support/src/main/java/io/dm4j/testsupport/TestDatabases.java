package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link DatabasesExtension} hands a test: an upstream (binlog ROW/FULL, GTID on) and a downstream,
 * fresh schema names so tests do not see each other's data, and small SQL helpers. Connections are plain
 * and unpooled; every helper opens and closes its own.
 */
public final class TestDatabases {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final DbEndpoint upstream;
    private final DbEndpoint downstream;
    private final String origin;
    private final List<String> created = new ArrayList<>();

    TestDatabases(DbEndpoint upstream, DbEndpoint downstream, String origin) {
        this.upstream = upstream;
        this.downstream = downstream;
        this.origin = origin;
    }

    public DbEndpoint upstream() {
        return upstream;
    }

    public DbEndpoint downstream() {
        return downstream;
    }

    /** How the databases were found: {@code env}, {@code testcontainers} or {@code sandbox}. */
    public String origin() {
        return origin;
    }

    /**
     * A GTID replica of the upstream (binlog ROW/FULL, {@code log_slave_updates}, its own server_id and binlog file
     * names), replicating when returned: {@code scripts/mysql-sandbox.sh replica start}, which also rebuilds a replica
     * an earlier test promoted. Only the local sandbox has one; other origins fail the test.
     */
    public DbEndpoint replica() {
        requireSandbox("a replica of the upstream");
        return SandboxExtras.replica(System::getenv);
    }

    /** A MariaDB server started without {@code log_bin} ({@code scripts/mysql-sandbox.sh nobinlog start}). */
    public DbEndpoint serverWithoutBinlog() {
        requireSandbox("a server without binary logging");
        return SandboxExtras.withoutBinlog(System::getenv);
    }

    private void requireSandbox(String what) {
        if (!origin.equals("sandbox")) {
            throw new IllegalStateException("this test needs " + what + ", which only the local sandbox provides"
                    + " (DM_TEST_DB=sandbox, scripts/mysql-sandbox.sh); the databases here come from " + origin);
        }
    }

    /** A new unpooled connection to the upstream (no default schema); the caller closes it. */
    public Connection connectUp() throws SQLException {
        return upstream.connect();
    }

    /** A new unpooled connection to the downstream (no default schema); the caller closes it. */
    public Connection connectDown() throws SQLException {
        return downstream.connect();
    }

    /**
     * A schema name unique to this test run (prefix + pid + counter); it is dropped on both sides now if it
     * exists and created upstream only (the replication under test must create it downstream).
     */
    public String freshSchema(String prefix) throws SQLException {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet()).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        exec(downstream, "DROP DATABASE IF EXISTS `" + name + "`");
        exec(upstream, "DROP DATABASE IF EXISTS `" + name + "`");
        exec(upstream, "CREATE DATABASE `" + name + "`");
        created.add(name);
        return name;
    }

    /** Schemas made by {@link #freshSchema} in this test. */
    public List<String> createdSchemas() {
        return List.copyOf(created);
    }

    /** Runs the statements upstream, in order, on one connection (autocommit). */
    public void execUp(String... sql) throws SQLException {
        exec(upstream, sql);
    }

    /** Runs the statements downstream, in order, on one connection (autocommit). */
    public void execDown(String... sql) throws SQLException {
        exec(downstream, sql);
    }

    /** Rows of an upstream query, each column as the driver's string form (null stays null); params bind to '?'. */
    public List<List<String>> queryUp(String sql, Object... params) throws SQLException {
        return query(upstream, sql, params);
    }

    /** Rows of a downstream query, each column as the driver's string form (null stays null); params bind to '?'. */
    public List<List<String>> queryDown(String sql, Object... params) throws SQLException {
        return query(downstream, sql, params);
    }

    public static void exec(DbEndpoint db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public static List<List<String>> query(DbEndpoint db, String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(Collections.unmodifiableList(row));
                }
                return List.copyOf(rows);
            }
        }
    }
}
