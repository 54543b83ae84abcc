package io.dm4j.worker.sync.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.position.BinlogPosition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinlogOperatorsTest {
    static final BinlogPosition P1 = new BinlogPosition("mysql-bin.000001", 1000);
    static final BinlogPosition P2 = new BinlogPosition("mysql-bin.000002", 400);

    final MemoryOperatorStore store = new MemoryOperatorStore();
    final BinlogOperators ops = new BinlogOperators("t1", "s1", store);

    @Test
    void withoutPositionTheOperatorTargetsTheFailedEvent() {
        DmException none = assertThrows(DmException.class, () -> ops.set(BinlogOp.SKIP, null, List.of()));
        assertEquals(BinlogOpErrors.NO_FAILED_EVENT, none.code());
        ops.failedAt(P1);
        BinlogOperator set = ops.set(BinlogOp.SKIP, null, List.of());
        assertEquals(P1, set.position());
        assertEquals(Optional.of(set), ops.at(P1));
    }

    @Test
    void operatorsAreStoredSplitIntoStatementsAndReplacedAtTheSamePosition() {
        ops.set(BinlogOp.REPLACE, P2, List.of("ALTER TABLE a ADD c INT; ALTER TABLE a ADD d VARCHAR(3) DEFAULT ';'"));
        ops.set(BinlogOp.SKIP, P1, List.of());
        assertEquals(List.of("ALTER TABLE a ADD c INT", "ALTER TABLE a ADD d VARCHAR(3) DEFAULT ';'"), ops.at(P2).orElseThrow().sqls());
        ops.set(BinlogOp.INJECT, P2, List.of("CREATE TABLE x (id INT)"));
        assertEquals(List.of(BinlogOp.SKIP, BinlogOp.INJECT), ops.list().stream().map(BinlogOperator::op).toList(), "ordered by position");

        BinlogOperators afterRestart = new BinlogOperators("t1", "s1", store);
        assertEquals(ops.list(), afterRestart.list(), "what a new worker reads back");
    }

    @Test
    void revertRemovesAPendingOperatorAndComplainsWhenThereIsNone() {
        ops.set(BinlogOp.SKIP, P1, List.of());
        assertEquals(BinlogOp.SKIP, ops.revert(P1).op());
        assertTrue(ops.list().isEmpty());
        assertTrue(store.load().isEmpty());
        assertEquals(BinlogOpErrors.NOT_PENDING, assertThrows(DmException.class, () -> ops.revert(P1)).code());
    }

    @Test
    void aFiredOperatorIsForgottenAndOperatorsBehindTheCheckpointAreDropped() {
        ops.failedAt(P1);
        BinlogOperator skip = ops.set(BinlogOp.SKIP, null, List.of());
        ops.set(BinlogOp.SKIP, P2, List.of());
        ops.fired(skip);
        assertEquals(Optional.empty(), ops.at(P1));
        assertEquals(Optional.empty(), ops.failedAt(), "the failure it answered is gone");

        ops.set(BinlogOp.SKIP, P1, List.of());
        ops.dropBehind(new BinlogPosition("mysql-bin.000002", 4));
        assertEquals(List.of(P2), ops.list().stream().map(BinlogOperator::position).toList());
        ops.dropBehind(P2);
        assertEquals(List.of(P2), ops.list().stream().map(BinlogOperator::position).toList(), "an operator at the checkpoint still fires");
    }

    @Test
    void statementsAreRequiredExactlyWhereTheyAreUsed() {
        assertEquals(BinlogOpErrors.BAD_REQUEST, assertThrows(DmException.class, () -> ops.set(BinlogOp.REPLACE, P1, List.of(" ; "))).code());
        assertEquals(BinlogOpErrors.BAD_REQUEST, assertThrows(DmException.class, () -> ops.set(BinlogOp.SKIP, P1, List.of("SELECT 1"))).code());
    }

    @Test
    void positionArgumentsAreFileColonPos() {
        assertEquals(P1, BinlogPositionArg.parse(" mysql-bin.000001:1000 "));
        for (String bad : List.of("", "mysql-bin.000001", "mysql-bin.000001:", ":4", "f:abc", "f:3")) {
            assertEquals(BinlogOpErrors.BAD_POSITION, assertThrows(DmException.class, () -> BinlogPositionArg.parse(bad)).code(), bad);
        }
    }

    @Test
    void scriptsSplitAtSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("INSERT INTO t VALUES ('a;b')", "UPDATE t SET `c;d` = 1 /* x; y */", "DELETE FROM t"),
                SqlScript.split(List.of("INSERT INTO t VALUES ('a;b'); UPDATE t SET `c;d` = 1 /* x; y */;", " DELETE FROM t ;")));
    }
}
