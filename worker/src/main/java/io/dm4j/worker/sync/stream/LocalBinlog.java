package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.position.Location;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A local copy of the upstream binlog (the worker's relay log) the sync unit reads instead of the upstream when it
 * holds the unit's start point. Units also tell it how far back they still need it, so that no file they need is purged.
 */
public interface LocalBinlog {
    /** Events after {@code from} read from local files, or empty when the local copy does not hold {@code from}. */
    Optional<EventSource> open(Location from, Supplier<EventDeserializer> deserializers);

    /** {@code consumer} (a task name) still needs everything after what {@code checkpoint} returns. */
    void register(String consumer, Supplier<Location> checkpoint);

    /** {@code consumer} needs nothing any more (its sync unit closed). */
    void unregister(String consumer);
}
