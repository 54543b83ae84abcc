package io.dm4j.worker.sync.checkpoint;

import io.dm4j.common.position.Location;
import java.util.Objects;

/**
 * The checkpoint of one upstream table: where its last DDL (or flush) was, and the tracked structure at that point
 * as the schema tracker serialised it ({@code table_info}, JSON text; {@code "null"} when there is none).
 */
public record TablePoint(Location location, String tableInfoJson) {
    public TablePoint {
        Objects.requireNonNull(location, "location");
        tableInfoJson = tableInfoJson == null || tableInfoJson.isBlank() ? "null" : tableInfoJson;
    }
}
