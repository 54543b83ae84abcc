package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import java.util.Locale;

/**
 * How a WHERE clause matches a JSON column against a bound JSON text, by downstream server. Only tables without a
 * primary or not-null unique key match rows by all their columns, so only they compare JSON columns.
 */
public enum JsonMatch {
    /**
     * MySQL and TiDB store JSON as a typed value: {@code col = ?} with a string compares the JSON value to a JSON
     * string scalar and never matches an object or array, so the text is cast to JSON first.
     */
    AS_JSON,
    /**
     * MariaDB stores JSON as LONGTEXT (utf8mb4_bin) exactly as written, and {@code CAST(? AS JSON)} does not exist:
     * the text dm4j wrote is compared byte for byte, which also keeps apart rows whose JSON differs only in spelling.
     */
    TEXT;

    /** The match for a downstream that reports {@code SELECT VERSION()} as {@code version} (MySQL when unknown). */
    public static JsonMatch forServer(String version) {
        return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb") ? TEXT : AS_JSON;
    }

    /** The predicate on {@code column} with one placeholder for its (non-null) value. */
    String equalsPlaceholder(String column) {
        String q = TableId.quote(column);
        return this == AS_JSON ? q + "=CAST(? AS JSON)" : q + "=?";
    }
}
