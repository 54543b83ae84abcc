package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabasesExtension.class)
class DownstreamIT {

    private static DownstreamConfig config(DbEndpoint db) {
        return DownstreamConfig.of(db.host(), db.port(), db.user(), db.password(), 4);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A fresh schema downstream with table {@code t} of the given columns holding one row; returns the schema. */
    private static String tableWithRowOne(TestDatabases dbs, String prefix, String columns, String values)
            throws SQLException {
        String schema = dbs.freshSchema(prefix);
        try (Connection c = dbs.downstream().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + schema + "`");
            st.execute("CREATE TABLE `" + schema + "`.t (" + columns + ")");
            st.execute("INSERT INTO `" + schema + "`.t VALUES (" + values + ")");
        }
        return schema;
    }

    @Test
    void everyConnectionGetsTheSessionSettings(TestDatabases dbs) throws SQLException {
        DownstreamConfig cfg = config(dbs.downstream()).withTimeZone(ZoneId.of("+08:00"))
                .withSession(Map.of("innodb_lock_wait_timeout", "17"));
        try (Downstream down = Downstream.open(cfg, "session")) {
            assertTrue(down.isMariaDb() || down.serverVersion() != null);
            for (int i = 0; i < 3; i++) {
                try (Connection c = down.connection()) {
                    String mode = query(c, "SELECT @@SESSION.sql_mode");
                    assertTrue(mode.contains("NO_AUTO_VALUE_ON_ZERO"), mode);
                    assertTrue(mode.contains("ALLOW_INVALID_DATES"), mode);
                    assertFalse(mode.contains("STRICT_TRANS_TABLES"), mode);
                    assertFalse(mode.contains("NO_ZERO_DATE"), mode);
                    assertEquals("0", query(c, "SELECT @@SESSION.foreign_key_checks"));
                    assertEquals("+08:00", query(c, "SELECT @@SESSION.time_zone"));
                    assertEquals("17", query(c, "SELECT @@SESSION.innodb_lock_wait_timeout"));
                    assertEquals("utf8mb4", query(c, "SELECT @@SESSION.character_set_connection"));
                }
            }
        }
    }

    @Test
    void replicatedValuesAreStoredAsGiven(TestDatabases dbs) throws SQLException {
        String schema = dbs.freshSchema("down_values");
        try (Downstream down = Downstream.open(config(dbs.downstream()), "values")) {
            down.executeTransaction(List.of(
                    new SqlStatement("CREATE DATABASE `" + schema + "`", null),
                    new SqlStatement("CREATE TABLE `" + schema + "`.v (id INT AUTO_INCREMENT PRIMARY KEY, d DATE,"
                            + " dt DATETIME(6), b VARBINARY(8), s VARCHAR(8), big BIGINT UNSIGNED, dec20 DECIMAL(20,6))"
                            + " DEFAULT CHARSET=utf8mb4", null)));
            byte[] bytes = {0, (byte) 0xff, 0x27, 0x5c};
            down.executeTransaction(List.of(new SqlStatement("INSERT INTO `" + schema + "`.v VALUES (?,?,?,?,?,?,?)",
                    java.util.Arrays.asList(0L, "0000-00-00", "2024-02-31 01:02:03.123456", bytes, "a😀'\\",
                            new BigInteger("18446744073709551615"), new BigDecimal("-0.000001")))));
            try (Connection c = dbs.downstream().connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, CAST(d AS CHAR), CAST(dt AS CHAR), b, s, big, dec20 FROM `"
                         + schema + "`.v")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "an explicit 0 in AUTO_INCREMENT is kept (NO_AUTO_VALUE_ON_ZERO)");
                assertEquals("0000-00-00", rs.getString(2));
                assertEquals("2024-02-31 01:02:03.123456", rs.getString(3));
                assertArrayEquals(bytes, rs.getBytes(4));
                assertEquals("a😀'\\", rs.getString(5));
                assertEquals("18446744073709551615", rs.getString(6));
                assertEquals("-0.000001", rs.getString(7));
            }
        }
    }

    @Test
    void aFailedTransactionLeavesNothingAndNamesTheStatement(TestDatabases dbs) throws SQLException {
        String schema = tableWithRowOne(dbs, "down_txn", "id INT PRIMARY KEY", "1");
        try (Downstream down = Downstream.open(config(dbs.downstream()), "txn")) {
            SqlStatement ok = new SqlStatement("INSERT INTO `" + schema + "`.t VALUES (?)", List.of(2L));
            SqlStatement dup = new SqlStatement("INSERT INTO `" + schema + "`.t (id) VALUES (?)", List.of(1L));
            SQLException e = assertThrows(SQLException.class, () -> down.executeTransaction(List.of(ok, dup)));
            FailedStatementException f = assertInstanceOf(FailedStatementException.class, e);
            assertEquals(dup, f.statement());
            assertEquals(1062, f.getErrorCode());
            assertEquals(SqlFailures.Kind.PERMANENT, SqlFailures.classify(e));
            DmException dm = Downstream.toDmException(e, 1);
            assertEquals(DbErrors.EXECUTE_FAILED, dm.code());
            assertTrue(dm.rawCause().startsWith("Error 1062 (23000): Duplicate entry '1'"), dm.rawCause());

            // batched identical statements: also one transaction
            SqlStatement ins3 = new SqlStatement("INSERT INTO `" + schema + "`.t VALUES (?)", List.of(3L));
            SqlStatement ins1 = new SqlStatement("INSERT INTO `" + schema + "`.t VALUES (?)", List.of(1L));
            assertThrows(FailedStatementException.class, () -> down.executeTransaction(List.of(ins3, ins1)));
            try (Connection c = down.connection()) {
                assertEquals("1", query(c, "SELECT COUNT(*) FROM `" + schema + "`.t"));
            }
        }
    }

    @Test
    void aStatementFailingInsideOneMultiStatementTextIsNamedAndNothingStays(TestDatabases dbs) throws SQLException {
        String schema = tableWithRowOne(dbs, "down_text", "id INT PRIMARY KEY, s VARCHAR(8)", "1, 'one'");
        try (Downstream down = Downstream.open(config(dbs.downstream()), "text")) {
            String insert = "INSERT INTO `" + schema + "`.t VALUES (?,?)";
            List<SqlStatement> txn = List.of(new SqlStatement(insert, List.of(10L, "a;b")),
                    new SqlStatement("UPDATE `" + schema + "`.t SET s=? WHERE id=?", List.of("x'y\\", 1L)),
                    new SqlStatement(insert, List.of(1L, "dup")),
                    new SqlStatement(insert, List.of(11L, "z")));
            assertTrue(InlineSql.canInline(txn));
            FailedStatementException f = assertThrows(FailedStatementException.class, () -> down.executeTransaction(txn));
            assertEquals(txn.get(2), f.statement());
            assertEquals(1062, f.getErrorCode());
            try (Connection c = down.connection()) {
                assertEquals("1", query(c, "SELECT COUNT(*) FROM `" + schema + "`.t"));
                assertEquals("one", query(c, "SELECT s FROM `" + schema + "`.t WHERE id = 1"));
                assertEquals("1", query(c, "SELECT @@autocommit"), "the pooled connection is back in autocommit");
            }
            down.executeTransaction(List.of(txn.get(0), txn.get(1), txn.get(3)));
            try (Connection c = down.connection()) {
                assertEquals("3", query(c, "SELECT COUNT(*) FROM `" + schema + "`.t"));
                assertEquals("x'y\\", query(c, "SELECT s FROM `" + schema + "`.t WHERE id = 1"));
                assertEquals("a;b", query(c, "SELECT s FROM `" + schema + "`.t WHERE id = 10"));
            }
        }
    }

    @Test
    void setupErrorsAreReportedClearly(TestDatabases dbs) {
        DbEndpoint db = dbs.downstream();
        DmException badVar = assertThrows(DmException.class, () -> Downstream.open(
                config(db).withSession(Map.of("no_such_variable_dm4j", "1")), "bad"));
        assertEquals(DbErrors.SESSION_SETUP, badVar.code());
        assertTrue(badVar.rawCause().contains("1193"), badVar.rawCause());

        DmException badZone = assertThrows(DmException.class, () -> Downstream.open(
                config(db).withTimeZone(ZoneId.of("Asia/Shanghai")), "zone"));
        assertEquals(DbErrors.SESSION_SETUP, badZone.code(), "this server has no time zone tables");

        DmException badPassword = assertThrows(DmException.class, () -> Downstream.open(
                new DownstreamConfig(db.host(), db.port(), db.user(), "wrong-password", null, null, null, 2), "pw"));
        assertEquals(DbErrors.DRIVER_ERROR, badPassword.code());
        assertFalse(badPassword.getMessage().contains("wrong-password"));
    }

    /**
     * Closing the pool while a statement runs and another caller waits for a connection (what stop-task does to a
     * running load) ends both at once: the statement is killed on the server too, so nothing of it runs on or
     * commits after the close, and the waiting caller fails instead of waiting out the pool's 30 s connection timeout.
     */
    @Test
    void closingThePoolEndsRunningStatementsAndWaitingCallersAtOnce(TestDatabases dbs) throws Exception {
        Downstream down = Downstream.open(DownstreamConfig.of(dbs.downstream().host(), dbs.downstream().port(),
                dbs.downstream().user(), dbs.downstream().password(), 1), "close");
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
            try (Connection c = down.connection()) {
                return query(c, "SELECT SLEEP(120) /* dm4j-close-test */");
            } catch (SQLException e) {
                return "failed: " + e.getMessage();
            }
        });
        awaitTrue(() -> sleepersOnServer(dbs) == 1, "the statement runs");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try (Connection c = down.connection()) {
                return "got a connection";
            } catch (SQLException e) {
                return "failed: " + e.getMessage();
            }
        });
        Thread.sleep(300); // the second caller waits for the pool's only connection

        long start = System.nanoTime();
        CompletableFuture.runAsync(down::close).get(10, TimeUnit.SECONDS);
        assertTrue(running.get(5, TimeUnit.SECONDS).startsWith("failed"), running.join());
        assertTrue(waiting.get(5, TimeUnit.SECONDS).startsWith("failed"), waiting.join());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5_000, "closed in " + ms + " ms");
        assertEquals(0, sleepersOnServer(dbs), "the statement was killed on the server");
    }

    private static int sleepersOnServer(TestDatabases dbs) throws SQLException {
        try (Connection c = dbs.downstream().connect()) {
            return Integer.parseInt(query(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'SELECT SLEEP(120) /* dm4j-close-test */%'"));
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!check.ok()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }
}
