package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.MariadbGtidList;
import io.dm4j.common.position.MysqlGtidSet;

/** The GTID a transaction's opening GTID event carries, as a one-element set of a given set's flavor. */
final class TransactionGtid {
    private TransactionGtid() {
    }

    /** The GTID of {@code e} as a set of {@code flavorOf}'s flavor; null when {@code e} is no GTID event of that flavor. */
    static GtidSet of(Event e, GtidSet flavorOf) {
        if (e.getData() instanceof GtidEventData g && flavorOf instanceof MysqlGtidSet) {
            MySqlGtid id = g.getMySqlGtid();
            return id == null ? null : MysqlGtidSet.empty().add(id.getServerId().toString(), id.getTransactionId());
        }
        if (e.getData() instanceof MariadbGtidEventData g && flavorOf instanceof MariadbGtidList) {
            long serverId = e.getHeader() instanceof EventHeaderV4 h ? h.getServerId() : g.getServerId();
            return MariadbGtidList.empty().advance(g.getDomainId(), serverId, g.getSequence());
        }
        return null;
    }

    /** Whether {@code e} opens a transaction whose GTID {@code executed} already contains. */
    static boolean alreadyIn(GtidSet executed, Event e) {
        GtidSet gtid = of(e, executed);
        return gtid != null && executed.contains(gtid);
    }
}
