package io.dm4j.worker.db;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the upstream's current binlog position together with the GTID set that belongs to exactly that position, so
 * that a start point never pairs a position with a GTID set of another moment:
 * <ul>
 *   <li>MySQL: {@code SHOW MASTER STATUS} (8.4: {@code SHOW BINARY LOG STATUS}) returns both in one row
 *       ({@code Executed_Gtid_Set}).</li>
 *   <li>MariaDB: the row has no GTID set, so the set is derived from the position itself with
 *       {@code BINLOG_GTID_POS(file, pos)}. Only when the server cannot tell (NULL) is {@code @@gtid_binlog_pos}
 *       read, between two status reads that must agree (no binlog write in between); otherwise it retries, and
 *       after {@link #STABLE_ATTEMPTS} attempts it fails instead of pairing the position with a later set.</li>
 * </ul>
 */
public final class BinlogStatusReader {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogStatusReader.class);
    static final int STABLE_ATTEMPTS = 20;

    /** A status row: position and, on MySQL, the executed GTID set of the same row (null when absent). */
    public record StatusRow(BinlogPosition position, String executedGtidSet) {
        public StatusRow {
            Objects.requireNonNull(position, "position");
        }
    }

    /** A position and the GTID text of exactly that position ("" when the server has no GTIDs yet). */
    public record PositionAndGtid(BinlogPosition position, String gtid) {
    }

    /** The queries the reading needs; {@link #on(Connection)} runs them on one JDBC connection. */
    public interface Queries {
        /** SHOW MASTER STATUS; empty when binary logging is off. */
        Optional<StatusRow> masterStatus() throws SQLException;

        /** MariaDB BINLOG_GTID_POS(file, pos); empty when the server returns NULL. */
        Optional<String> gtidAt(BinlogPosition position) throws SQLException;

        /** MariaDB @@GLOBAL.gtid_binlog_pos. */
        String gtidBinlogPos() throws SQLException;
    }

    private BinlogStatusReader() {
    }

    /**
     * The current position with its GTID set; empty when binary logging is off.
     *
     * @throws SQLException when a query fails, or when MariaDB cannot give the GTID set of any stable position
     */
    public static Optional<PositionAndGtid> read(Flavor flavor, Queries q) throws SQLException {
        Optional<StatusRow> row = q.masterStatus();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (flavor != Flavor.MARIADB) {
            return Optional.of(new PositionAndGtid(row.get().position(), nonNull(row.get().executedGtidSet())));
        }
        Optional<String> at = q.gtidAt(row.get().position());
        if (at.isPresent()) {
            return Optional.of(new PositionAndGtid(row.get().position(), at.get()));
        }
        return stableRead(q, row.get().position());
    }

    /** MariaDB fallback: @@gtid_binlog_pos, accepted only when the position did not move while it was read. */
    private static Optional<PositionAndGtid> stableRead(Queries q, BinlogPosition first) throws SQLException {
        BinlogPosition before = first;
        for (int attempt = 1; attempt <= STABLE_ATTEMPTS; attempt++) {
            String gtid = q.gtidBinlogPos();
            Optional<StatusRow> after = q.masterStatus();
            if (after.isEmpty()) {
                return Optional.empty();
            }
            if (after.get().position().equals(before)) {
                return Optional.of(new PositionAndGtid(before, nonNull(gtid)));
            }
            LOG.debug("binlog moved from {} to {} while @@gtid_binlog_pos was read (attempt {})", before,
                    after.get().position(), attempt);
            before = after.get().position();
        }
        throw new SQLException("BINLOG_GTID_POS(" + first.file() + ", " + first.pos() + ") is NULL and the binlog kept"
                + " moving while @@gtid_binlog_pos was read " + STABLE_ATTEMPTS + " times; no position and GTID set"
                + " of the same moment could be read");
    }

    /** The queries on one connection. */
    public static Queries on(Connection c) {
        return new Queries() {
            @Override
            public Optional<StatusRow> masterStatus() throws SQLException {
                try (Statement st = c.createStatement(); ResultSet rs = showStatus(st)) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String gtid = null;
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        if ("Executed_Gtid_Set".equalsIgnoreCase(md.getColumnLabel(i))) {
                            gtid = nonNull(rs.getString(i)).replace("\n", "");
                        }
                    }
                    return Optional.of(new StatusRow(new BinlogPosition(rs.getString(1), rs.getLong(2)), gtid));
                }
            }

            @Override
            public Optional<String> gtidAt(BinlogPosition position) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
                    ps.setString(1, position.file());
                    ps.setLong(2, position.pos());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                    }
                }
            }

            @Override
            public String gtidBinlogPos() throws SQLException {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                    return rs.next() ? nonNull(rs.getString(1)) : "";
                }
            }
        };
    }

    private static ResultSet showStatus(Statement st) throws SQLException {
        try {
            return st.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            return st.executeQuery("SHOW BINARY LOG STATUS"); // MySQL 8.4 removed SHOW MASTER STATUS
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
