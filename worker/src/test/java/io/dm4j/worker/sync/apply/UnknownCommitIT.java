package io.dm4j.worker.sync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.FailedStatementException;
import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A transaction whose COMMIT lost its connection may be committed or not: the applier retries it in safe mode.
 * One whose connection broke before the COMMIT was rolled back by the server, and is retried as it was.
 */
@ExtendWith(DatabasesExtension.class)
class UnknownCommitIT {

    /** Runs transactions on the real downstream and breaks the connection once, before or after the COMMIT. */
    private static final class ConnectionBreaker implements SqlExecutor {
        private final Downstream real;
        private final boolean afterCommit;
        private boolean broken;
        final List<List<String>> attempts = new CopyOnWriteArrayList<>();

        ConnectionBreaker(Downstream real, boolean afterCommit) {
            this.real = real;
            this.afterCommit = afterCommit;
        }

        @Override
        public void executeTransaction(List<SqlStatement> statements) throws SQLException {
            attempts.add(statements.stream().map(SqlStatement::sql).toList());
            SQLException lost = new SQLNonTransientConnectionException(
                    "Communications link failure: the last packet was sent to the server", "08S01", 0);
            if (!broken && !afterCommit) {
                broken = true; // connection lost while sending the first statement: nothing reaches the server
                throw new FailedStatementException(statements.get(0), lost);
            }
            real.executeTransaction(statements);
            if (!broken) {
                broken = true; // the server committed; the OK packet never arrived
                throw new FailedStatementException(new SqlStatement("COMMIT", null), lost);
            }
        }
    }

    private static Downstream open(DbEndpoint db) {
        return Downstream.open(DownstreamConfig.of(db.host(), db.port(), db.user(), db.password(), 4), "it-commit");
    }

    private static List<RowChange> changes(TableSchema s) {
        TableId t = s.id();
        return List.of(
                RowChange.insert(t, t, s, Schemas.row(1L, "a")),
                RowChange.insert(t, t, s, Schemas.row(2L, "b")),
                RowChange.insert(t, t, s, Schemas.row(3L, "c")),
                RowChange.update(t, t, s, Schemas.row(2L, "b"), Schemas.row(20L, "bb")),
                RowChange.delete(t, t, s, Schemas.row(3L, "c")));
    }

    private static List<List<String>> run(TestDatabases dbs, String label, boolean afterCommit) throws Exception {
        String db = dbs.freshSchema(label);
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(32))");
        TableSchema s = Schemas.table(db, "t", List.of(Schemas.intCol("id", false),
                Schemas.textCol("name", true, "utf8mb4_general_ci")), Schemas.pk("id"));
        try (Downstream down = open(dbs.downstream())) {
            ConnectionBreaker breaker = new ConnectionBreaker(down, afterCommit);
            // one queue, one transaction for all changes, fast retries
            try (DmlApplier applier = new DmlApplier(breaker, ApplyOptions.defaults(label).withWorkers(1, 100)
                    .withRetry(3, Duration.ofMillis(10)))) {
                for (RowChange c : changes(s)) {
                    applier.submit(c, false);
                }
                applier.flush();
                assertEquals(5, applier.stats().totalInsert() + applier.stats().totalUpdate()
                        + applier.stats().totalDelete());
            }
            assertEquals(List.of(List.of("1", "a"), List.of("20", "bb")),
                    dbs.queryDown("SELECT id, name FROM `" + db + "`.t ORDER BY id"), "no row lost or duplicated");
            return breaker.attempts;
        }
    }

    @Test
    void commitWithUnknownOutcomeIsRetriedInSafeMode(TestDatabases dbs) throws Exception {
        List<List<String>> attempts = run(dbs, "commit_lost", true);
        // attempts: the transaction whose COMMIT was lost, its retry, then the later transactions
        assertTrue(attempts.size() >= 2, attempts.toString());
        assertTrue(attempts.get(0).get(0).startsWith("INSERT"), "first attempt in normal mode: " + attempts.get(0));
        assertTrue(attempts.get(1).stream().noneMatch(sql -> sql.startsWith("INSERT")),
                "the retry must be idempotent (REPLACE / DELETE + REPLACE): " + attempts.get(1));
    }

    @Test
    void commitCutByTheNetworkAfterTheServerCommittedLeavesNoDuplicate(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("commit_cut");
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(32))");
        TableSchema s = Schemas.table(db, "t", List.of(Schemas.intCol("id", false),
                Schemas.textCol("name", true, "utf8mb4_general_ci")), Schemas.pk("id"));
        DbEndpoint down = dbs.downstream();
        try (CommitCuttingProxy proxy = new CommitCuttingProxy(down.host(), down.port());
             Downstream viaProxy = Downstream.open(DownstreamConfig.of("127.0.0.1", proxy.port(), down.user(),
                     down.password(), 4), "it-commit-cut");
             DmlApplier applier = new DmlApplier(viaProxy, ApplyOptions.defaults("commit_cut").withWorkers(1, 100)
                     .withRetry(3, Duration.ofMillis(10)))) {
            proxy.armOnce();
            for (RowChange c : changes(s)) {
                applier.submit(c, false);
            }
            applier.flush();
            assertEquals(1, proxy.cuts(), "the COMMIT's answer was cut once");
        }
        assertEquals(List.of(List.of("1", "a"), List.of("20", "bb")),
                dbs.queryDown("SELECT id, name FROM `" + db + "`.t ORDER BY id"), "no row lost or duplicated");
    }

    @Test
    void connectionLostBeforeCommitIsRetriedInNormalMode(TestDatabases dbs) throws Exception {
        List<List<String>> attempts = run(dbs, "conn_lost", false);
        assertTrue(attempts.size() >= 2, attempts.toString());
        assertEquals(attempts.get(0), attempts.get(1), "rolled back by the server: retried unchanged");
        assertTrue(attempts.get(1).get(0).startsWith("INSERT"), attempts.get(1).toString());
    }
}
