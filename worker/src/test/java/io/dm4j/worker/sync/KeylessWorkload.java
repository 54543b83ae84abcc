package io.dm4j.worker.sync;

import io.dm4j.testsupport.DbEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Writes to tables without a usable key: one with no key at all, one whose only unique key is nullable. Values come
 * from a small domain, so identical rows exist side by side; UPDATE and DELETE touch one of them ({@code LIMIT 1}),
 * transactions mix several statements and rows events carry several rows. A plain index on {@code a} keeps the
 * downstream's all-columns matching fast without making the tables keyed.
 */
final class KeylessWorkload {
    private final DbEndpoint up;
    private final String schema;

    KeylessWorkload(DbEndpoint up, String schema) {
        this.up = up;
        this.schema = schema;
    }

    List<String> tableNames() {
        return List.of(schema + ".nokey", schema + ".nullable_uk");
    }

    void createTables() throws SQLException {
        try (Connection c = up.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE `" + schema + "`.nokey (a INT, b VARCHAR(20), c INT NULL, KEY (a))");
            st.execute("CREATE TABLE `" + schema + "`.nullable_uk (a INT, b VARCHAR(20), uk INT NULL, UNIQUE KEY (uk), KEY (a))");
        }
    }

    /** Runs statements from {@code clients} threads, each pausing {@code pauseMillis} between them, until stopped. */
    void runUntil(BooleanSupplier stop, int clients, long pauseMillis, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                Random rnd = new Random(seed * 31 + k);
                fs.add(pool.submit(() -> {
                    client(stop, pauseMillis, rnd);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void client(BooleanSupplier stop, long pauseMillis, Random rnd) throws SQLException, InterruptedException {
        try (Connection c = up.connect(); Statement st = c.createStatement()) {
            while (!stop.getAsBoolean()) {
                Thread.sleep(pauseMillis);
                boolean tx = rnd.nextInt(4) == 0;
                int statements = tx ? 2 + rnd.nextInt(4) : 1;
                try {
                    if (tx) {
                        c.setAutoCommit(false);
                    }
                    for (int i = 0; i < statements; i++) {
                        st.execute(statement(rnd));
                    }
                    if (tx) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (tx) {
                        c.rollback(); // a unique-key clash on nullable_uk: not in the binlog
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private String statement(Random rnd) {
        String t = "`" + schema + "`." + (rnd.nextBoolean() ? "nokey" : "nullable_uk");
        int a = rnd.nextInt(50);
        int kind = rnd.nextInt(100);
        if (kind < 55) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + t + " VALUES ");
            int rows = 1 + rnd.nextInt(3);
            for (int r = 0; r < rows; r++) {
                String third = rnd.nextInt(3) == 0 ? "NULL" : String.valueOf(rnd.nextInt(100_000));
                sql.append(r == 0 ? "" : ", ").append("(").append(a).append(", 'v").append(rnd.nextInt(3)).append("', ")
                        .append(t.endsWith("nokey") ? String.valueOf(rnd.nextInt(5)) : third).append(")");
            }
            return sql.toString();
        }
        if (kind < 80) {
            return "UPDATE " + t + " SET b = CONCAT(b, 'u') WHERE a = " + a + " LIMIT " + (1 + rnd.nextInt(2));
        }
        return "DELETE FROM " + t + " WHERE a = " + a + " LIMIT 1";
    }
}
