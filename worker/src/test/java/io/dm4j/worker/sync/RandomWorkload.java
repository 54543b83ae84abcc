package io.dm4j.worker.sync;

import io.dm4j.testsupport.DbEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mixed INSERT/UPDATE/DELETE workload over several tables, from several concurrent clients: primary-key updates,
 * unique-key swaps inside a transaction, multi-statement transactions, NULLs and binary values. Statements the
 * upstream rejects (duplicate keys between racing clients) are simply not in the binlog; the test compares
 * whatever the upstream ended with.
 */
final class RandomWorkload {
    static final int KEY_SPACE = 2000;

    private final DbEndpoint up;
    private final String schema;
    private final int tables;
    final AtomicLong executed = new AtomicLong();

    RandomWorkload(DbEndpoint up, String schema, int tables) {
        this.up = up;
        this.schema = schema;
        this.tables = tables;
    }

    String table(int i) {
        return "`" + schema + "`.`w" + i + "`";
    }

    List<String> tableNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            out.add(schema + ".w" + i);
        }
        return out;
    }

    void createTables() throws SQLException {
        try (Connection c = up.connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < tables; i++) {
                st.execute("CREATE TABLE " + table(i) + " (id INT PRIMARY KEY, uk INT NULL, a VARCHAR(40), b BIGINT,"
                        + " c DECIMAL(18,4), d DATETIME(6), e VARBINARY(16), UNIQUE KEY uk_uk (uk)) DEFAULT CHARSET=utf8mb4");
            }
        }
    }

    /** Runs {@code total} operations split over {@code clients} threads; returns when all are done. */
    void run(int total, int clients, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                long s = seed * 31 + k;
                int share = total / clients + (k < total % clients ? 1 : 0);
                fs.add(pool.submit(() -> {
                    client(share, new Random(s));
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

    private void client(int ops, Random rnd) throws SQLException {
        try (Connection c = up.connect()) {
            for (int n = 0; n < ops; ) {
                int kind = rnd.nextInt(100);
                String t = table(rnd.nextInt(tables));
                try {
                    if (kind < 10) {
                        n += transaction(c, rnd, t);
                    } else if (kind < 15) {
                        swapUnique(c, rnd, t);
                        n += 3;
                    } else {
                        single(c, rnd, t, kind);
                        n++;
                    }
                } catch (SQLException e) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                    n++; // rejected upstream (duplicate key between clients): not in the binlog
                }
            }
        }
    }

    private int transaction(Connection c, Random rnd, String t) throws SQLException {
        c.setAutoCommit(false);
        int n = 2 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            single(c, rnd, t, 15 + rnd.nextInt(85));
        }
        c.commit();
        c.setAutoCommit(true);
        return n;
    }

    private void single(Connection c, Random rnd, String t, int kind) throws SQLException {
        int id = rnd.nextInt(KEY_SPACE);
        if (kind < 55) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?,?,?,?,?,?,?)"
                    + " ON DUPLICATE KEY UPDATE a = VALUES(a), b = b + 1")) {
                ps.setInt(1, id);
                if (rnd.nextInt(4) == 0) {
                    ps.setNull(2, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(2, rnd.nextInt(KEY_SPACE * 4));
                }
                ps.setString(3, rnd.nextInt(10) == 0 ? null : "v" + rnd.nextInt(1_000_000) + (rnd.nextBoolean() ? "é😀" : ""));
                ps.setLong(4, rnd.nextLong());
                ps.setBigDecimal(5, java.math.BigDecimal.valueOf(rnd.nextInt(100_000_000), 4));
                ps.setString(6, "2026-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10) + " 12:34:56." + (100000 + rnd.nextInt(899999)));
                byte[] b = new byte[rnd.nextInt(16)];
                rnd.nextBytes(b);
                ps.setBytes(7, b);
                ps.executeUpdate();
            }
        } else if (kind < 75) {
            exec(c, "UPDATE " + t + " SET a = CONCAT(IFNULL(a, ''), 'u'), b = b - 1, c = c * 2 WHERE id = " + id);
        } else if (kind < 85) {
            // primary-key update
            exec(c, "UPDATE " + t + " SET id = " + (KEY_SPACE + rnd.nextInt(KEY_SPACE)) + " WHERE id = " + id);
        } else {
            exec(c, "DELETE FROM " + t + " WHERE id = " + id + " OR id = " + (KEY_SPACE + rnd.nextInt(KEY_SPACE)));
        }
        executed.incrementAndGet();
    }

    /** Two rows exchange their unique-key values in one transaction (the classic causality trap). */
    private void swapUnique(Connection c, Random rnd, String t) throws SQLException {
        int a = rnd.nextInt(KEY_SPACE);
        int b = rnd.nextInt(KEY_SPACE);
        c.setAutoCommit(false);
        exec(c, "SELECT @ua := uk FROM " + t + " WHERE id = " + a + " FOR UPDATE");
        exec(c, "SELECT @ub := uk FROM " + t + " WHERE id = " + b + " FOR UPDATE");
        exec(c, "UPDATE " + t + " SET uk = NULL WHERE id = " + a);
        exec(c, "UPDATE " + t + " SET uk = @ua WHERE id = " + b);
        exec(c, "UPDATE " + t + " SET uk = @ub WHERE id = " + a);
        c.commit();
        c.setAutoCommit(true);
        executed.addAndGet(3);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
