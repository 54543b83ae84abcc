package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableProgressTest {
    private static final TableId A = new TableId("app", "a");
    private static final TableId B = new TableId("app", "b");
    private static final TableSchema SCHEMA = new CreateTableParser(ServerDefaults.mariadb()).parse(A,
            "CREATE TABLE a (id INT PRIMARY KEY)");
    private static final BinlogPosition P1 = new BinlogPosition("mysql-bin.000002", 400);
    private static final BinlogPosition P2 = new BinlogPosition("mysql-bin.000002", 900);

    private static RowChange row(TableId t) {
        return RowChange.insert(t, t, SCHEMA, new Object[] {1});
    }

    private static List<TableProgress.Applied> sorted(List<TableProgress.Applied> l) {
        return l.stream().sorted(Comparator.comparing(a -> a.table().toString())).toList();
    }

    @Test
    void nothingCountsAsAppliedWhileTheApplierHasPendingRows() {
        TableProgress p = new TableProgress();
        p.dispatched(List.of(row(A), row(A)), P1, 1_000);

        assertEquals(List.of(), p.snapshot(() -> 2));
        assertEquals(List.of(new TableProgress.Applied(A, 2, P1, 1_000)), p.snapshot(() -> 0));
    }

    @Test
    void aRestartDropsWhatTheFailedRunDispatched() {
        TableProgress p = new TableProgress();
        p.dispatched(List.of(row(A)), P1, 1_000);
        p.allApplied();
        p.dispatched(List.of(row(A), row(A)), P2, 2_000); // the run fails before these commit
        p.dropPending();

        assertEquals(List.of(new TableProgress.Applied(A, 1, P1, 1_000)), p.snapshot(() -> 0),
                "the next run's applier has nothing pending, yet the dropped rows were never applied");
    }

    @Test
    void aCheckpointFlushPromotesAndAnXaDecisionIsSplitPerTable() {
        TableProgress p = new TableProgress();
        p.dispatched(List.of(row(A)), P1, 1_000);
        p.allApplied();
        p.dispatched(List.of(row(A), row(B), row(B), row(A)), P2, 2_000); // an XA COMMIT's rows
        assertEquals(List.of(new TableProgress.Applied(A, 1, P1, 1_000)), p.snapshot(() -> 4));

        p.allApplied();
        assertEquals(List.of(new TableProgress.Applied(A, 3, P2, 2_000), new TableProgress.Applied(B, 2, P2, 2_000)),
                sorted(p.snapshot(() -> 0)));
    }
}
