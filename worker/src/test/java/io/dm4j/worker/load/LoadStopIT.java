package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load stopped while a data statement is in flight ends promptly: the statement is held deterministically by a
 * row lock downstream (another transaction inserted, uncommitted, a key the load's statement also writes), then the
 * unit is closed or paused from another thread. The stop must return within {@link #STOP_DEADLINE_S} seconds (it
 * took 30 s and more when the pool's shutdown waited for the blocked connection), and a load resumed after the
 * lock is gone ends with the downstream equal to the upstream, no row lost or applied twice.
 */
@ExtendWith(DatabasesExtension.class)
class LoadStopIT {
    private static final int STOP_DEADLINE_S = 10;
    private static final int ROWS = 120_000;
    /** A key in the middle of the only data file: the blocked statement is not the file's first. */
    private static final int BLOCKED_ID = ROWS / 2;

    @Test
    void closingALoadBlockedInAnInsertEndsPromptlyAndResumesExactly(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        stopWhileBlocked(dbs, dir, "stop_sql", "", LoadUnit::close);
    }

    @Test
    void closingALoadBlockedInLoadDataEndsPromptlyAndResumesExactly(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        stopWhileBlocked(dbs, dir, "stop_csv", "import-mode: physical", LoadUnit::close);
    }

    @Test
    void pausingALoadBlockedInLoadDataEndsPromptlyAndResumesExactly(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        stopWhileBlocked(dbs, dir, "pause_csv", "import-mode: physical", LoadUnit::pause);
    }

    private static void stopWhileBlocked(TestDatabases dbs, Path dir, String task, String loaderArgs,
                                         Consumer<LoadUnit> stop) throws Exception {
        String s = dbs.freshSchema(task);
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE t (id INT PRIMARY KEY, pad VARCHAR(200))",
                "INSERT INTO t SELECT seq, CONCAT('row-', seq, '-', REPEAT('p', 100 + seq % 50)) FROM seq_1_to_" + ROWS);
        // one file (no row chunks), several INSERT statements of ~1 MB each
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, task, "full", dir, s, "threads: 1\nchunk-filesize: \"0\"",
                "pool-size: 2\non-duplicate-logical: error\n" + loaderArgs, "", "");
        DumpLoadFixture.dump(dbs, cfg);
        // the load uses an existing target table as it is
        dbs.execDown("CREATE DATABASE `" + s + "`", "CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, pad VARCHAR(200))");

        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        CompletableFuture<UnitResult> run;
        try (Connection blocker = dbs.connectDown(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("INSERT INTO `" + s + "`.t VALUES (" + BLOCKED_ID + ", 'held by another transaction')");
            run = CompletableFuture.supplyAsync(unit::process);
            awaitBlockedStatement(dbs, s, run);

            long start = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> stop.accept(unit));
            within(stopping);
            UnitResult r = within(run);
            long stopMs = (System.nanoTime() - start) / 1_000_000;
            assertFalse(r.finished(), "stopped in the middle: " + r.errors());
            assertTrue(stopMs < STOP_DEADLINE_S * 1000L, "stopped in " + stopMs + " ms");
            // ended on the server too: a statement left running there could commit its rows after the stop
            assertEquals(List.of(), loadStatements(dbs, s, 0), "no load statement runs on after the stop");
            blocker.rollback();
        } finally {
            unit.close();
        }
        assertTrue(unit.status().finishedBytes() < unit.status().totalBytes(), unit.status().toString());

        LoadUnit resumed = DumpLoadFixture.load(dbs, cfg);
        assertEquals("100.00 %", resumed.status().progress());
        TableChecksum.assertSameContent(dbs, s + ".t");
        assertEquals(List.of(List.of(String.valueOf(ROWS))), dbs.queryDown("SELECT COUNT(*) FROM `" + s + "`.t"));
        dbs.execUp("DROP DATABASE `" + s + "`");
        dbs.execDown("DROP DATABASE `" + s + "`", "DROP DATABASE IF EXISTS `" + task + "_meta`");
    }

    private static <T> T within(CompletableFuture<T> f) throws Exception {
        return f.get(STOP_DEADLINE_S, TimeUnit.SECONDS);
    }

    /** Waits until a load statement has been blocked for a while (and fails if the load ended before). */
    private static void awaitBlockedStatement(TestDatabases dbs, String schema, CompletableFuture<UnitResult> run)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertFalse(run.isDone(), () -> "the load ended before it met the lock: " + run.join().errors());
            if (!loadStatements(dbs, schema, 2).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no load statement was held by the row lock");
    }

    /** The load's data statements into {@code schema} running on the server for at least {@code seconds}. */
    private static List<List<String>> loadStatements(TestDatabases dbs, String schema, int seconds)
            throws SQLException {
        return dbs.queryDown("SELECT ID, TIME, STATE FROM information_schema.PROCESSLIST WHERE TIME >= " + seconds
                + " AND (INFO LIKE 'LOAD DATA%' OR INFO LIKE 'INSERT INTO%') AND INFO LIKE '%`" + schema + "`%'");
    }
}
