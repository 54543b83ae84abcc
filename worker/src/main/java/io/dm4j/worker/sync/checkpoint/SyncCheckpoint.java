package io.dm4j.worker.sync.checkpoint;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code {task}_syncer_checkpoint} holds for one source.
 *
 * @param global   the global point: the location after the last transaction applied downstream; null when the
 *                 source has no global row
 * @param exitSafe the safe-mode exit point saved when the unit last stopped abnormally, or null
 * @param tables   per-table points
 */
public record SyncCheckpoint(Location global, Location exitSafe, Map<TableId, TablePoint> tables) {
    public SyncCheckpoint {
        tables = tables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tables));
    }
}
