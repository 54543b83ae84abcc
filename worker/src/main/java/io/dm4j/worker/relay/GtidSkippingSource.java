package io.dm4j.worker.relay;

import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.util.concurrent.TimeUnit;

/**
 * Relay events for a sync started from a GTID set only: reads from the file {@link RelayGtidStart} found and leaves
 * out every transaction the set already holds, from its GTID event to its end, as a server does for a replica that
 * connects with a GTID set (so MySQL sets with holes get exactly the missing transactions). The locations handed on
 * carry the wanted set joined with what was read, so no checkpoint taken on the way goes behind the start.
 */
final class GtidSkippingSource implements EventSource {
    private final EventSource relay;
    private final Location fileStart;
    private final GtidSet executed;
    private boolean skipping;
    private long skipped;

    /**
     * @param relay     the relay events, started at {@code fileStart}
     * @param fileStart offset 4 of the start file with the GTID set before the file
     * @param executed  the set the sync starts from: transactions in it are not handed on
     */
    GtidSkippingSource(EventSource relay, Location fileStart, GtidSet executed) {
        this.relay = relay;
        this.fileStart = fileStart;
        this.executed = executed;
    }

    /** Transactions left out so far (they were in the start set). */
    long skipped() {
        return skipped;
    }

    @Override
    public void start(Location from) {
        relay.start(fileStart); // from names no file: the relay file found by GTID set is where reading begins
    }

    /** The next event to hand on; null only when the relay had nothing more within the timeout. */
    @Override
    public StreamEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        while (true) {
            StreamEvent e = relay.poll(timeout, unit);
            if (e == null) {
                return null;
            }
            GtidSet gtid = TransactionGtid.of(e.event(), executed);
            if (gtid != null) {
                skipping = executed.contains(gtid);
            }
            if (skipping) {
                if (e.transactionEnd()) {
                    skipping = false;
                    skipped++;
                }
                continue; // events on disk come at once: skipping them costs reading time, no waiting
            }
            GtidSet at = e.location().gtidSet();
            return at == null ? e : new StreamEvent(e.event(), new Location(e.location().position(), executed.union(at)),
                    e.transactionEnd());
        }
    }

    @Override
    public int reconnects() {
        return relay.reconnects();
    }

    @Override
    public String binlogType() {
        return relay.binlogType();
    }

    @Override
    public void close() {
        relay.close();
    }
}
