package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.simple;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ApplyErrors;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DmlApplierTest {
    private static final TableSchema T = simple();

    /** Records committed transactions in commit order. */
    private static class RecordingExecutor implements SqlExecutor {
        final List<List<SqlStatement>> committed = new ArrayList<>();
        volatile long delayMillis;

        @Override
        public void executeTransaction(List<SqlStatement> statements) throws SQLException {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted");
                }
            }
            check(statements);
            synchronized (this) {
                committed.add(statements);
            }
        }

        void check(List<SqlStatement> statements) throws SQLException {
        }

        synchronized List<SqlStatement> all() {
            List<SqlStatement> out = new ArrayList<>();
            committed.forEach(out::addAll);
            return out;
        }
    }

    private static ApplyOptions options(int workers, int batch) {
        return ApplyOptions.defaults("test").withWorkers(workers, batch).withRetry(3, Duration.ofMillis(1));
    }

    @Test
    void keepsTheOrderOfChangesToTheSameRow() {
        RecordingExecutor exec = new RecordingExecutor();
        try (DmlApplier applier = new DmlApplier(exec, options(8, 5))) {
            for (long i = 0; i < 50; i++) {
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, "0")), false);
            }
            for (int v = 1; v <= 20; v++) {
                for (long i = 0; i < 50; i++) {
                    applier.submit(RowChange.update(T.id(), T.id(), T, row(i, String.valueOf(v - 1)),
                            row(i, String.valueOf(v))), false);
                }
            }
            applier.flush();
            ApplyStats stats = applier.stats();
            assertEquals(50, stats.totalInsert());
            assertEquals(1000, stats.totalUpdate());
            assertEquals(1050, stats.appliedRows());
            assertEquals(0, stats.pendingRows());
        }
        Map<Object, Integer> lastValue = valuesCountingUpPerRow(exec);
        assertEquals(50, lastValue.size());
        assertTrue(lastValue.values().stream().allMatch(v -> v == 20));
    }

    @Test
    void transactionsOverHotRowsKeepEachRowsOrder() {
        hotRowTransactions(false);
    }

    @Test
    void splitTransactionsOverHotRowsKeepEachRowsOrder() {
        hotRowTransactions(true);
    }

    private static void hotRowTransactions(boolean split) {
        // sysbench's shape: each transaction changes two or three rows of a small hot set, so many conflict with
        // jobs of several queues; batching queues must not reorder a row, and a conflict must not wait forever
        RecordingExecutor exec = new RecordingExecutor() {
            final java.util.Random delays = new java.util.Random(7);

            @Override
            void check(List<SqlStatement> statements) throws SQLException {
                int pause;
                synchronized (delays) {
                    pause = delays.nextInt(3);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted");
                }
            }
        };
        int rows = 200;
        int[] value = new int[rows];
        java.util.Random pick = new java.util.Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (DmlApplier applier = new DmlApplier(exec, options(4, 6).withSplitTransactions(split))) {
                for (long i = 0; i < rows; i++) {
                    applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, "0")), false);
                }
                for (int t = 0; t < 3000; t++) {
                    applier.beginTransaction();
                    java.util.Set<Integer> touched = new java.util.LinkedHashSet<>();
                    int size = 2 + pick.nextInt(2);
                    while (touched.size() < size) {
                        touched.add(pick.nextInt(rows));
                    }
                    for (int r : touched) {
                        applier.submit(RowChange.update(T.id(), T.id(), T, row((long) r, String.valueOf(value[r])),
                                row((long) r, String.valueOf(value[r] + 1))), false);
                        value[r]++;
                    }
                    applier.endTransaction();
                }
                applier.flush();
                // split, each change has one key (its row), which is live in at most one queue
                assertEquals(!split, applier.stats().conflicts() > 0, "conflicts: " + applier.stats());
            }
        }, "the applier did not finish");
        Map<Object, Integer> lastValue = valuesCountingUpPerRow(exec);
        for (int r = 0; r < rows; r++) {
            assertEquals(value[r], lastValue.get((long) r), "row " + r);
        }
    }

    /**
     * Checks that each row's value went 0, 1, 2, ... in commit order (statements' first two parameters: id, value);
     * returns each row's last value.
     */
    private static Map<Object, Integer> valuesCountingUpPerRow(RecordingExecutor exec) {
        Map<Object, Integer> lastValue = new HashMap<>();
        for (SqlStatement s : exec.all()) {
            Object id = s.params().get(0);
            int value = Integer.parseInt((String) s.params().get(1));
            Integer prev = lastValue.put(id, value);
            assertTrue(prev == null ? value == 0 : value == prev + 1, "row " + id + " went from " + prev + " to " + value);
        }
        return lastValue;
    }

    @Test
    void flushWaitsForEverythingSubmittedBefore() {
        RecordingExecutor exec = new RecordingExecutor();
        exec.delayMillis = 5;
        try (DmlApplier applier = new DmlApplier(exec, options(4, 3))) {
            for (long i = 0; i < 40; i++) {
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, "x")), false);
            }
            applier.flush();
            assertEquals(40, exec.all().size());
            assertEquals(40, applier.stats().appliedInsert());
            assertTrue(exec.committed.stream().allMatch(t -> t.size() <= 3), "a transaction holds at most batch changes");
        }
    }

    @Test
    void anUpstreamTransactionCommitsDownstreamAsAWhole() {
        RecordingExecutor exec = new RecordingExecutor();
        // batch 1 and 8 queues: without transactions every change of distinct rows would commit on its own
        try (DmlApplier applier = new DmlApplier(exec, options(8, 1))) {
            applier.beginTransaction();
            for (long i = 0; i < 6; i++) {
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, "x")), false);
            }
            applier.endTransaction();
            applier.flush();
            assertEquals(6, applier.stats().appliedInsert());
        }
        assertEquals(1, exec.committed.size(), "one downstream commit: " + exec.committed);
        assertEquals(6, exec.committed.get(0).size());
    }

    @Test
    void splitTransactionsPlaceEachChangeByItsOwnKeysUnlessKeptWhole() {
        Causality probe = new Causality(8);
        java.util.Set<Integer> queuesOfRows = new java.util.HashSet<>();
        for (long i = 0; i < 6; i++) {
            queuesOfRows.add(probe.queueOf(RowKeys.causalityKeys(RowChange.insert(T.id(), T.id(), T, row(i, "x"))).get(0)));
        }
        assertTrue(queuesOfRows.size() > 1, "the rows hash to several queues: " + queuesOfRows);
        RecordingExecutor exec = new RecordingExecutor();
        try (DmlApplier applier = new DmlApplier(exec, options(8, 1).withSplitTransactions(true))) {
            applier.beginTransaction();
            for (long i = 0; i < 6; i++) {
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, "x")), false);
            }
            applier.endTransaction();
            applier.flush();
            assertEquals(queuesOfRows.size(), exec.committed.size(), "one commit per queue the rows hash to: " + exec.committed);
            // the replay that isolates a rejected transaction keeps it whole
            synchronized (exec) {
                exec.committed.clear();
            }
            applier.beginTransaction();
            for (long i = 0; i < 6; i++) {
                applier.submit(RowChange.update(T.id(), T.id(), T, row(i, "x"), row(i, "y")), false);
            }
            applier.endTransaction(true);
            applier.flush();
            assertEquals(12, applier.stats().appliedRows());
        }
        assertEquals(1, exec.committed.size(), "kept whole: " + exec.committed);
        assertEquals(6, exec.committed.get(0).size());
    }

    @Test
    void aSplitChangeWhoseKeysAreInTwoQueuesOfItsOwnTransactionWaitsForThem() {
        TableSchema u = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk", "uk"));
        Causality probe = new Causality(4);
        java.util.function.LongToIntFunction queueOfRow = id -> probe.queueOf(
                RowKeys.causalityKeys(RowChange.insert(u.id(), u.id(), u, row(id, 0L))).get(0));
        long b = 2;
        while (queueOfRow.applyAsInt(b) == queueOfRow.applyAsInt(1)) {
            b++;
        }
        long rowB = b;
        RecordingExecutor exec = new RecordingExecutor();
        exec.delayMillis = 20; // the first jobs are still in flight when the conflicting change is placed
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (DmlApplier applier = new DmlApplier(exec, options(4, 10).withSplitTransactions(true))) {
                applier.beginTransaction();
                applier.submit(RowChange.insert(u.id(), u.id(), u, row(1L, 10L)), false); // queue of row 1
                applier.submit(RowChange.insert(u.id(), u.id(), u, row(rowB, 20L)), false); // queue of row b
                applier.submit(RowChange.delete(u.id(), u.id(), u, row(rowB, 20L)), false); // frees uk 20, row b's queue
                // row 1 takes uk 20: its keys are in both queues, in jobs of this very transaction not yet queued
                applier.submit(RowChange.update(u.id(), u.id(), u, row(1L, 10L), row(1L, 20L)), false);
                applier.endTransaction();
                applier.flush();
                assertEquals(1, applier.stats().conflicts());
                assertEquals(4, applier.stats().appliedRows());
            }
        }, "the conflicting change waited for a job that was never queued");
        List<SqlStatement> order = exec.all();
        int deleteOfB = -1;
        int updateOfA = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).sql().startsWith("DELETE")) {
                deleteOfB = i;
            } else if (order.get(i).sql().startsWith("UPDATE")) {
                updateOfA = i;
            }
        }
        assertTrue(deleteOfB >= 0 && updateOfA > deleteOfB, "row 1 took uk 20 only after row b gave it up: " + order);
    }

    @Test
    void theCausalityCheckIsTimedOncePerTransaction() {
        RecordingExecutor exec = new RecordingExecutor();
        List<Long> timed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DmlApplier applier = new DmlApplier(exec, options(4, 8))) {
            applier.onConflictDetection(timed::add);
            for (long t = 0; t < 3; t++) {
                applier.beginTransaction();
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(2 * t, "x")), false);
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(2 * t + 1, "x")), false);
                applier.endTransaction();
            }
            applier.submit(RowChange.update(T.id(), T.id(), T, row(0, "x"), row(0, "y")), false); // outside one: its own
            applier.flush();
        }
        assertEquals(4, timed.size(), "one observation per transaction: " + timed);
        assertTrue(timed.stream().allMatch(n -> n >= 0), timed.toString());
    }

    @Test
    void downstreamCommitsEndOnlyAtUpstreamTransactionEnds() {
        RecordingExecutor exec = new RecordingExecutor();
        exec.delayMillis = 2; // let transactions pile up in the queue, so batches hold several
        try (DmlApplier applier = new DmlApplier(exec, options(1, 3))) {
            for (long t = 0; t < 20; t++) {
                applier.beginTransaction();
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(2 * t, "x")), false);
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(2 * t + 1, "x")), false);
                applier.endTransaction();
            }
            applier.flush();
        }
        assertEquals(40, exec.all().size());
        for (List<SqlStatement> tx : exec.committed) {
            assertEquals(0, tx.size() % 2, "a commit holds whole upstream transactions: " + tx);
            assertEquals(0L, ((Long) tx.get(0).params().get(0)) % 2, "a commit starts where a transaction starts: " + tx);
        }
    }

    @Test
    void aConflictWaitsForTheQueuesHoldingItsKeysButNotForAnUnrelatedOne() throws Exception {
        TableSchema u = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk", "uk"));
        // rows 1 (A), b (B) and c (C) whose inserts land in three different queues of 16; b and c above A's values
        Causality probe = new Causality(16);
        java.util.function.LongToIntFunction queueOfRow = id -> probe.queueOf(
                RowKeys.causalityKeys(RowChange.insert(u.id(), u.id(), u, row(id, id))).get(0));
        long b = 100;
        while (queueOfRow.applyAsInt(b) == queueOfRow.applyAsInt(1)) {
            b++;
        }
        long c = b + 1;
        while (queueOfRow.applyAsInt(c) == queueOfRow.applyAsInt(1) || queueOfRow.applyAsInt(c) == queueOfRow.applyAsInt(b)) {
            c++;
        }
        long rowC = c;
        java.util.concurrent.CountDownLatch releaseAB = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseC = new java.util.concurrent.CountDownLatch(1);
        RecordingExecutor exec = new RecordingExecutor() {
            @Override
            void check(List<SqlStatement> statements) throws SQLException {
                try {
                    if (statements.stream().anyMatch(st -> st.params().get(0).equals(rowC))) {
                        releaseC.await(); // an unrelated transaction that takes long
                    } else if (statements.get(0).sql().startsWith("INSERT")) {
                        releaseAB.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted");
                }
            }
        };
        java.util.concurrent.ExecutorService submitter = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (DmlApplier applier = new DmlApplier(exec, options(16, 10))) {
            applier.submit(RowChange.insert(u.id(), u.id(), u, row(rowC, rowC)), false);
            applier.submit(RowChange.insert(u.id(), u.id(), u, row(1L, 1L)), false);
            applier.submit(RowChange.insert(u.id(), u.id(), u, row(b, b)), false);
            applier.submit(RowChange.update(u.id(), u.id(), u, row(1L, 1L), row(1L, 3L)), false);
            // B takes A's old unique value while A's insert and update are still in flight: keys in two queues
            long rowB = b;
            java.util.concurrent.Future<?> conflicting = submitter.submit(() -> applier.submit(
                    RowChange.update(u.id(), u.id(), u, row(rowB, rowB), row(rowB, 1L)), false));
            while (applier.stats().conflicts() == 0) {
                Thread.sleep(5);
            }
            assertFalse(conflicting.isDone(), "a conflict waits until the other queue committed the key's job");
            releaseAB.countDown();
            // C's queue is still busy: waiting for every queue (DM's flush) would block here until C commits
            conflicting.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, applier.stats().conflicts());
            releaseC.countDown();
            applier.flush();
        } finally {
            releaseAB.countDown();
            releaseC.countDown();
            submitter.shutdownNow();
        }
        List<SqlStatement> order = exec.all();
        int updateOfA = -1;
        int updateOfB = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).sql().startsWith("UPDATE")) {
                if (order.get(i).params().contains(3L)) {
                    updateOfA = i;
                } else {
                    updateOfB = i;
                }
            }
        }
        assertTrue(updateOfA >= 0 && updateOfB > updateOfA, "B took uk 1 only after A gave it up: " + order);
        assertEquals(5, order.size());
    }

    @Test
    void permanentFailureStopsTheApplierAndNothingAfterItIsApplied() {
        RecordingExecutor exec = new RecordingExecutor() {
            @Override
            void check(List<SqlStatement> statements) throws SQLException {
                for (SqlStatement s : statements) {
                    if ("bad".equals(s.params().get(1))) {
                        throw new SQLException("Duplicate entry '50' for key 'PRIMARY'", "23000", 1062);
                    }
                }
            }
        };
        DmlApplier applier = new DmlApplier(exec, options(1, 10));
        try {
            for (long i = 0; i < 100; i++) {
                applier.submit(RowChange.insert(T.id(), T.id(), T, row(i, i == 50 ? "bad" : "ok")), false);
            }
        } catch (DmException e) {
            // the failure may already surface while submitting
            assertEquals(DbErrors.EXECUTE_FAILED, e.code());
        }
        DmException e = assertThrows(DmException.class, applier::flush);
        assertEquals(10006, e.code().code());
        assertFalse(e.retryable());
        assertTrue(e.rawCause().startsWith("Error 1062 (23000): Duplicate entry"), e.rawCause());
        DmException again = assertThrows(DmException.class,
                () -> applier.submit(RowChange.insert(T.id(), T.id(), T, row(500L, "x")), false));
        assertSame(e, again);
        long applied = applier.stats().appliedRows();
        assertEquals(exec.all().size(), applied);
        assertTrue(applied < 51, "the failing change and everything after it are not applied: " + applied);
        assertTrue(exec.all().stream().allMatch(s -> (Long) s.params().get(0) < 50));
        applier.close();
    }

    @Test
    void retriesTransientFailuresWithTheWholeTransaction() {
        AtomicInteger failures = new AtomicInteger(2);
        RecordingExecutor exec = new RecordingExecutor() {
            @Override
            void check(List<SqlStatement> statements) throws SQLException {
                if (failures.getAndDecrement() > 0) {
                    throw new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
                }
            }
        };
        try (DmlApplier applier = new DmlApplier(exec, options(1, 10))) {
            applier.submit(RowChange.insert(T.id(), T.id(), T, row(1L, "a")), false);
            applier.flush();
            assertEquals(2, applier.stats().retries());
            assertEquals(1, applier.stats().appliedRows());
            assertEquals(1, exec.all().size());
        }
    }

    @Test
    void givesUpOnTransientFailuresAfterMaxAttempts() {
        RecordingExecutor exec = new RecordingExecutor() {
            @Override
            void check(List<SqlStatement> statements) throws SQLException {
                throw new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
            }
        };
        try (DmlApplier applier = new DmlApplier(exec, options(2, 10))) {
            applier.submit(RowChange.insert(T.id(), T.id(), T, row(1L, "a")), false);
            DmException e = assertThrows(DmException.class, applier::flush);
            assertEquals(DbErrors.EXECUTE_TRANSIENT, e.code());
            assertTrue(e.retryable(), "auto-resume may help");
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
            assertEquals(0, applier.stats().appliedRows());
        }
    }

    @Test
    void closeStopsThreadsAndRejectsWork() {
        RecordingExecutor exec = new RecordingExecutor();
        DmlApplier applier = new DmlApplier(exec, ApplyOptions.defaults("closing").withRetry(1, Duration.ofMillis(1)));
        applier.submit(RowChange.insert(T.id(), T.id(), T, row(1L, "a")), false);
        applier.flush();
        applier.close();
        applier.close();
        DmException e = assertThrows(DmException.class,
                () -> applier.submit(RowChange.insert(T.id(), T.id(), T, row(2L, "b")), false));
        assertEquals(ApplyErrors.APPLIER_CLOSED, e.code());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("dm4j-apply-closing-") && t.isAlive()));
    }

    @Test
    void rejectsRowsThatDoNotMatchTheirStructure() {
        try (DmlApplier applier = new DmlApplier(new RecordingExecutor(), options(1, 1))) {
            DmException e = assertThrows(DmException.class,
                    () -> applier.submit(RowChange.insert(T.id(), T.id(), T, row(1L)), false));
            assertEquals(ApplyErrors.ROW_COLUMN_MISMATCH, e.code());
            RowChange badExtra = new RowChange(io.dm4j.worker.sync.model.ChangeType.INSERT, T.id(), T.id(), T, null,
                    row(1L, "a"), List.of("c_source"), new Object[0]);
            assertEquals(ApplyErrors.EXTRA_COLUMN_MISMATCH,
                    assertThrows(DmException.class, () -> applier.submit(badExtra, false)).code());
            assertEquals(0, applier.stats().totalRows());
        }
    }
}
