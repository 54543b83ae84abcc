package io.dm4j.worker.dump;

import io.dm4j.common.config.MydumperConfig;
import io.dm4j.common.errors.DumpErrors;
import java.util.Locale;

/**
 * How the dump gets a consistent view of the upstream and the binlog position that matches it
 * ({@code --consistency} in {@code mydumpers.extra-args}, DM/Dumpling's names). See {@link SnapshotOpener} for what
 * each mode does on MySQL and MariaDB.
 */
public enum Consistency {
    /** The best mode the server and the account allow (see {@link SnapshotOpener}). */
    AUTO("auto"),
    /** FLUSH TABLES WITH READ LOCK while the snapshot connections start; needs RELOAD. */
    FLUSH("flush"),
    /** No lock: MariaDB's binlog_snapshot position, or per-connection snapshots with a safe-mode window. */
    SNAPSHOT("snapshot"),
    /** LOCK TABLES ... READ on the dumped tables while the snapshot connections start; needs LOCK TABLES. */
    LOCK("lock"),
    /** No lock, no attempt at one common snapshot: positions before and after, replayed in safe mode. */
    NONE("none");

    private final String label;

    Consistency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Parses a mode name (case-insensitive).
     *
     * @throws io.dm4j.common.errors.DmException {@link DumpErrors#INVALID_CONSISTENCY} for an unknown name
     */
    public static Consistency parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Consistency c : values()) {
            if (c.label.equals(t)) {
                return c;
            }
        }
        throw DumpErrors.INVALID_CONSISTENCY.error(text);
    }

    /** The mode of a dump configuration; {@code auto} when extra-args do not name one. */
    public static Consistency of(MydumperConfig config) {
        return config.consistency().map(Consistency::parse).orElse(AUTO);
    }
}
