package io.dm4j.worker.load;

import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code `meta-schema`.`{task}_deferred_index`}: the secondary indexes the load left out of the tables it created
 * ({@link DeferredIndexes}), one row per index, written before the table is created and deleted once the index is
 * built. A load that crashes in between finds the rows on its next run and builds what is missing, so no table is
 * left without an index the upstream has. {@code start-task --remove-meta} keeps the rows for the same reason.
 */
final class DeferredIndexStore {
    private final DataSource dataSource;
    private final String metaSchema;
    private final String table;
    private final String sourceId;
    private volatile boolean prepared;

    DeferredIndexStore(DataSource dataSource, String metaSchema, String taskName, String sourceId) {
        this.dataSource = dataSource;
        this.metaSchema = metaSchema;
        this.table = tableName(metaSchema, taskName);
        this.sourceId = sourceId;
    }

    static String tableName(String metaSchema, String taskName) {
        return new TableId(metaSchema, taskName + "_deferred_index").quoted();
    }

    private synchronized void prepare() { // the load creates its tables on several threads
        if (prepared) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema));
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id CHAR(32) NOT NULL,"
                    + " cp_schema VARCHAR(128) NOT NULL,"
                    + " cp_table VARCHAR(128) NOT NULL,"
                    + " index_name VARCHAR(128) NOT NULL,"
                    + " position INT NOT NULL,"
                    + " definition TEXT NOT NULL,"
                    + " create_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " UNIQUE KEY uk_id_index (id, cp_schema, cp_table, index_name))");
            prepared = true;
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_PREPARE.wrap(SqlFailures.rawCause(e), table);
        }
    }

    /** Records that {@code indexes} of {@code target} are to be built after the load (committed on return). */
    void record(TableId target, List<DeferredIndexes.Index> indexes) {
        prepare(); // the table exists only where something was deferred
        String sql = "REPLACE INTO " + table + " (id, cp_schema, cp_table, index_name, position, definition)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 0; p < indexes.size(); p++) {
                ps.setString(1, sourceId);
                ps.setString(2, target.schema());
                ps.setString(3, target.table());
                ps.setString(4, indexes.get(p).name());
                ps.setInt(5, p); // SHOW CREATE TABLE lists indexes in the order they are added
                ps.setString(6, indexes.get(p).definition());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "write", table);
        }
    }

    /** The indexes still to build, by table, in the order recorded; empty when the table does not exist. */
    Map<TableId, List<DeferredIndexes.Index>> pending() {
        Map<TableId, List<DeferredIndexes.Index>> out = new LinkedHashMap<>();
        String sql = "SELECT cp_schema, cp_table, index_name, definition FROM " + table + " WHERE id = ?"
                + " ORDER BY cp_schema, cp_table, position";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), t -> new ArrayList<>())
                            .add(new DeferredIndexes.Index(rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // no such table: nothing deferred
                return out;
            }
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "read", table);
        }
        return out;
    }

    /** The indexes of {@code target} are built. */
    void done(TableId target) {
        String sql = "DELETE FROM " + table + " WHERE id = ? AND cp_schema = ? AND cp_table = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            ps.setString(2, target.schema());
            ps.setString(3, target.table());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "write", table);
        }
    }
}
