package io.dm4j.master.state;

import io.dm4j.proto.message.Stage;

/**
 * The desired stage of a source's relay log (DM keeps it under {@code /dm-master/v2/stage/relay/}): Running or
 * Paused. A source without an entry has no relay log.
 */
public record RelayEntry(String sourceId, Stage stage) {
}
