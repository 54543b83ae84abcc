package io.dm4j.worker.dump;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a table into key ranges of about {@code rowsPerChunk} rows, assuming the integer key is spread evenly
 * between its minimum and maximum (equal-width ranges; gaps only make some chunks smaller). The ranges cover the
 * whole key space without overlap: the first is open below, the last open above.
 */
public final class ChunkPlanner {
    /** Upper bound on chunks per table, so that a wild estimate cannot create millions of tiny chunks. */
    static final int MAX_CHUNKS = 4096;

    private ChunkPlanner() {
    }

    /**
     * @param min           smallest key value, or null when the table is empty
     * @param max           largest key value, or null when the table is empty
     * @param estimatedRows the row estimate
     * @param rowsPerChunk  wanted rows per chunk (positive)
     */
    public static List<Chunk> plan(TableMeta table, BigInteger min, BigInteger max, long estimatedRows, long rowsPerChunk) {
        if (table.chunkColumn() == null || min == null || max == null || rowsPerChunk <= 0) {
            return List.of(new Chunk(table, 0, 1, null, null));
        }
        long wanted = Math.max(1, (estimatedRows + rowsPerChunk - 1) / rowsPerChunk);
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        long n = Math.min(Math.min(wanted, MAX_CHUNKS), span.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
        if (n <= 1) {
            return List.of(new Chunk(table, 0, 1, null, null));
        }
        List<Chunk> out = new ArrayList<>((int) n);
        BigInteger count = BigInteger.valueOf(n);
        BigInteger previous = null;
        for (int i = 0; i < n; i++) {
            BigInteger upper = i == n - 1 ? null : min.add(span.multiply(BigInteger.valueOf(i + 1)).divide(count));
            out.add(new Chunk(table, i, (int) n, previous, upper));
            previous = upper;
        }
        return out;
    }

    /**
     * The chunks of all tables in the order to dump them: by how far into its table each chunk is (the k-th of n
     * chunks at k/n), then in the given table order. A load that follows the dump can then keep several tables
     * loading from the start, where all files of the largest table first would leave its connections queueing on
     * the table's AUTO-INC lock, and the tables finish loading together rather than one after the other.
     */
    static List<Chunk> interleave(List<List<Chunk>> tables) {
        record Placed(Chunk chunk, double at, int table, int index) {
        }
        List<Placed> placed = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            List<Chunk> chunks = tables.get(t);
            for (int i = 0; i < chunks.size(); i++) {
                placed.add(new Placed(chunks.get(i), (double) i / chunks.size(), t, i));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::at).thenComparingInt(Placed::table).thenComparingInt(Placed::index));
        return placed.stream().map(Placed::chunk).toList();
    }
}
