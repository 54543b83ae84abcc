package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.MariadbGtidList;
import io.dm4j.common.position.MysqlGtidSet;
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
            GtidSet gtid = gtidOf(e.event());
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

    /** The single GTID a GTID event opens its transaction with, as a set of the start set's flavor; else null. */
    private GtidSet gtidOf(Event e) {
        if (e.getData() instanceof GtidEventData g && executed instanceof MysqlGtidSet) {
            MySqlGtid id = g.getMySqlGtid();
            return id == null ? null : MysqlGtidSet.empty().add(id.getServerId().toString(), id.getTransactionId());
        }
        if (e.getData() instanceof MariadbGtidEventData g && executed instanceof MariadbGtidList) {
            long serverId = e.getHeader() instanceof EventHeaderV4 h ? h.getServerId() : g.getServerId();
            return MariadbGtidList.empty().advance(g.getDomainId(), serverId, g.getSequence());
        }
        return null;
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
