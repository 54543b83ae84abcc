package io.dm4j.worker.progress;

import java.util.List;

/**
 * The bounded per-table part of a dump or load status ({@code tableProgress}).
 *
 * @param totalTables    tables of the unit
 * @param finishedTables tables complete (not listed)
 * @param unlisted       unfinished tables left out of {@code tables} to keep the status small
 * @param tables         unfinished tables, those with progress first
 */
public record TableProgressList(long totalTables, long finishedTables, long unlisted, List<TableProgress> tables) {
    public TableProgressList {
        tables = List.copyOf(tables);
    }

    /** Nothing registered yet. */
    public static final TableProgressList EMPTY = new TableProgressList(0, 0, 0, List.of());
}
