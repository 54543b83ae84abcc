package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.Event;
import io.dm4j.common.position.Location;

/**
 * One binlog event as the sync unit sees it.
 *
 * @param event          the decoded event
 * @param location       where the stream stands after this event; its GTID set includes the current
 *                       transaction only once {@code transactionEnd} is true
 * @param transactionEnd true for the event that ends a transaction (XID, COMMIT, or a DDL/standalone statement):
 *                       only such locations may become checkpoints
 */
public record StreamEvent(Event event, Location location, boolean transactionEnd) {
}
