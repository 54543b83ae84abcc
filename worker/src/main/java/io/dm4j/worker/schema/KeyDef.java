package io.dm4j.worker.schema;

import java.util.List;
import java.util.Objects;

/** A PRIMARY or UNIQUE key: its name and column names in key order. */
public record KeyDef(String name, List<String> columns, boolean primary) {
    public KeyDef {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
