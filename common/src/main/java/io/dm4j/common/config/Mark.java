package io.dm4j.common.config;

/** Where a key or value sits in a configuration file (1-based); {@link #NONE} when the format does not tell. */
public record Mark(int line, int column) {
    public static final Mark NONE = new Mark(-1, -1);

    public boolean known() {
        return line > 0;
    }

    /** {@code line 3, column 5}, or "" when unknown. */
    public String describe() {
        return known() ? "line " + line + ", column " + column : "";
    }
}
