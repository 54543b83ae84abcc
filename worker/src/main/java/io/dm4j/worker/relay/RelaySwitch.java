package io.dm4j.worker.relay;

import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Upstream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a relay continues when the upstream server changed (a new sub-directory): after the last transaction the
 * previous sub-directory holds, by GTID set, as DM does.
 *
 * <p>The previous sub-directory is closed first at its last complete transaction: a transaction the old server had
 * only partly sent is cut off (the new server sends it whole), so a reader never finds half a transaction before
 * the switch. The new sub-directory starts at offset 4 of the newest binlog file of the new server whose starting
 * GTID state lies within the previous set (MariaDB {@code BINLOG_GTID_POS(file, 4)}, MySQL the file's
 * {@code Previous_gtids}): relay files stay whole upstream files, and the transactions of that file the previous set
 * already contains are skipped by the reader ({@link RelayEventSource}), not written around. The new server must
 * contain the previous set and still have a file starting within it; otherwise the relay refuses with a coded error
 * instead of leaving a hole.
 */
final class RelaySwitch {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySwitch.class);

    private final String sourceId;
    private final RelayLayout layout;

    RelaySwitch(String sourceId, RelayLayout layout) {
        this.sourceId = sourceId;
        this.layout = layout;
    }

    /** The latest sub-directory before {@code subDir} in the index that holds binlog files, if any. */
    Optional<String> previousWithFiles(String subDir) {
        List<String> all = layout.subDirs();
        int at = all.indexOf(subDir);
        for (int i = (at < 0 ? all.size() : at) - 1; i >= 0; i--) {
            if (!layout.binlogFiles(all.get(i)).isEmpty()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The start of the new sub-directory {@code subDir} on {@code upstream}: the first byte of a file of the new
     * server, and the GTID set before it.
     *
     * @throws io.dm4j.common.errors.DmException {@link RelayErrors#SWITCH_NEEDS_GTID}, {@link RelayErrors#SWITCH_BEHIND},
     *                                           {@link RelayErrors#SWITCH_PURGED}
     */
    Location startAfter(String previous, String subDir, Upstream upstream, Flavor flavor, boolean gtid)
            throws SQLException {
        String newServer = RelayLayout.uuidOf(subDir) + " (" + upstream.address() + ")";
        String oldServer = RelayLayout.uuidOf(previous);
        if (!gtid) {
            throw RelayErrors.SWITCH_NEEDS_GTID.error(sourceId, newServer, previous, oldServer,
                    "the source has enable-gtid: false, and the old server's file names and positions mean nothing on"
                            + " the new one");
        }
        Location end = closeAtLastTransaction(previous, flavor);
        if (end.gtidSet() == null || end.gtidSet().isEmpty()) {
            throw RelayErrors.SWITCH_NEEDS_GTID.error(sourceId, newServer, previous, oldServer,
                    "its relay.meta has no GTID set (binlog-gtid), so where it ends cannot be found on the new server");
        }
        GtidSet has = GtidSet.parse(flavor, upstream.gtidExecuted(flavor));
        if (!has.contains(end.gtidSet())) {
            throw RelayErrors.SWITCH_BEHIND.error(sourceId, newServer, previous, oldServer, "the relay ends at GTID set "
                    + end.gtidSet() + ", the new server has only " + has + " (missing " + end.gtidSet().subtract(has) + ")");
        }
        List<String> logs = upstream.binaryLogs();
        for (int i = logs.size() - 1; i >= 0; i--) {
            Optional<GtidSet> before = gtidAtStart(upstream, flavor, logs.get(i));
            if (before.isPresent() && end.gtidSet().contains(before.get())) {
                Location from = new Location(new BinlogPosition(logs.get(i), RawEvents.MAGIC.length), before.get());
                LOG.warn("relay of source {}: the upstream server is now {}, not {}; sub-directory {} starts at {} of"
                        + " the new server (GTID set there {}), after {} where {} ends (GTID set {})", sourceId,
                        newServer, oldServer, subDir, from.position(), before.get(), end.position(), previous,
                        end.gtidSet());
                return from;
            }
        }
        throw RelayErrors.SWITCH_PURGED.error(sourceId, newServer, previous, oldServer, "none of its binlog files "
                + logs + " starts at or before GTID set " + end.gtidSet());
    }

    /**
     * Cuts a torn event and a partly written transaction off the end of {@code subDir}, records its last transaction
     * end in relay.meta and returns it (with the GTID set there).
     */
    Location closeAtLastTransaction(String subDir, Flavor flavor) {
        RelayWriter w = new RelayWriter(layout, subDir, new RelayNotifier(), Clock.systemUTC(), Duration.ZERO);
        w.recover(flavor, file -> null); // the old server is gone: only relay.meta and the files tell the set
        Location end = w.written();
        w.close();
        if (end == null) {
            return new Location(new BinlogPosition(layout.binlogFiles(subDir).get(0), RawEvents.MAGIC.length), null);
        }
        try {
            for (String f : layout.binlogFiles(subDir)) {
                int c = new BinlogPosition(f, RawEvents.MAGIC.length).compareTo(
                        new BinlogPosition(end.position().file(), RawEvents.MAGIC.length));
                if (c == 0) {
                    cut(layout.file(subDir, f), end.position().pos());
                } else if (c > 0) {
                    cut(layout.file(subDir, f), afterFormatDescription(subDir, f));
                }
            }
        } catch (IOException e) {
            throw RelayErrors.WRITE.wrap(e, layout.subDir(subDir), e.toString());
        }
        return end;
    }

    private long afterFormatDescription(String subDir, String file) {
        try (RelayReader r = new RelayReader(layout, subDir, file, RawEvents.MAGIC.length).withinSubDir()) {
            RelayEvent first = r.next();
            return first != null && first.file().equals(file) && first.type() == RawEvents.FORMAT_DESCRIPTION
                    ? first.end() : RawEvents.MAGIC.length;
        }
    }

    private void cut(Path p, long at) throws IOException {
        long size = Files.size(p);
        if (size <= at) {
            return;
        }
        LOG.warn("relay of source {}: {} ends with {} bytes of a transaction the old server did not finish sending;"
                + " cut at {} (the new server sends the transaction whole)", sourceId, p, size - at, at);
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.truncate(at);
            c.force(true);
        }
    }

    /** The GTID set before the first event of {@code file} on the upstream; empty when the server cannot tell. */
    static Optional<GtidSet> gtidAtStart(Upstream upstream, Flavor flavor, String file) throws SQLException {
        if (flavor == Flavor.MARIADB) {
            return upstream.mariadbGtidAt(new BinlogPosition(file, RawEvents.MAGIC.length))
                    .map(t -> GtidSet.parse(flavor, t));
        }
        try (Connection c = upstream.connect();
             PreparedStatement ps = c.prepareStatement("SHOW BINLOG EVENTS IN ? LIMIT 3")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("Previous_gtids".equalsIgnoreCase(rs.getString("Event_type"))) {
                        return Optional.of(previousGtids(rs.getString("Info")));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** MySQL's Previous_gtids Info column as a set ("" when the file follows no GTID). */
    static GtidSet previousGtids(String info) {
        return GtidSet.parse(Flavor.MYSQL, info == null ? "" : info.replace("\n", "").trim());
    }
}
