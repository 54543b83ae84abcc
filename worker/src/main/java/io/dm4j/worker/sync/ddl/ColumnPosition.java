package io.dm4j.worker.sync.ddl;

/** Where ALTER TABLE puts a column: unchanged/at the end, FIRST, or AFTER another column. */
public record ColumnPosition(Kind kind, String after) {

    public enum Kind { DEFAULT, FIRST, AFTER }

    public static final ColumnPosition DEFAULT = new ColumnPosition(Kind.DEFAULT, null);
    public static final ColumnPosition FIRST = new ColumnPosition(Kind.FIRST, null);

    public static ColumnPosition after(String column) {
        return new ColumnPosition(Kind.AFTER, column);
    }
}
