package io.dm4j.worker.dump;

import java.math.BigInteger;

/**
 * One unit of dump work: a key range of a table, {@code lower <= key < upper}; a null bound is open, so the first
 * and last chunks also catch rows outside the range seen when planning. A table without a chunk key is one chunk
 * with both bounds null.
 *
 * @param index 0-based position of the chunk in its table
 * @param count number of chunks of the table
 */
public record Chunk(TableMeta table, int index, int count, BigInteger lower, BigInteger upper) {

    public boolean whole() {
        return lower == null && upper == null;
    }
}
