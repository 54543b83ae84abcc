package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link DatabasesExtension} hands a test: an upstream (binlog ROW/FULL, GTID on) and a downstream,
 * plus fresh schema names so tests do not see each other's data.
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

    public static void exec(DbEndpoint db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
