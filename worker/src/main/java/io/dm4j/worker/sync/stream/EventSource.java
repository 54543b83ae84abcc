package io.dm4j.worker.sync.stream;

import io.dm4j.common.position.Location;
import java.util.concurrent.TimeUnit;

/**
 * Where the sync unit's events come from: the upstream ({@link BinlogStream}, {@code remote}) or the worker's relay
 * files ({@code local}). Either way every event arrives once, in order, with the location after it.
 */
public interface EventSource extends AutoCloseable {
    /** Starts reading after {@code from} (a transaction boundary). */
    void start(Location from);

    /**
     * The next event, or null when none arrived within the timeout.
     *
     * @throws io.dm4j.common.errors.DmException the error that ended the source
     */
    StreamEvent poll(long timeout, TimeUnit unit) throws InterruptedException;

    /** How often the source had to reconnect (0 for local files). */
    int reconnects();

    /** query-status {@code binlogType}: {@code remote} or {@code local}. */
    String binlogType();

    @Override
    void close();
}
