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

    /**
     * Places and records changes as DmlApplier does, over queues that commit only when the test says so
     * ({@link #commitAll}, {@link #commit}) or when a conflict waits for them.
     */
    private static final class Queues {
        final Causality causality;
        final long[] put;
        final long[] done;
        int lastQueue;
        long[] lastMustComplete = new long[0];

        Queues(int workers) {
            causality = new Causality(workers);
            put = new long[workers];
            done = new long[workers];
        }

        /** Returns true when the change had to wait for another queue (a conflict). */
        boolean dispatch(RowChange change) {
            List<String> keys = RowKeys.causalityKeys(change);
            Causality.Placement p = causality.place(keys, q -> done[q]);
            lastQueue = p.queue();
            lastMustComplete = p.mustComplete();
            for (int q = 0; q < done.length; q++) {
                done[q] = Math.max(done[q], lastMustComplete[q]); // the applier waits for these before queueing
            }
            causality.record(keys, p.queue(), ++put[p.queue()]);
            return p.conflicts();
        }

        void commit(int queue) {
            done[queue] = put[queue];
        }

        void commitAll() {
            System.arraycopy(put, 0, done, 0, put.length);
        }
    }

    @Test
    void changesOfOneRowShareAQueueWithoutConflict() {
        Queues qs = new Queues(16);
        assertFalse(qs.dispatch(ins(1L, 10L, "a")));
        int first = qs.lastQueue;
        assertFalse(qs.dispatch(upd(row(1L, 10L, "a"), row(1L, 10L, "b"))));
        assertEquals(first, qs.lastQueue);
        assertFalse(qs.dispatch(del(1L, 10L, "b")));
        assertEquals(first, qs.lastQueue);
    }

    @Test
    void unrelatedRowsDoNotConflict() {
        Queues qs = new Queues(16);
        for (long i = 0; i < 100; i++) {
            assertFalse(qs.dispatch(ins(i, 1000 + i, "n" + i)));
        }
    }

    /** An id whose row of U (id = uk) has its first key in another queue of 16 than row 1's (CRC32 decides). */
    private static long rowInAnotherQueueThanRow1() {
        Causality probe = new Causality(16);
        for (long b = 2; ; b++) {
            int qa = probe.queueOf(RowKeys.causalityKeys(ins(1L, 1L, null)).get(0));
            int qb = probe.queueOf(RowKeys.causalityKeys(ins(b, b, null)).get(0));
            if (qa != qb) {
                return b;
            }
        }
    }

    @Test
    void uniqueKeySwapIsDetectedAsConflictAndWaitsOnlyForTheQueueHoldingTheKey() {
        // A (id 1, uk 1) and B (id b, uk b) swap their unique values through a temporary one: A 1→3, B b→1, A 3→b
        Queues qs = new Queues(16);
        long b = rowInAnotherQueueThanRow1();
        assertFalse(qs.dispatch(ins(1L, 1L, null)));
        int queueA = qs.lastQueue;
        assertFalse(qs.dispatch(ins(b, b, null)));
        int queueB = qs.lastQueue;
        assertNotEquals(queueA, queueB);
        assertFalse(qs.dispatch(upd(row(1L, 1L, null), row(1L, 3L, null))));
        assertEquals(queueA, qs.lastQueue);
        // B takes uk 1, still in flight in A's queue: B's keys span two queues
        assertTrue(qs.dispatch(upd(row(b, b, null), row(b, 1L, null))));
        int chosen = qs.lastQueue;
        int other = chosen == queueA ? queueB : queueA;
        assertTrue(chosen == queueA || chosen == queueB);
        assertEquals(qs.put[other], qs.lastMustComplete[other], "it waits until the other queue committed its key's job");
        for (int q = 0; q < 16; q++) {
            if (q != other) {
                assertEquals(0, qs.lastMustComplete[q], "no wait for queue " + q);
            }
        }
        // A takes uk b, now held by B's update: A must run after it, in the same queue
        assertFalse(qs.dispatch(upd(row(1L, 3L, null), row(1L, b, null))));
        assertEquals(chosen, qs.lastQueue, "A must now run after B in B's queue");
    }

    @Test
    void keysOfCommittedJobsBindNothing() {
        Queues qs = new Queues(16);
        long b = rowInAnotherQueueThanRow1();
        assertFalse(qs.dispatch(ins(1L, 1L, null)));
        assertFalse(qs.dispatch(ins(b, b, null)));
        qs.commitAll();
        // both rows' keys were used in two queues, but those jobs are committed: no wait, and the queue is the
        // first key's own (DM's CRC32 placement)
        assertFalse(qs.dispatch(upd(row(b, b, null), row(b, 1L, null))));
        assertEquals(qs.causality.queueOf(RowKeys.causalityKeys(upd(row(b, b, null), row(b, 1L, null))).get(0)),
                qs.lastQueue);
    }

    @Test
    void aConflictWithOneQueueCommittedIsNoConflict() {
        Queues qs = new Queues(16);
        long b = rowInAnotherQueueThanRow1();
        assertFalse(qs.dispatch(ins(1L, 1L, null)));
        int queueA = qs.lastQueue;
        assertFalse(qs.dispatch(ins(b, b, null)));
        int queueB = qs.lastQueue;
        qs.commit(queueA);
        assertFalse(qs.dispatch(upd(row(b, b, null), row(b, 1L, null))));
        assertEquals(queueB, qs.lastQueue, "the key still in flight decides the queue");
    }

    @Test
    void committedKeysAreForgottenOnceTheMapGrows() {
        Queues qs = new Queues(4);
        for (long i = 0; i < 70_000; i++) {
            qs.dispatch(ins(i, i, null));
        }
        assertEquals(140_000, qs.causality.size());
        qs.commitAll();
        qs.dispatch(ins(-1L, -1L, null));
        assertEquals(2, qs.causality.forgetCommitted(q -> qs.done[q]), "only the last insert's two keys are live");
        assertEquals(2, qs.causality.size());
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
        Queues qs = new Queues(16);
        long b = rowInAnotherQueueThanRow1();
        assertFalse(qs.dispatch(ins(1L, 10L, null)));
        assertFalse(qs.dispatch(ins(b, 20L, null)));
        assertFalse(qs.dispatch(del(b, 20L, null)));
        // row 1 moves to id b: both queues are involved
        assertTrue(qs.dispatch(upd(row(1L, 10L, null), row(b, 10L, null))));
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

        Queues qs = new Queues(16);
        assertFalse(qs.dispatch(ins(1L, 10L, "abc")));
        assertFalse(qs.dispatch(del(1L, 10L, "abc")));
        int queueOfAbc = qs.lastQueue;
        assertFalse(qs.dispatch(ins(5L, 50L, "ABC")));
        assertEquals(queueOfAbc, qs.lastQueue, "the insert of 'ABC' must wait for the delete of 'abc'");
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
    void queueIsCrc32OfTheFirstKeyModuloWorkers() {
        Causality c = new Causality(16);
        CRC32 crc = new CRC32();
        crc.update("some-key".getBytes(StandardCharsets.UTF_8));
        assertEquals((int) (crc.getValue() % 16), c.queueOf("some-key"));
        assertEquals(c.queueOf("some-key"), c.place(List.of("some-key", "other"), q -> 0).queue());
        assertThrows(IllegalArgumentException.class, () -> new Causality(0));
    }

    @Test
    void clearForgetsAllKeys() {
        Causality c = new Causality(2);
        c.record(List.of("a", "b"), 0, 1);
        c.record(List.of("x"), 1, 1);
        assertTrue(c.place(List.of("a", "x"), q -> 0).conflicts());
        assertEquals(3, c.size());
        c.clear();
        assertEquals(0, c.size());
        assertFalse(c.place(List.of("a", "x"), q -> 0).conflicts());
    }
}
