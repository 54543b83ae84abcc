package io.dm4j.worker.sync.checkpoint;

import io.dm4j.common.errors.CheckpointErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.worker.db.MetaTables;
import io.dm4j.worker.db.SqlFailures;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.sync.apply.KeylessLane;
import io.dm4j.worker.sync.model.RowPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@code `meta-schema`.`{task}_syncer_keyless`}: one row per source holding the newest change of a table without a
 * usable key that is committed downstream ({@link KeylessLane}): file, position and row index, and with GTIDs the set
 * executed before its transaction and its index there, which stay valid after a switch to another upstream server.
 * DM has no such table; it only adds to the meta schema and DM ignores it.
 */
public final class KeylessLaneStore implements KeylessLane {
    private final DataSource dataSource;
    private final String metaSchema;
    private final String table;
    private final String bareName;
    private final String sourceId;
    private final Flavor flavor;

    public KeylessLaneStore(DataSource dataSource, String metaSchema, String taskName, String sourceId, Flavor flavor) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.metaSchema = Objects.requireNonNull(metaSchema, "metaSchema");
        this.bareName = taskName + "_syncer_keyless";
        this.table = new TableId(metaSchema, bareName).quoted();
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    }

    public String tableName() {
        return table;
    }

    /** Creates the table when missing. */
    public void prepare() {
        try {
            MetaTables.create(dataSource, metaSchema, "CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " binlog_name VARCHAR(128) NOT NULL,"
                    + " binlog_pos BIGINT UNSIGNED NOT NULL,"
                    + " row_index INT UNSIGNED NOT NULL,"
                    + " binlog_gtid TEXT,"
                    + " txn_row INT UNSIGNED NOT NULL DEFAULT 0,"
                    + " update_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)");
            addGtidColumns();
        } catch (SQLException e) {
            throw CheckpointErrors.PREPARE_FAILED.wrap(SqlFailures.rawCause(e), table);
        }
    }

    /** A table made before the point carried GTIDs gets their columns (NULL: a point without GTID). */
    private void addGtidColumns() throws SQLException {
        String probe = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND column_name = 'binlog_gtid'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(probe)) {
            ps.setString(1, metaSchema);
            ps.setString(2, bareName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            }
            try (var st = c.createStatement()) {
                st.execute("ALTER TABLE " + table + " ADD COLUMN binlog_gtid TEXT,"
                        + " ADD COLUMN txn_row INT UNSIGNED NOT NULL DEFAULT 0");
            }
        }
    }

    /** The stored point of the source, or empty. */
    public Optional<RowPoint> load() {
        try {
            return applied();
        } catch (SQLException e) {
            throw CheckpointErrors.LOAD_FAILED.wrap(SqlFailures.rawCause(e), sourceId, table);
        }
    }

    @Override
    public Optional<RowPoint> applied() throws SQLException {
        String sql = "SELECT binlog_name, binlog_pos, row_index, binlog_gtid, txn_row FROM " + table + " WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String gtid = rs.getString(4);
                return Optional.of(new RowPoint(new BinlogPosition(rs.getString(1), rs.getLong(2)), rs.getInt(3),
                        gtid == null || gtid.isBlank() ? null : GtidSet.parse(flavor, gtid), rs.getInt(5)));
            }
        }
    }

    /** Forgets the point: the task has no checkpoint, so it starts afresh and nothing of it is applied yet. */
    public void reset() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, sourceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw CheckpointErrors.FLUSH_FAILED.wrap(SqlFailures.rawCause(e), sourceId, table);
        }
    }

    @Override
    public SqlStatement markApplied(RowPoint last) {
        return new SqlStatement("INSERT INTO " + table + " (id, binlog_name, binlog_pos, row_index, binlog_gtid, txn_row)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE binlog_name = VALUES(binlog_name),"
                + " binlog_pos = VALUES(binlog_pos), row_index = VALUES(row_index), binlog_gtid = VALUES(binlog_gtid),"
                + " txn_row = VALUES(txn_row)",
                java.util.Arrays.asList(sourceId, last.event().file(), last.event().pos(), last.row(),
                        last.transaction() == null ? null : last.transaction().toString(), last.inTransaction()));
    }
}
