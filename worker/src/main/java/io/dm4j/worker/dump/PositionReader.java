package io.dm4j.worker.dump;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads binlog locations on an upstream connection. */
final class PositionReader {
    private PositionReader() {
    }

    /**
     * {@code SHOW MASTER STATUS} ({@code SHOW BINARY LOG STATUS} on MySQL 8.4+) with its GTID set; null when binary
     * logging is off. MySQL's set comes from the same row (Executed_Gtid_Set). For MariaDB the set is computed for
     * exactly that position with {@code BINLOG_GTID_POS}, so both halves agree even while writes go on.
     */
    static Location masterStatus(Connection c, Flavor flavor) throws SQLException {
        BinlogPosition pos = null;
        String gtid = "";
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = showStatus(st)) {
                if (rs.next()) {
                    pos = new BinlogPosition(rs.getString(1), rs.getLong(2));
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        if ("Executed_Gtid_Set".equalsIgnoreCase(md.getColumnLabel(i))) {
                            gtid = nonNull(rs.getString(i)).replace("\n", "");
                        }
                    }
                }
            }
        }
        if (pos == null) {
            return null;
        }
        if (flavor == Flavor.MARIADB) {
            gtid = mariadbGtidAt(c, pos);
        }
        return new Location(pos, gtid.isEmpty() ? GtidSet.empty(flavor) : GtidSet.parse(flavor, gtid));
    }

    private static ResultSet showStatus(Statement st) throws SQLException {
        try {
            return st.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            return st.executeQuery("SHOW BINARY LOG STATUS"); // MySQL 8.4 removed SHOW MASTER STATUS
        }
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

    /** Adds the GTID set at a MariaDB position ({@code BINLOG_GTID_POS}). */
    static Location withMariadbGtid(Connection c, Location loc) throws SQLException {
        String gtid = mariadbGtidAt(c, loc.position());
        return loc.withGtid(gtid.isEmpty() ? GtidSet.empty(Flavor.MARIADB) : GtidSet.parse(Flavor.MARIADB, gtid));
    }

    private static String mariadbGtidAt(Connection c, BinlogPosition pos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            ps.setString(1, pos.file());
            ps.setLong(2, pos.pos());
            try (ResultSet rs = ps.executeQuery()) {
                String g = rs.next() ? rs.getString(1) : null;
                if (g != null) {
                    return g;
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
            return rs.next() ? nonNull(rs.getString(1)) : "";
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
