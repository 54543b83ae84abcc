package io.dm4j.worker.schema;

import java.util.Objects;

/** A character set with its collation, e.g. a database's or table's default. */
public record CharsetCollation(String charset, String collation) {

    public CharsetCollation {
        charset = Charsets.normalizeCharset(Objects.requireNonNull(charset, "charset"));
        collation = Charsets.normalizeCollation(Objects.requireNonNull(collation, "collation"));
    }
}
