package io.dm4j.worker.sync.checkpoint;

import io.dm4j.common.errors.CheckpointErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.MetaTables;
import io.dm4j.worker.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync unit's checkpoint table {@code `meta-schema`.`{task}_syncer_checkpoint`} on the downstream, with DM's
 * exact columns, so a task can move between DM and dm4j. One global row per source ({@code cp_schema = ''},
 * {@code cp_table = ''}, {@code is_global = 1}, {@code table_info = 'null'}) and one row per upstream table.
 * Rows are written with {@code INSERT ... ON DUPLICATE KEY UPDATE}, which keeps {@code create_time}.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private static final String COLUMNS = "id, cp_schema, cp_table, binlog_name, binlog_pos, binlog_gtid,"
            + " exit_safe_binlog_name, exit_safe_binlog_pos, exit_safe_binlog_gtid, table_info, is_global";

    private final DataSource dataSource;
    private final String metaSchema;
    private final String table;
    private final Flavor flavor;

    /**
     * @param metaSchema the task's {@code meta-schema} ({@code dm_meta} by default)
     * @param taskName   the task name; the table is {@code {task}_syncer_checkpoint}
     * @param flavor     how to parse stored GTID sets
     */
    public CheckpointStore(DataSource dataSource, String metaSchema, String taskName, Flavor flavor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.metaSchema = Objects.requireNonNull(metaSchema, "metaSchema");
        this.table = new TableId(metaSchema, taskName + "_syncer_checkpoint").quoted();
        this.flavor = Objects.requireNonNull(flavor, "flavor");
    }

    /** The quoted table name, e.g. {@code `dm_meta`.`task_syncer_checkpoint`}. */
    public String tableName() {
        return table;
    }

    /** Creates the meta schema and the table when missing. */
    public void prepare() {
        String createTable = "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "id VARCHAR(32) NOT NULL,"
                + " cp_schema VARCHAR(128) NOT NULL,"
                + " cp_table VARCHAR(128) NOT NULL,"
                + " binlog_name VARCHAR(128),"
                + " binlog_pos INT UNSIGNED,"
                + " binlog_gtid TEXT,"
                + " exit_safe_binlog_name VARCHAR(128) DEFAULT '',"
                + " exit_safe_binlog_pos INT UNSIGNED DEFAULT 0,"
                + " exit_safe_binlog_gtid TEXT,"
                + " table_info JSON NOT NULL,"
                + " is_global BOOLEAN,"
                + " create_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                + " update_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                + " UNIQUE KEY uk_id_schema_table (id, cp_schema, cp_table))";
        try {
            MetaTables.create(dataSource, metaSchema, createTable);
        } catch (SQLException e) {
            throw CheckpointErrors.PREPARE_FAILED.wrap(SqlFailures.rawCause(e), table);
        }
    }

    /** The stored checkpoint of a source, or empty when it has no rows. */
    public Optional<SyncCheckpoint> load(String sourceId) {
        String sql = "SELECT cp_schema, cp_table, binlog_name, binlog_pos, binlog_gtid, exit_safe_binlog_name,"
                + " exit_safe_binlog_pos, exit_safe_binlog_gtid, table_info, is_global FROM " + table + " WHERE id = ?";
        Location global = null;
        Location exitSafe = null;
        Map<TableId, TablePoint> tables = new HashMap<>();
        boolean any = false;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    String schema = rs.getString(1);
                    String tbl = rs.getString(2);
                    Location loc = location(sourceId, schema, tbl, rs.getString(3), rs.getLong(4), rs.getString(5));
                    if (rs.getBoolean(10)) {
                        global = loc;
                        String exitName = rs.getString(6);
                        if (exitName != null && !exitName.isEmpty()) {
                            exitSafe = location(sourceId, schema, tbl, exitName, rs.getLong(7), rs.getString(8));
                        }
                    } else {
                        tables.put(new TableId(schema, tbl), new TablePoint(loc, rs.getString(9)));
                    }
                }
            }
        } catch (SQLException e) {
            throw CheckpointErrors.LOAD_FAILED.wrap(SqlFailures.rawCause(e), sourceId, table);
        }
        if (!any) {
            return Optional.empty();
        }
        LOG.info("loaded checkpoint of source {} from {}: global {}, exit-safe {}, {} table points", sourceId, table,
                global, exitSafe, tables.size());
        return Optional.of(new SyncCheckpoint(global, exitSafe, tables));
    }

    private Location location(String sourceId, String schema, String tbl, String name, long pos, String gtid) {
        try {
            Location loc = new Location(new BinlogPosition(name == null ? "" : name, pos), null);
            return gtid == null || gtid.isBlank() ? loc : loc.withGtid(GtidSet.parse(flavor, gtid));
        } catch (RuntimeException e) {
            throw CheckpointErrors.INVALID_ROW.wrap(e, sourceId, schema, tbl, table, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Writes the global point, the exit-safe point (null clears it) and the given table points in one transaction.
     * Tables not in {@code tables} keep their rows.
     */
    public void flush(String sourceId, Location global, Location exitSafe, Map<TableId, TablePoint> tables) {
        flush(sourceId, global, exitSafe, tables, Set.of());
    }

    /**
     * As {@link #flush(String, Location, Location, Map)}, and deletes the rows of {@code removed} tables in the same
     * transaction: a dropped table's structure stays stored until the global point has passed its DROP, so a
     * replay from an older point still finds it.
     */
    public void flush(String sourceId, Location global, Location exitSafe, Map<TableId, TablePoint> tables,
                      Set<TableId> removed) {
        Objects.requireNonNull(global, "global");
        inTransaction(sourceId, c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertSql())) {
                bindRow(ps, sourceId, "", "", global, exitSafe, "null", true);
                ps.addBatch();
                for (Map.Entry<TableId, TablePoint> e : tables.entrySet()) {
                    bindRow(ps, sourceId, e.getKey().schema(), e.getKey().table(), e.getValue().location(), null,
                            e.getValue().tableInfoJson(), false);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!removed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(deleteTableSql())) {
                    for (TableId t : removed) {
                        ps.setString(1, sourceId);
                        ps.setString(2, t.schema());
                        ps.setString(3, t.table());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        });
        LOG.debug("flushed checkpoint of source {}: global {}, exit-safe {}, {} table points", sourceId, global,
                exitSafe, tables.size());
    }

    /** Records the safe-mode exit point on the global row (which must exist). */
    public void saveExitSafe(String sourceId, Location exitSafe) {
        Objects.requireNonNull(exitSafe, "exitSafe");
        updateExitSafe(sourceId, exitSafe.position().file(), exitSafe.position().pos(), exitSafe.gtidText());
    }

    /** Clears the safe-mode exit point once the stream has passed it. */
    public void clearExitSafe(String sourceId) {
        updateExitSafe(sourceId, "", 0, "");
    }

    private void updateExitSafe(String sourceId, String name, long pos, String gtid) {
        String sql = "UPDATE " + table + " SET exit_safe_binlog_name = ?, exit_safe_binlog_pos = ?,"
                + " exit_safe_binlog_gtid = ? WHERE id = ? AND is_global = 1";
        inTransaction(sourceId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, name);
                ps.setLong(2, pos);
                ps.setString(3, gtid);
                ps.setString(4, sourceId);
                ps.executeUpdate();
            }
        });
    }

    /** Deletes the point of one table (after DROP TABLE upstream). */
    public void removeTable(String sourceId, TableId tableId) {
        inTransaction(sourceId, c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteTableSql())) {
                ps.setString(1, sourceId);
                ps.setString(2, tableId.schema());
                ps.setString(3, tableId.table());
                ps.executeUpdate();
            }
        });
    }

    /** Deletes every row of a source (the task restarts from its configured start point). */
    private String deleteTableSql() {
        return "DELETE FROM " + table + " WHERE id = ? AND cp_schema = ? AND cp_table = ?";
    }

    public void removeAll(String sourceId) {
        inTransaction(sourceId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                ps.setString(1, sourceId);
                ps.executeUpdate();
            }
        });
    }

    /** Drops the whole table ({@code start-task --remove-meta}). */
    public void drop() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw CheckpointErrors.FLUSH_FAILED.wrap(SqlFailures.rawCause(e), "*", table);
        }
    }

    private String upsertSql() {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE binlog_name = VALUES(binlog_name), binlog_pos = VALUES(binlog_pos),"
                + " binlog_gtid = VALUES(binlog_gtid), exit_safe_binlog_name = VALUES(exit_safe_binlog_name),"
                + " exit_safe_binlog_pos = VALUES(exit_safe_binlog_pos),"
                + " exit_safe_binlog_gtid = VALUES(exit_safe_binlog_gtid), table_info = VALUES(table_info),"
                + " is_global = VALUES(is_global)";
    }

    private void bindRow(PreparedStatement ps, String sourceId, String schema, String tbl, Location loc,
                         Location exitSafe, String tableInfo, boolean global) throws SQLException {
        ps.setString(1, sourceId);
        ps.setString(2, schema);
        ps.setString(3, tbl);
        ps.setString(4, loc.position().file());
        ps.setLong(5, loc.position().pos());
        ps.setString(6, loc.gtidText());
        ps.setString(7, exitSafe == null ? "" : exitSafe.position().file());
        ps.setLong(8, exitSafe == null ? 0 : exitSafe.position().pos());
        ps.setString(9, exitSafe == null ? "" : exitSafe.gtidText());
        ps.setString(10, tableInfo);
        ps.setBoolean(11, global);
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String sourceId, Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // connection lost; nothing was committed
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw CheckpointErrors.FLUSH_FAILED.wrap(SqlFailures.rawCause(e), sourceId, table);
        }
    }
}
