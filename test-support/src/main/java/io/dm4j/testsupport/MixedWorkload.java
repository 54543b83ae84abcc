package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers on a keyed table, a table without any key and one with only a nullable unique key (no identity): single
 * statements and multi-statement transactions of inserts, updates and deletes.
 */
public final class MixedWorkload {
    private final String db;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong statements = new AtomicLong();
    private ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    public MixedWorkload(String db) {
        this.db = db;
    }

    public List<String> tables() {
        return List.of(db + ".keyed", db + ".nokey", db + ".nullable_uk");
    }

    public void createTables(DbEndpoint server) throws SQLException {
        TestDatabases.exec(server,
                "CREATE TABLE `" + db + "`.keyed (id INT PRIMARY KEY, n INT NOT NULL, s VARCHAR(20))",
                "CREATE TABLE `" + db + "`.nokey (a INT, b VARCHAR(20), c INT NULL, KEY (a))",
                "CREATE TABLE `" + db + "`.nullable_uk (a INT, b VARCHAR(20), uk INT NULL, UNIQUE KEY (uk), KEY (a))");
    }

    public void start(DbEndpoint server, long seed) {
        stop.set(false);
        pool = Executors.newFixedThreadPool(2);
        for (int k = 0; k < 2; k++) {
            Random rnd = new Random(seed * 31 + k);
            running.add(pool.submit(() -> {
                write(server, rnd);
                return null;
            }));
        }
    }

    public void stop() throws Exception {
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        running.clear();
        pool.shutdownNow();
    }

    public long statements() {
        return statements.get();
    }

    private void write(DbEndpoint server, Random rnd) throws SQLException, InterruptedException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            while (!stop.get()) {
                Thread.sleep(2);
                boolean tx = rnd.nextInt(4) == 0;
                int n = tx ? 2 + rnd.nextInt(4) : 1;
                try {
                    c.setAutoCommit(!tx);
                    for (int i = 0; i < n; i++) {
                        st.execute(statement(rnd));
                    }
                    if (tx) {
                        c.commit();
                    }
                    statements.addAndGet(n);
                } catch (SQLException e) {
                    if (tx) {
                        c.rollback(); // a unique-key clash: nothing of it is in the binlog
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private String statement(Random rnd) {
        int table = rnd.nextInt(3);
        int a = rnd.nextInt(50);
        int kind = rnd.nextInt(100);
        if (table == 0) {
            int id = rnd.nextInt(400);
            if (kind < 60) {
                return "INSERT INTO `" + db + "`.keyed VALUES (" + id + ", 1, 'k') ON DUPLICATE KEY UPDATE n = n + 1";
            }
            if (kind < 85) {
                return "UPDATE `" + db + "`.keyed SET n = n + 1, s = CONCAT(LEFT(s, 10), 'u') WHERE id = " + id;
            }
            return "DELETE FROM `" + db + "`.keyed WHERE id = " + id;
        }
        String t = "`" + db + "`." + (table == 1 ? "nokey" : "nullable_uk");
        if (kind < 55) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + t + " VALUES ");
            int rows = 1 + rnd.nextInt(3);
            for (int r = 0; r < rows; r++) {
                String third = table == 1 ? String.valueOf(rnd.nextInt(5))
                        : rnd.nextInt(3) == 0 ? "NULL" : String.valueOf(rnd.nextInt(100_000));
                sql.append(r == 0 ? "" : ", ").append("(").append(a).append(", 'v").append(rnd.nextInt(3))
                        .append("', ").append(third).append(")");
            }
            return sql.toString();
        }
        if (kind < 80) {
            return "UPDATE " + t + " SET b = CONCAT(LEFT(b, 10), 'u') WHERE a = " + a + " LIMIT " + (1 + rnd.nextInt(2));
        }
        return "DELETE FROM " + t + " WHERE a = " + a + " LIMIT 1";
    }
}
