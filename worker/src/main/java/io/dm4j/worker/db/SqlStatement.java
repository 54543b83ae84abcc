package io.dm4j.worker.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One prepared statement and its parameters in placeholder order. Parameters may contain {@code null}.
 * Values never enter the SQL text.
 */
public record SqlStatement(String sql, List<Object> params) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** The SQL cut to {@code max} characters, for messages (never the parameter values). */
    /** The statement for messages and logs (passwords hidden; literals too under redact-info-log), cut at max chars. */
    public String summary(int max) {
        String shown = io.dm4j.common.daemon.LogRedaction.sql(sql);
        return shown.length() <= max ? shown : shown.substring(0, max) + "...";
    }

    @Override
    public String toString() {
        return sql + " (" + params.size() + " params)";
    }
}
