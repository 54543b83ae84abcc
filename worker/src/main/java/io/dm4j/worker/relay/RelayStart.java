package io.dm4j.worker.relay;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Upstream;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a new relay log starts when its directory is empty: {@code relay-binlog-name}; else, on MariaDB, the file
 * holding {@code relay-binlog-gtid}; else the file of the earliest position a subtask needs; else the upstream's
 * current file. Also names the sub-directory of an upstream (its server UUID).
 */
final class RelayStart {
    private static final Logger LOG = LoggerFactory.getLogger(RelayStart.class);

    private final SourceConfig source;
    private final Supplier<Optional<Location>> earliestNeeded;

    RelayStart(SourceConfig source, Supplier<Optional<Location>> earliestNeeded) {
        this.source = source;
        this.earliestNeeded = earliestNeeded;
    }

    /** The upstream binlog file a new relay log starts with (from its first byte). */
    String file(Upstream upstream, Flavor flavor) throws SQLException {
        if (!source.relayBinlogName().isBlank()) {
            return source.relayBinlogName().trim();
        }
        if (!source.relayBinlogGtid().isBlank()) {
            if (flavor != Flavor.MARIADB) {
                throw RelayErrors.NO_START.error(source.sourceId(),
                        "relay-binlog-gtid alone is supported on MariaDB only; set relay-binlog-name as well");
            }
            return fileHolding(upstream, GtidSet.parse(flavor, source.relayBinlogGtid().trim()));
        }
        Optional<Location> needed;
        try {
            needed = earliestNeeded.get();
        } catch (DmException e) {
            LOG.warn("relay of source {}: the subtasks' checkpoints cannot be read ({}); starting at the upstream's"
                    + " current file", source.sourceId(), e.getMessage());
            needed = Optional.empty();
        }
        if (needed.isPresent() && !needed.get().position().file().isEmpty()) {
            return needed.get().position().file();
        }
        return upstream.masterStatus().map(BinlogPosition::file).orElseThrow(() -> RelayErrors.NO_START.error(
                source.sourceId(), "SHOW MASTER STATUS on " + upstream + " returned nothing (binary logging off?)"));
    }

    /** MariaDB: the newest binlog whose starting GTID state is contained in {@code gtid}. */
    private String fileHolding(Upstream upstream, GtidSet gtid) throws SQLException {
        var logs = upstream.binaryLogs();
        for (int i = logs.size() - 1; i >= 0; i--) {
            String at = upstream.mariadbGtidAt(new BinlogPosition(logs.get(i), RawEvents.MAGIC.length)).orElse(null);
            if (at != null && gtid.contains(GtidSet.parse(Flavor.MARIADB, at))) {
                return logs.get(i);
            }
        }
        throw RelayErrors.NO_START.error(source.sourceId(), "no binlog on the upstream starts at or before GTID "
                + gtid + " (purged?)");
    }

    /** The upstream's server UUID; on MariaDB, which has none, {@code <gtid_domain_id>-<server_id>} as DM uses. */
    static String serverUuid(Upstream upstream, Flavor flavor) throws SQLException {
        if (flavor == Flavor.MYSQL) {
            return upstream.variable("server_uuid").orElseThrow(() -> RelayErrors.NO_START.error(upstream.toString(),
                    "the upstream has no server_uuid"));
        }
        return upstream.variable("gtid_domain_id").orElse("0") + "-" + upstream.variable("server_id").orElse("0");
    }
}
