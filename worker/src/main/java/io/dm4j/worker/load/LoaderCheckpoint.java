package io.dm4j.worker.load;

import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.InlineSql;
import io.dm4j.worker.db.SqlFailures;
import io.dm4j.worker.db.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The load checkpoint {@code `meta-schema`.`{task}_loader_checkpoint`} with the columns of DM's loader:
 * one row per (source id, data file) saying how many bytes of the file are loaded ({@code offset}) out of its size
 * ({@code end_pos}). The offset is always the end of a committed statement (or of a whole CSV file), and it is
 * updated in the same downstream transaction as the rows it covers: after a crash the file continues exactly
 * after the last committed statement, never applying one twice or losing one.
 * <p>Beyond DM's columns every row has {@code dump_id}: the dump ({@link io.dm4j.worker.dump.DumpIndex#dumpId()})
 * whose file it describes. Progress of another dump is never continued (see {@link StaleLoad}).
 */
public final class LoaderCheckpoint {
    /** The error of the check in {@link #commitSql} (ER_SUBQUERY_NO_1_ROW; also raised by other subqueries). */
    static final int CHECK_FAILED = 1242;
    private static final String UPDATE_SQL = "UPDATE %s SET `offset` = ? WHERE id = ? AND filename = ?";

    private final DataSource dataSource;
    private final String metaSchema;
    private final String table;
    private final String sourceId;

    /** One file's progress. */
    public record FilePoint(String filename, String schema, String table, long offset, long endPos, String dumpId) {
        public FilePoint {
            dumpId = dumpId == null ? "" : dumpId;
        }

        public boolean done() {
            return offset >= endPos;
        }
    }

    public LoaderCheckpoint(DataSource dataSource, String metaSchema, String taskName, String sourceId) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.metaSchema = metaSchema;
        this.table = tableName(metaSchema, taskName);
        this.sourceId = sourceId;
    }

    /** {@code `meta`.`{task}_loader_checkpoint`}. */
    public static String tableName(String metaSchema, String taskName) {
        return new TableId(metaSchema, taskName + "_loader_checkpoint").quoted();
    }

    public String tableName() {
        return table;
    }

    /** Creates the meta schema and the table when missing. */
    public void prepare() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema));
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id CHAR(32) NOT NULL,"
                    + " filename VARCHAR(255) NOT NULL,"
                    + " cp_schema VARCHAR(128) NOT NULL,"
                    + " cp_table VARCHAR(128) NOT NULL,"
                    + " `offset` BIGINT NOT NULL,"
                    + " end_pos BIGINT NOT NULL,"
                    + " create_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " update_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                    + " dump_id VARCHAR(255) NOT NULL DEFAULT '',"
                    + " UNIQUE KEY uk_id_f (id, filename))");
            addDumpIdColumn(c);
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_PREPARE.wrap(SqlFailures.rawCause(e), table);
        }
    }

    /** A table created before dump ids existed gets the column; its rows keep '' (dump unknown). */
    private void addDumpIdColumn(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT dump_id FROM " + table + " LIMIT 0")) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != 1054) { // unknown column
                throw e;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN dump_id VARCHAR(255) NOT NULL DEFAULT ''");
        }
    }

    /** The rows of this source, by file name; empty when the table does not exist. */
    public Map<String, FilePoint> load() {
        Map<String, FilePoint> out = new HashMap<>();
        String sql = "SELECT filename, cp_schema, cp_table, `offset`, end_pos, dump_id FROM " + table + " WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new FilePoint(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // no such table: nothing loaded yet
                return out;
            }
            if (e.getErrorCode() == 1054) { // a table of an older version, before prepare() added dump_id
                prepare();
                return load();
            }
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "read", table);
        }
        return out;
    }

    /** Adds rows (offset 0) for files that have none; existing rows keep their offset. */
    public void register(List<FilePoint> files) {
        String sql = "INSERT IGNORE INTO " + table + " (id, filename, cp_schema, cp_table, `offset`, end_pos, dump_id)"
                + " VALUES (?, ?, ?, ?, 0, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (FilePoint f : files) {
                ps.setString(1, sourceId);
                ps.setString(2, f.filename());
                ps.setString(3, f.schema());
                ps.setString(4, f.table());
                ps.setLong(5, f.endPos());
                ps.setString(6, f.dumpId());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "write", table);
        }
    }

    /** The stored offset of one file (0 when it has no row), read afresh. */
    long offset(String filename) {
        String sql = "SELECT `offset` FROM " + table + " WHERE id = ? AND filename = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceId);
            ps.setString(2, filename);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "read", table);
        }
    }

    /** Moves a file's offset, on the caller's connection inside the caller's transaction. */
    void update(Connection c, String filename, long offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_SQL.formatted(table))) {
            ps.setLong(1, offset);
            ps.setString(2, sourceId);
            ps.setString(3, filename);
            if (ps.executeUpdate() != 1) {
                throw missingRow(filename);
            }
        }
    }

    /**
     * The end of a load transaction as statements to send after its data in one multi-statement text: move the
     * file's offset, check that it moved, COMMIT. When the file's row is missing the check fails
     * ({@link #CHECK_FAILED}, a subquery with two rows), which stops the text before its COMMIT, so data is never
     * committed without the checkpoint that counts it.
     */
    String commitSql(String filename, long offset) {
        List<Object> where = List.of(sourceId, filename, offset);
        // a SELECT, not a DO: DO turns every error into success
        return InlineSql.text(new SqlStatement(UPDATE_SQL.formatted(table), List.of(offset, sourceId, filename)))
                + ";" + InlineSql.text(new SqlStatement("SELECT (SELECT 1 FROM (SELECT 1 UNION ALL SELECT 2) AS two"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE id = ? AND filename = ? AND `offset` = ?))", where))
                + ";COMMIT";
    }

    /** Whether the file's row exists, read on the caller's connection. */
    boolean hasRow(Connection c, String filename) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? AND filename = ?")) {
            ps.setString(1, sourceId);
            ps.setString(2, filename);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The failure of a checkpoint update whose row is not there (removed while the load ran). */
    SQLException missingRow(String filename) {
        return new SQLException("load checkpoint row of " + filename + " is missing in " + table);
    }

    /** Deletes this source's rows, e.g. the progress of a replaced dump once its rows are cleared downstream. */
    public void reset() {
        try (Connection c = dataSource.getConnection()) {
            deleteRows(c);
        } catch (SQLException e) {
            throw LoadErrors.CHECKPOINT_ACCESS.wrap(SqlFailures.rawCause(e), "write", table);
        }
    }

    /** Whether the table existed. */
    private boolean deleteRows(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, sourceId);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether this source's rows say that every file of dump {@code dumpId} is loaded: {@code files} rows (the dump's
     * data files), all of that dump, all at their end. Read on the caller's connection; false when the table is
     * missing.
     */
    public static boolean finished(Connection c, String metaSchema, String taskName, String sourceId, String dumpId,
                                   long files) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(dump_id = ? AND `offset` >= end_pos), 0) FROM "
                + tableName(metaSchema, taskName) + " WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, dumpId);
            ps.setString(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == files && rs.getLong(2) == files;
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146 || e.getErrorCode() == 1049 || e.getErrorCode() == 1054) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes this source's rows; drops the table once no source has rows left. */
    public void remove() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!deleteRows(c)) {
                return;
            }
            boolean empty;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
                empty = !rs.next();
            }
            if (empty) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
    }
}
