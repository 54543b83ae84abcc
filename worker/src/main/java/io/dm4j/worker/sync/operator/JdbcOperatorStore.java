package io.dm4j.worker.sync.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.proto.ProtoJson;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pending operators of one subtask in {@code `meta-schema`.`{task}_binlog_operator`} on the downstream, next to
 * the checkpoint: they survive a worker restart and follow the source to another worker. The connection pool is
 * opened on first use and closed with the subtask.
 */
public final class JdbcOperatorStore implements OperatorStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Supplier<Downstream> opener;
    private final String metaSchema;
    private final String table;
    private final String taskName;
    private final String sourceId;
    private Downstream downstream;
    private boolean prepared;

    public JdbcOperatorStore(Supplier<Downstream> opener, String metaSchema, String taskName, String sourceId) {
        this.opener = opener;
        this.metaSchema = metaSchema;
        this.table = tableOf(metaSchema, taskName);
        this.taskName = taskName;
        this.sourceId = sourceId;
    }

    /** The quoted table name of a task's operators. */
    public static String tableOf(String metaSchema, String taskName) {
        return new TableId(metaSchema, taskName + "_binlog_operator").quoted();
    }

    @Override
    public synchronized List<BinlogOperator> load() {
        List<BinlogOperator> out = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT binlog_name, binlog_pos, op, statements FROM " + table
                     + " WHERE source_id = ? ORDER BY binlog_name, binlog_pos")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BinlogOp op = BinlogOp.of(rs.getString(3)).orElseThrow(() -> new SQLException("unknown op"));
                    out.add(new BinlogOperator(op, new BinlogPosition(rs.getString(1), rs.getLong(2)),
                            ProtoJson.mapper().readValue(rs.getString(4), STRINGS)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw failed(e, "read");
        }
    }

    @Override
    public synchronized void put(BinlogOperator op) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("REPLACE INTO " + table
                     + " (source_id, binlog_name, binlog_pos, op, statements) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, sourceId);
            ps.setString(2, op.position().file());
            ps.setLong(3, op.position().pos());
            ps.setString(4, op.op().label());
            ps.setString(5, ProtoJson.mapper().writeValueAsString(op.sqls()));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw failed(e, "write");
        }
    }

    @Override
    public synchronized void remove(BinlogPosition position) {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                     + " WHERE source_id = ? AND binlog_name = ? AND binlog_pos = ?")) {
            ps.setString(1, sourceId);
            ps.setString(2, position.file());
            ps.setLong(3, position.pos());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e, "delete from");
        }
    }

    private DmException failed(Exception e, String what) {
        return BinlogOpErrors.STORE_FAILED.wrap(e instanceof SQLException s ? SqlFailures.rawCause(s) : e, what, taskName, table);
    }

    @Override
    public String describe() {
        return table;
    }

    private Connection connection() throws SQLException {
        if (downstream == null) {
            downstream = opener.get();
        }
        Connection c = downstream.connection();
        if (!prepared) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema));
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "source_id VARCHAR(32) NOT NULL,"
                        + " binlog_name VARCHAR(128) NOT NULL,"
                        + " binlog_pos INT UNSIGNED NOT NULL,"
                        + " op VARCHAR(16) NOT NULL,"
                        + " statements LONGTEXT NOT NULL,"
                        + " create_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                        + " PRIMARY KEY (source_id, binlog_name, binlog_pos))");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            prepared = true;
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (downstream != null) {
            downstream.close();
            downstream = null;
        }
    }
}
