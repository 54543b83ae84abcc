package io.dm4j.worker.dump;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.BinlogStatusReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads binlog locations on an upstream connection. */
final class PositionReader {
    private PositionReader() {
    }

    /**
     * {@code SHOW MASTER STATUS} ({@code SHOW BINARY LOG STATUS} on MySQL 8.4+) with the GTID set of exactly that
     * position ({@link BinlogStatusReader}); null when binary logging is off.
     */
    static Location masterStatus(Connection c, Flavor flavor) throws SQLException {
        return BinlogStatusReader.read(flavor, BinlogStatusReader.on(c))
                .map(r -> new Location(r.position(), gtid(flavor, r.gtid())))
                .orElse(null);
    }

    /**
     * MariaDB: the binlog position of the current {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}
     * (status variables binlog_snapshot_file / binlog_snapshot_position), with its GTID set; null without binlog.
     */
    static Location mariadbSnapshot(Connection c) throws SQLException {
        String file = null;
        long pos = -1;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                if ("binlog_snapshot_file".equalsIgnoreCase(rs.getString(1))) {
                    file = rs.getString(2);
                } else if ("binlog_snapshot_position".equalsIgnoreCase(rs.getString(1))) {
                    pos = Long.parseLong(rs.getString(2).trim());
                }
            }
        }
        if (file == null || file.isEmpty() || pos < 0) {
            return null;
        }
        return new Location(new BinlogPosition(file, pos), null);
    }

    /**
     * Adds the GTID set at a MariaDB position ({@code BINLOG_GTID_POS}). There is no fallback to
     * {@code @@gtid_binlog_pos}: that set may be ahead of the snapshot's position, and a GTID start would then skip
     * transactions the snapshot does not hold.
     */
    static Location withMariadbGtid(Connection c, Location loc) throws SQLException {
        BinlogPosition p = loc.position();
        String gtid = BinlogStatusReader.on(c).gtidAt(p).orElseThrow(() -> new SQLException(
                "BINLOG_GTID_POS('" + p.file() + "', " + p.pos() + ") returned NULL: the GTID set of the snapshot's"
                        + " position is unknown"));
        return loc.withGtid(gtid(Flavor.MARIADB, gtid));
    }

    private static GtidSet gtid(Flavor flavor, String text) {
        return text.isEmpty() ? GtidSet.empty(flavor) : GtidSet.parse(flavor, text);
    }
}
