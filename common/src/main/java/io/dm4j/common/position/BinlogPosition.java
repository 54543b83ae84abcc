package io.dm4j.common.position;

import java.util.Objects;

/**
 * A point in the upstream binlog: file name and byte offset. Files order by their numeric suffix
 * ({@code mysql-bin.000009 < mysql-bin.000010}, also past 999999), then by offset.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {

    /** The offset of the first event after the 4-byte magic header. */
    public static final long FIRST_EVENT_POS = 4;

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0) {
            throw new IllegalArgumentException("binlog position must not be negative: " + pos);
        }
    }

    /** The suffix number of the file name ({@code mysql-bin.000123} gives 123); -1 when it has none. */
    public long fileIndex() {
        int dot = file.lastIndexOf('.');
        if (dot < 0 || dot == file.length() - 1) {
            return -1;
        }
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The base name of the file ({@code mysql-bin} for {@code mysql-bin.000123}). */
    public String baseName() {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    @Override
    public int compareTo(BinlogPosition o) {
        long a = fileIndex();
        long b = o.fileIndex();
        int c = (a >= 0 && b >= 0) ? Long.compare(a, b) : file.compareTo(o.file);
        if (c == 0 && !file.equals(o.file)) {
            // same index, different spelling (other base name or zero padding): any fixed order consistent with equals
            c = baseName().compareTo(o.baseName());
            if (c == 0) {
                c = file.compareTo(o.file);
            }
        }
        return c != 0 ? c : Long.compare(pos, o.pos);
    }

    /** DM's display form: {@code (mysql-bin.000001, 1234)}. */
    @Override
    public String toString() {
        return "(" + file + ", " + pos + ")";
    }
}
