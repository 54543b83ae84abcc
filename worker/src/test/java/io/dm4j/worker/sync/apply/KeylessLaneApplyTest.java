package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.model.RowPoint;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeylessLaneApplyTest {
    /** `db`.`k` (a INT NULL, b INT NULL): no key at all. */
    private static final TableSchema K = table("db", "k", List.of(intCol("a", true), intCol("b", true)));

    /** A lane whose "stored point" is what the last committed mark statement said. */
    private static final class FakeLane implements KeylessLane {
        volatile RowPoint stored;
        int reads;

        @Override
        public SqlStatement markApplied(RowPoint last) {
            return new SqlStatement("MARK", List.of(last));
        }

        @Override
        public synchronized Optional<RowPoint> applied() {
            reads++;
            return Optional.ofNullable(stored);
        }
    }

    /** Commits like a server: the mark statement of a committed transaction becomes the stored point. */
    private static class LaneExecutor implements SqlExecutor {
        final FakeLane lane;
        final List<List<SqlStatement>> committed = new ArrayList<>();

        LaneExecutor(FakeLane lane) {
            this.lane = lane;
        }

        @Override
        public synchronized void executeTransaction(List<SqlStatement> statements) throws SQLException {
            committed.add(statements);
            SqlStatement last = statements.get(statements.size() - 1);
            if (last.sql().equals("MARK")) {
                lane.stored = (RowPoint) last.params().get(0);
            }
        }
    }

    private static RowPoint at(long pos, int row) {
        return new RowPoint(new BinlogPosition("bin.000001", pos), row);
    }

    @Test
    void everyLaneTransactionStoresThePointOfItsNewestChange() {
        FakeLane lane = new FakeLane();
        LaneExecutor exec = new LaneExecutor(lane);
        ApplyOptions options = ApplyOptions.defaults("test").withWorkers(4, 3);
        try (DmlApplier applier = new DmlApplier(exec, options, lane)) {
            for (int i = 0; i < 10; i++) {
                applier.submitKeyless(RowChange.insert(K.id(), K.id(), K, row((long) i, null)), at(100 + i / 2, i % 2));
            }
            applier.flush();
        }
        int rows = 0;
        for (List<SqlStatement> tx : exec.committed) {
            SqlStatement mark = tx.get(tx.size() - 1);
            assertEquals("MARK", mark.sql(), "the last statement of a lane transaction stores the point: " + tx);
            assertTrue(tx.subList(0, tx.size() - 1).stream().allMatch(s -> s.sql().startsWith("INSERT")), tx::toString);
            rows += tx.size() - 1;
        }
        assertEquals(10, rows, "every change once, none twice");
        assertEquals(at(104, 1), lane.stored);
    }

    @Test
    void aTransactionOfKeyedAndKeylessRowsCommitsOnTheLaneAsAWhole() {
        FakeLane lane = new FakeLane();
        LaneExecutor exec = new LaneExecutor(lane);
        TableSchema keyed = Schemas.simple();
        try (DmlApplier applier = new DmlApplier(exec, ApplyOptions.defaults("test").withWorkers(4, 1), lane)) {
            applier.beginTransaction();
            applier.submit(RowChange.insert(keyed.id(), keyed.id(), keyed, row(1L, "a")), false);
            applier.submitKeyless(RowChange.insert(K.id(), K.id(), K, row(1L, null)), at(100, 0));
            applier.submit(RowChange.insert(keyed.id(), keyed.id(), keyed, row(2L, "b")), false);
            applier.endTransaction();
            applier.flush();
            assertEquals(3, applier.stats().appliedInsert());
        }
        assertEquals(1, exec.committed.size(), "one downstream commit: " + exec.committed);
        assertEquals(4, exec.committed.get(0).size(), "three rows and the lane's point: " + exec.committed);
        assertEquals(at(100, 0), lane.stored);
    }

    @Test
    void aCommitThatSucceededDespiteAnErrorIsNotRunAgain() {
        FakeLane lane = new FakeLane();
        LaneExecutor exec = new LaneExecutor(lane) {
            private boolean failedOnce;

            @Override
            public synchronized void executeTransaction(List<SqlStatement> statements) throws SQLException {
                super.executeTransaction(statements);
                if (!failedOnce) {
                    failedOnce = true; // the server committed, but the client saw the connection drop
                    throw new SQLException("Communications link failure during commit", "08S01", 0);
                }
            }
        };
        ApplyOptions options = ApplyOptions.defaults("test").withWorkers(2, 100).withRetry(3, Duration.ofMillis(1));
        try (DmlApplier applier = new DmlApplier(exec, options, lane)) {
            applier.submitKeyless(RowChange.insert(K.id(), K.id(), K, row(1L, 1L)), at(200, 0));
            applier.flush();
            assertEquals(1, applier.stats().appliedInsert());
        }
        assertEquals(1, exec.committed.size(), "the transaction must not be committed a second time");
        assertTrue(lane.reads > 0, "the retry asked the stored point");
    }
}
