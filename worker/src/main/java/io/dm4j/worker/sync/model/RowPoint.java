package io.dm4j.worker.sync.model;

import io.dm4j.common.position.BinlogPosition;
import java.util.Objects;

/**
 * The exact place of one row change in the upstream binlog: the end position of its rows event and its index among
 * the changes that event produced. Orders changes the way the binlog does, so "applied up to here" is exact even
 * inside an event.
 *
 * @param event where the rows event ends (the stream's location after it)
 * @param row   index of the change among the event's changes, from 0
 */
public record RowPoint(BinlogPosition event, int row) implements Comparable<RowPoint> {

    public RowPoint {
        Objects.requireNonNull(event, "event");
        if (row < 0) {
            throw new IllegalArgumentException("row index must not be negative: " + row);
        }
    }

    @Override
    public int compareTo(RowPoint o) {
        int c = event.compareTo(o.event);
        return c != 0 ? c : Integer.compare(row, o.row);
    }

    @Override
    public String toString() {
        return event + "#" + row;
    }
}
