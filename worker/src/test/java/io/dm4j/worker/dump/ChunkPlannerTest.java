package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {
    private static final TableMeta KEYED = new TableMeta(new TableId("d", "t"), false,
            List.of(new ColumnMeta("id", "bigint", null, false, false)), "id", true, 1_000_000, 100_000_000);
    private static final TableMeta NO_KEY = new TableMeta(new TableId("d", "n"), false,
            List.of(new ColumnMeta("v", "int", null, false, true)), null, false, 1_000_000, 100_000_000);

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** Every key in [min-5, max+5] falls in exactly one chunk. */
    private static void assertPartition(List<Chunk> chunks, long min, long max) {
        for (long k = min - 5; k <= max + 5; k++) {
            BigInteger key = big(k);
            long hits = chunks.stream().filter(c -> (c.lower() == null || key.compareTo(c.lower()) >= 0)
                    && (c.upper() == null || key.compareTo(c.upper()) < 0)).count();
            assertEquals(1, hits, "key " + k);
        }
    }

    @Test
    void splitsByRowsPerChunk() {
        List<Chunk> chunks = ChunkPlanner.plan(KEYED, big(1), big(1000), 1000, 250);
        assertEquals(4, chunks.size());
        assertNull(chunks.get(0).lower());
        assertNull(chunks.get(3).upper());
        assertEquals(big(251), chunks.get(0).upper());
        assertEquals(big(251), chunks.get(1).lower());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).index());
            assertEquals(4, chunks.get(i).count());
        }
        assertPartition(chunks, 1, 1000);
    }

    @Test
    void smallOrEmptyOrKeylessTablesAreOneChunk() {
        assertTrue(ChunkPlanner.plan(KEYED, big(1), big(10), 10, 200_000).get(0).whole());
        assertTrue(ChunkPlanner.plan(KEYED, null, null, 0, 10).get(0).whole());
        List<Chunk> keyless = ChunkPlanner.plan(NO_KEY, big(1), big(1_000_000), 1_000_000, 10);
        assertEquals(1, keyless.size());
        assertTrue(keyless.get(0).whole());
    }

    @Test
    void neverMoreChunksThanKeys() {
        List<Chunk> chunks = ChunkPlanner.plan(KEYED, big(-3), big(3), 1_000_000, 1);
        assertEquals(7, chunks.size());
        assertPartition(chunks, -3, 3);
    }

    @Test
    void chunkCountIsCapped() {
        List<Chunk> chunks = ChunkPlanner.plan(KEYED, big(0), big(100_000_000), 100_000_000, 1);
        assertEquals(ChunkPlanner.MAX_CHUNKS, chunks.size());
    }

    @Test
    void unsignedBigintRangesWork() {
        BigInteger max = new BigInteger("18446744073709551615");
        List<Chunk> chunks = ChunkPlanner.plan(KEYED, BigInteger.ZERO, max, 1000, 250);
        assertEquals(4, chunks.size());
        assertTrue(chunks.get(2).upper().compareTo(max) < 0);
        assertTrue(chunks.get(1).upper().compareTo(chunks.get(0).upper()) > 0);
    }

    @Test
    void chunkSelectUsesBoundsAndWhere() {
        TableMeta t = new TableMeta(new TableId("d", "t"), false, List.of(new ColumnMeta("id", "int", null, false, false),
                new ColumnMeta("f", "float", null, false, true), new ColumnMeta("g", "int", null, true, true)),
                "id", true, 10, 10);
        ChunkReader r = new ChunkReader(true, "id > 0");
        assertEquals("SELECT `id`,CAST(`f` AS DOUBLE) FROM `d`.`t` WHERE `id` >= ? AND `id` < ? AND (id > 0)",
                r.selectSql(new Chunk(t, 1, 3, big(5), big(9))));
        assertEquals("SELECT `id`,(`f` + 0e0) FROM `d`.`t`", new ChunkReader(false, "").selectSql(new Chunk(t, 0, 1, null, null)));
    }

    @Test
    void castToDoubleNeedsARecentServer() {
        assertTrue(DumpUnit.castsToDouble("10.11.19-MariaDB-0+deb12u1-log"));
        assertTrue(!DumpUnit.castsToDouble("10.3.39-MariaDB"));
        assertTrue(DumpUnit.castsToDouble("8.0.17"));
        assertTrue(!DumpUnit.castsToDouble("8.0.16"));
        assertTrue(!DumpUnit.castsToDouble("5.7.44-log"));
        assertTrue(DumpUnit.castsToDouble("8.4.3"));
    }

    private static List<Chunk> chunksOf(String table, int n) {
        TableMeta t = new TableMeta(new TableId("d", table), false,
                List.of(new ColumnMeta("id", "bigint", null, false, false)), "id", true, n * 100L, n * 10_000L);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new Chunk(t, i, n, null, null)).toList();
    }

    private static List<String> names(List<Chunk> chunks) {
        return chunks.stream().map(c -> c.table().id().table() + c.index()).toList();
    }

    @Test
    void tablesOfEqualSizeAreDumpedRoundRobin() {
        List<Chunk> order = ChunkPlanner.interleave(List.of(chunksOf("a", 3), chunksOf("b", 3), chunksOf("c", 3)));
        assertEquals(List.of("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"), names(order));
    }

    @Test
    void aLargerTableGetsItsChunksAtAPaceMatchingItsSize() {
        // a has four times b's chunks: one of b's for every four of a's, each table's own chunks in key order,
        // and the single-chunk table c in the first round
        List<Chunk> order = ChunkPlanner.interleave(List.of(chunksOf("a", 8), chunksOf("b", 2), chunksOf("c", 1)));
        assertEquals(List.of("a0", "b0", "c0", "a1", "a2", "a3", "a4", "b1", "a5", "a6", "a7"), names(order));
    }

    @Test
    void nothingToInterleave() {
        assertEquals(List.of(), ChunkPlanner.interleave(List.of()));
        assertEquals(List.of("a0", "a1"), names(ChunkPlanner.interleave(List.of(chunksOf("a", 2)))));
    }
}
