package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.Objects;

/**
 * One upstream table or view selected for the dump.
 *
 * @param id            schema and name as spelled upstream
 * @param view          a view: only its definition is dumped
 * @param columns       all columns in table order (generated ones included, flagged)
 * @param chunkColumn   the integer column whose ranges split the table into chunks (first column of the primary
 *                      key, else of a unique NOT NULL key), or null when the table has none (dumped whole)
 * @param hasPrimaryKey whether the table has a primary key (a table without one is dumped whole, with a warning)
 * @param estimatedRows information_schema estimate of the row count
 * @param dataLength    information_schema estimate of the data size in bytes
 */
public record TableMeta(TableId id, boolean view, List<ColumnMeta> columns, String chunkColumn, boolean hasPrimaryKey,
                        long estimatedRows, long dataLength) {

    public TableMeta {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
    }

    /** The columns a dump reads and a load writes: every column except generated ones. */
    public List<ColumnMeta> storedColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    /** Average row size from the estimates (at least 1). */
    public long averageRowLength() {
        return estimatedRows <= 0 ? Math.max(1, dataLength) : Math.max(1, dataLength / estimatedRows);
    }
}
