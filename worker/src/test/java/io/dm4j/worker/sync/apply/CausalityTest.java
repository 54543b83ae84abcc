package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.binaryCol;
import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.textCol;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CausalityTest {
    /** `db`.`u` (id INT PK, uk INT UNIQUE NOT NULL, name VARCHAR ci UNIQUE NULL). */
    private static final TableSchema U = table("db", "u",
            List.of(intCol("id", false), intCol("uk", false), textCol("name", true, "utf8mb4_general_ci")),
            pk("id"), uk("uk_uk", "uk"), uk("uk_name", "name"));

    private static RowChange ins(Object... after) {
        return RowChange.insert(U.id(), U.id(), U, after);
    }

    private static RowChange upd(Object[] before, Object[] after) {
        return RowChange.update(U.id(), U.id(), U, before, after);
    }

    private static RowChange del(Object... before) {
        return RowChange.delete(U.id(), U.id(), U, before);
    }

    /** Dispatches like DmlApplier; returns true when the change needed a drain first. */
    private static boolean dispatch(Causality c, RowChange change, String[] groupOut) {
        List<String> keys = RowKeys.causalityKeys(change);
        boolean conflict = c.conflicts(keys);
        if (conflict) {
            c.clear();
        }
        groupOut[0] = c.add(keys);
        return conflict;
    }

    @Test
    void changesOfOneRowShareAGroupWithoutConflict() {
        Causality c = new Causality(16);
        String[] g = new String[1];
        assertFalse(dispatch(c, ins(1L, 10L, "a"), g));
        String first = g[0];
        assertFalse(dispatch(c, upd(row(1L, 10L, "a"), row(1L, 10L, "b")), g));
        assertEquals(first, g[0]);
        assertFalse(dispatch(c, del(1L, 10L, "b"), g));
        assertEquals(first, g[0]);
    }

    @Test
    void unrelatedRowsDoNotConflict() {
        Causality c = new Causality(16);
        String[] g = new String[1];
        for (long i = 0; i < 100; i++) {
            assertFalse(dispatch(c, ins(i, 1000 + i, "n" + i), g));
        }
    }

    @Test
    void uniqueKeySwapIsDetectedAsConflict() {
        // A (id 1, uk 1) and B (id 2, uk 2) swap their unique values through a temporary one: A 1→3, B 2→1, A 3→2
        Causality c = new Causality(16);
        String[] g = new String[1];
        assertFalse(dispatch(c, ins(1L, 1L, null), g));
        String groupA = g[0];
        assertFalse(dispatch(c, ins(2L, 2L, null), g));
        String groupB = g[0];
        assertNotEquals(groupA, groupB);
        assertFalse(dispatch(c, upd(row(1L, 1L, null), row(1L, 3L, null)), g));
        assertEquals(groupA, g[0]);
        // B takes uk 1, still known in A's group: B's keys span two groups
        assertTrue(dispatch(c, upd(row(2L, 2L, null), row(2L, 1L, null)), g));
        // after the drain the map restarted: A takes uk 2, now B's group
        String groupAfterDrain = g[0];
        assertFalse(dispatch(c, upd(row(1L, 3L, null), row(1L, 2L, null)), g));
        assertEquals(groupAfterDrain, g[0], "A must now run after B in B's queue");
    }

    @Test
    void anUpdateHasTheKeysOfBothImagesWhetherOrNotAValueMoved() {
        // the new image's keys are built only where a value differs from the old image: same set as built in full
        List<String> kept = RowKeys.causalityKeys(upd(row(1L, 10L, "a"), row(1L, 10L, "a")));
        assertEquals(RowKeys.causalityKeys(del(1L, 10L, "a")), kept);
        assertEquals(3, kept.size());
        List<String> moved = RowKeys.causalityKeys(upd(row(1L, 10L, "a"), row(1L, 11L, "A")));
        List<String> expected = new java.util.ArrayList<>(RowKeys.causalityKeys(del(1L, 10L, "a")));
        expected.add(RowKeys.causalityKeys(ins(1L, 11L, "A")).get(1));
        assertEquals(expected, moved, "uk moved: its new key joins; the ci name 'a' = 'A' gives the same key");
        byte[] b1 = {1, 2};
        TableSchema bin = table("db", "b", List.of(binaryCol("k", false)), pk("k"));
        List<String> sameBytes = RowKeys.causalityKeys(RowChange.update(bin.id(), bin.id(), bin, row((Object) b1),
                row((Object) b1.clone())));
        assertEquals(1, sameBytes.size());
        List<String> otherBytes = RowKeys.causalityKeys(RowChange.update(bin.id(), bin.id(), bin, row((Object) b1),
                row((Object) new byte[] {1, 3})));
        assertEquals(2, otherBytes.size());
    }

    @Test
    void primaryKeyUpdateOntoAReusedKeyConflicts() {
        Causality c = new Causality(4);
        String[] g = new String[1];
        assertFalse(dispatch(c, ins(1L, 10L, null), g));
        assertFalse(dispatch(c, ins(2L, 20L, null), g));
        assertFalse(dispatch(c, del(2L, 20L, null), g));
        // row 1 moves to id 2: both groups are involved
        assertTrue(dispatch(c, upd(row(1L, 10L, null), row(2L, 10L, null)), g));
    }

    @Test
    void caseInsensitiveValuesCollide() {
        List<String> lower = RowKeys.causalityKeys(ins(1L, 10L, "abc"));
        List<String> upper = RowKeys.causalityKeys(ins(2L, 11L, "ABC  "));
        assertTrue(lower.stream().anyMatch(upper::contains), "'abc' and 'ABC  ' are equal in a _ci PAD SPACE column");
        List<String> accent = RowKeys.causalityKeys(ins(3L, 12L, "Ábc"));
        assertTrue(lower.stream().anyMatch(accent::contains), "utf8mb4_general_ci ignores accents");

        TableSchema bin = table("db", "b", List.of(intCol("id", false), textCol("name", false, "utf8mb4_bin")),
                pk("id"), uk("uk_name", "name"));
        List<String> a = RowKeys.causalityKeys(RowChange.insert(bin.id(), bin.id(), bin, row(1L, "abc")));
        List<String> b = RowKeys.causalityKeys(RowChange.insert(bin.id(), bin.id(), bin, row(2L, "ABC")));
        assertTrue(a.stream().noneMatch(b::contains), "a _bin collation tells case apart");

        Causality c = new Causality(16);
        String[] g = new String[1];
        assertFalse(dispatch(c, ins(1L, 10L, "abc"), g));
        assertFalse(dispatch(c, del(1L, 10L, "abc"), g));
        String groupOfAbc = g[0];
        assertFalse(dispatch(c, ins(5L, 50L, "ABC"), g));
        assertEquals(groupOfAbc, g[0], "the insert of 'ABC' must wait for the delete of 'abc'");
    }

    @Test
    void nullUniqueValuesGiveNoKey() {
        List<String> keys = RowKeys.causalityKeys(ins(1L, 10L, null));
        assertEquals(2, keys.size(), "PRIMARY and uk_uk only: NULL never conflicts");
    }

    @Test
    void numbersAndBytesAreCanonical() {
        TableSchema d = table("db", "d", List.of(new io.dm4j.worker.schema.ColumnDef("k", "decimal", "decimal(10,2)",
                false, false, null, null, -1, 10, 2, -1, null, null)), pk("k"));
        assertEquals(RowKeys.causalityKeys(RowChange.insert(d.id(), d.id(), d, row(new BigDecimal("1.50")))),
                RowKeys.causalityKeys(RowChange.insert(d.id(), d.id(), d, row(new BigDecimal("1.5")))));
        assertEquals(RowKeys.exactValue(5L), RowKeys.exactValue(BigInteger.valueOf(5)));

        TableSchema b = table("db", "bin", List.of(binaryCol("k", false)), pk("k"));
        assertEquals(RowKeys.causalityKeys(RowChange.insert(b.id(), b.id(), b, row((Object) new byte[] {1, 2}))),
                RowKeys.causalityKeys(RowChange.insert(b.id(), b.id(), b, row((Object) new byte[] {1, 2}))));
        assertNotEquals(RowKeys.causalityKeys(RowChange.insert(b.id(), b.id(), b, row((Object) new byte[] {1, 2}))),
                RowKeys.causalityKeys(RowChange.insert(b.id(), b.id(), b, row((Object) new byte[] {1, 2, 0}))));
    }

    @Test
    void keysAreQualifiedByTargetTable() {
        TableSchema other = table("db", "other", U.columns(), pk("id"));
        List<String> a = RowKeys.causalityKeys(ins(1L, 1L, null));
        List<String> b = RowKeys.causalityKeys(RowChange.insert(other.id(), other.id(), other, row(1L, 1L, null)));
        assertTrue(a.stream().noneMatch(b::contains));
    }

    @Test
    void tableWithoutKeyUsesAllColumns() {
        TableSchema nk = table("db", "nk", List.of(intCol("a", true), intCol("b", true)));
        List<String> k1 = RowKeys.causalityKeys(RowChange.insert(nk.id(), nk.id(), nk, row(1L, null)));
        List<String> k2 = RowKeys.causalityKeys(RowChange.delete(nk.id(), nk.id(), nk, row(1L, null)));
        List<String> k3 = RowKeys.causalityKeys(RowChange.insert(nk.id(), nk.id(), nk, row(1L, 2L)));
        assertEquals(1, k1.size());
        assertEquals(k1, k2);
        assertNotEquals(k1, k3);
    }

    @Test
    void queueIsCrc32OfTheGroupModuloWorkers() {
        Causality c = new Causality(16);
        CRC32 crc = new CRC32();
        crc.update("some-key".getBytes(StandardCharsets.UTF_8));
        assertEquals((int) (crc.getValue() % 16), c.queueOf("some-key"));
        assertThrows(IllegalArgumentException.class, () -> new Causality(0));
    }

    @Test
    void clearForgetsAllGroups() {
        Causality c = new Causality(2);
        c.add(List.of("a", "b"));
        assertEquals(2, c.size());
        c.clear();
        assertEquals(0, c.size());
        assertFalse(c.conflicts(List.of("a", "x")));
    }
}
