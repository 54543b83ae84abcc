package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.simple;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactorTest {
    private static final TableSchema T = simple();

    private static QueuedChange ins(Object... after) {
        return new QueuedChange(RowChange.insert(T.id(), T.id(), T, after), false);
    }

    private static QueuedChange upd(Object[] before, Object[] after) {
        return new QueuedChange(RowChange.update(T.id(), T.id(), T, before, after), false);
    }

    private static QueuedChange del(Object... before) {
        return new QueuedChange(RowChange.delete(T.id(), T.id(), T, before), false);
    }

    private static List<QueuedChange> compact(QueuedChange... changes) {
        return Compactor.compact(new ArrayList<>(List.of(changes)));
    }

    @Test
    void insertThenUpdateIsInsertOfTheLastImage() {
        List<QueuedChange> out = compact(ins(1L, "a"), upd(row(1L, "a"), row(1L, "b")));
        assertEquals(1, out.size());
        assertEquals(ChangeType.INSERT, out.get(0).change().type());
        assertArrayEquals(row(1L, "b"), out.get(0).change().after());
        assertFalse(out.get(0).safeMode());
    }

    @Test
    void updateThenUpdateKeepsFirstBeforeAndLastAfter() {
        List<QueuedChange> out = compact(upd(row(1L, "a"), row(1L, "b")), upd(row(1L, "b"), row(1L, "c")));
        assertEquals(1, out.size());
        assertArrayEquals(row(1L, "a"), out.get(0).change().before());
        assertArrayEquals(row(1L, "c"), out.get(0).change().after());
    }

    @Test
    void insertThenDeleteIsDeleteAsInDm() {
        List<QueuedChange> out = compact(ins(1L, "a"), del(1L, "a"));
        assertEquals(1, out.size());
        assertEquals(ChangeType.DELETE, out.get(0).change().type());
    }

    @Test
    void updateThenDeleteDeletesTheOriginalRow() {
        List<QueuedChange> out = compact(upd(row(1L, "a"), row(1L, "b")), del(1L, "b"));
        assertEquals(1, out.size());
        assertEquals(ChangeType.DELETE, out.get(0).change().type());
        assertArrayEquals(row(1L, "a"), out.get(0).change().before());
        assertNull(out.get(0).change().after());
    }

    @Test
    void deleteThenInsertIsInsertInSafeMode() {
        List<QueuedChange> out = compact(del(1L, "a"), ins(1L, "z"));
        assertEquals(1, out.size());
        assertEquals(ChangeType.INSERT, out.get(0).change().type());
        assertTrue(out.get(0).safeMode(), "becomes REPLACE");
    }

    @Test
    void identityChangingUpdateIsSplitAndEachHalfCompacted() {
        // 1→2 then 2→3: DELETE 1, (INSERT 2 + DELETE 2 = DELETE 2), INSERT 3
        List<QueuedChange> out = compact(upd(row(1L, "a"), row(2L, "a")), upd(row(2L, "a"), row(3L, "a")));
        assertEquals(3, out.size());
        assertEquals(ChangeType.DELETE, out.get(0).change().type());
        assertEquals(1L, out.get(0).change().before()[0]);
        assertEquals(ChangeType.DELETE, out.get(1).change().type());
        assertEquals(2L, out.get(1).change().before()[0]);
        assertEquals(ChangeType.INSERT, out.get(2).change().type());
        assertEquals(3L, out.get(2).change().after()[0]);
    }

    @Test
    void identityChangingUpdateWithoutPartnerStaysAnUpdate() {
        QueuedChange move = upd(row(1L, "a"), row(2L, "a"));
        assertEquals(List.of(ins(5L, "x").change().type(), ChangeType.UPDATE),
                compact(ins(5L, "x"), move).stream().map(q -> q.change().type()).toList());
        assertEquals(move, compact(move).get(0));
    }

    @Test
    void impossibleOrdersAreNotMerged() {
        assertEquals(2, compact(del(1L, "a"), del(1L, "a")).size());
        assertEquals(2, compact(ins(1L, "a"), ins(1L, "a")).size());
        assertEquals(2, compact(del(1L, "a"), upd(row(1L, "a"), row(1L, "b"))).size());
    }

    @Test
    void doesNotMergeAcrossAChangeOnAnotherKeyOfTheRow() {
        // uk swap through a third row: merging A's updates would move "A leaves uk 5" after "B takes uk 5"
        TableSchema s = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk", "uk"));
        QueuedChange a1 = new QueuedChange(RowChange.update(s.id(), s.id(), s, row(1L, 5L), row(1L, 6L)), false);
        QueuedChange b = new QueuedChange(RowChange.update(s.id(), s.id(), s, row(2L, 7L), row(2L, 5L)), false);
        QueuedChange a2 = new QueuedChange(RowChange.update(s.id(), s.id(), s, row(1L, 6L), row(1L, 8L)), false);
        List<QueuedChange> out = Compactor.compact(List.of(a1, b, a2));
        assertEquals(3, out.size(), "b touched uk 5, a key of a1: no merge");
        assertEquals(a1, out.get(0));
        assertEquals(b, out.get(1));

        // without the interfering change the two updates merge
        assertEquals(1, Compactor.compact(List.of(a1, a2)).size());
    }

    @Test
    void tablesWithoutIdentityKeyAreLeftAlone() {
        TableSchema nk = table("db", "nk", List.of(intCol("a", true)));
        QueuedChange i = new QueuedChange(RowChange.insert(nk.id(), nk.id(), nk, row(1L)), false);
        QueuedChange d = new QueuedChange(RowChange.delete(nk.id(), nk.id(), nk, row(1L)), false);
        assertEquals(List.of(i, d), Compactor.compact(List.of(i, d)));
    }

    @Test
    void safeModeIsKeptWhenEitherSideHadIt() {
        QueuedChange safeInsert = new QueuedChange(RowChange.insert(T.id(), T.id(), T, row(1L, "a")), true);
        List<QueuedChange> out = Compactor.compact(List.of(safeInsert, upd(row(1L, "a"), row(1L, "b"))));
        assertTrue(out.get(0).safeMode());
    }

    @Test
    void differentRowsKeepTheirOrder() {
        List<QueuedChange> in = List.of(ins(1L, "a"), ins(2L, "b"), ins(3L, "c"));
        assertEquals(in, Compactor.compact(in));
    }
}
