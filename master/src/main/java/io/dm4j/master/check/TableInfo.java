package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table's structure as the checks compare it, from {@code information_schema}.
 *
 * @param identity name of the key that identifies a row (PRIMARY, or a unique key over NOT NULL columns); empty
 *                 when there is none
 * @param nullableUnique a unique key whose columns may be NULL (it does not identify a row); empty when none
 */
record TableInfo(TableId id, String collation, List<Column> columns, String identity, String nullableUnique) {
    record Column(String name, String type, String collation) {
    }

    TableInfo {
        columns = List.copyOf(columns);
    }

    /** Columns as {@code name type}, in order, for messages and comparison. */
    String shape() {
        return columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
    }
}
