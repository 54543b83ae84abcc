package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.MariadbGtidListEventData;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.MariadbGtidList;
import io.dm4j.common.position.MysqlGtidSet;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds where in the relay log a sync that is given only a GTID set starts, as DM's relay reader does: every relay
 * file begins with the set of transactions before it (MariaDB's Gtid_list, MySQL's Previous_gtids); the start is the
 * newest file, over all sub-directories in index order, whose set lies within the wanted one. Transactions of that
 * file the wanted set already holds are skipped by {@link GtidSkippingSource}.
 */
final class RelayGtidStart {
    static final int MARIADB_GTID_LIST = 163;
    /** The set event comes right after the format description (MariaDB may put a Binlog_checkpoint in between). */
    private static final int HEAD_EVENTS = 4;

    /**
     * Where to start: a file and the set before it; or why the relay cannot serve the set.
     *
     * @param start  offset 4 of the start file, with the GTID set before the file; null when not found
     * @param whyNot why the relay does not hold the start ("" when it does)
     */
    record Located(Location start, String subDir, String whyNot) {
    }

    private final RelayLayout layout;

    RelayGtidStart(RelayLayout layout) {
        this.layout = layout;
    }

    Located locate(GtidSet wanted) {
        Located found = null;
        String oldestHead = null;
        for (String subDir : layout.subDirs()) {
            for (String file : layout.binlogFiles(subDir)) {
                Optional<GtidSet> head;
                try {
                    head = headSet(subDir, file, wanted);
                } catch (IOException | RuntimeException e) { // DmException too: a damaged head
                    return found != null ? found : new Located(null, null, "the GTID set at the head of relay file "
                            + subDir + "/" + file + " cannot be read: " + e.getMessage());
                }
                if (head.isEmpty()) {
                    return found != null ? found : new Located(null, null, "relay file " + subDir + "/" + file
                            + " begins with no GTID set (no Gtid_list / Previous_gtids event)");
                }
                if (oldestHead == null) {
                    oldestHead = head.get().toString();
                }
                if (!wanted.contains(head.get())) {
                    // this file begins with transactions the wanted set lacks: the start is in an earlier file
                    return found != null ? found : new Located(null, null, "the oldest relay file " + subDir + "/"
                            + file + " begins after transactions the set lacks (it begins at " + oldestHead + ")");
                }
                found = new Located(new Location(new BinlogPosition(file, RawEvents.MAGIC.length), head.get()), subDir, "");
            }
        }
        return found != null ? found : new Located(null, null, "the relay log has no file yet");
    }

    /** The GTID set a relay file begins with, of the flavor of {@code like}; empty when the file names none. */
    private Optional<GtidSet> headSet(String subDir, String file, GtidSet like) throws IOException {
        EventDeserializer d = BinlogDeserializers.create();
        try (RelayReader r = new RelayReader(layout, subDir, file, RawEvents.MAGIC.length)) {
            for (int i = 0; i < HEAD_EVENTS; i++) {
                RelayEvent e = r.next();
                if (e == null || !e.file().equals(file)) {
                    return Optional.empty();
                }
                if (e.type() == RawEvents.FORMAT_DESCRIPTION) {
                    d.nextEvent(new ByteArrayInputStream(e.raw())); // learns the file's checksum setting
                    continue;
                }
                if (e.type() != PreviousGtids.TYPE && e.type() != MARIADB_GTID_LIST) {
                    continue;
                }
                Event ev = d.nextEvent(new ByteArrayInputStream(e.raw()));
                if (ev.getData() instanceof PreviousGtidSetEventData p && like instanceof MysqlGtidSet) {
                    return Optional.of(MysqlGtidSet.parse(p.getGtidSet()));
                }
                if (ev.getData() instanceof MariadbGtidListEventData l && like instanceof MariadbGtidList) {
                    return Optional.of(MariadbGtidList.parse(l.getMariaGTIDSet().toString()));
                }
                return Optional.empty(); // the other flavor's event: the set cannot be compared
            }
        }
        return Optional.empty();
    }
}
