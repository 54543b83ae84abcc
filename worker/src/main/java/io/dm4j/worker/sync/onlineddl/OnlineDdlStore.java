package io.dm4j.worker.sync.onlineddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.errors.OnlineDdlErrors;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code `meta-schema`.`{task}_onlineddl`} on the downstream, in DM's layout: per source and ghost table, the
 * DDLs run on the ghost table so far (a JSON array of statements), so that a restart in the middle of an online
 * schema change still applies them at the final rename.
 */
public final class OnlineDdlStore implements GhostDdlRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final String metaSchema;
    private final String table;
    private final String sourceId;

    public OnlineDdlStore(DataSource dataSource, String metaSchema, String taskName, String sourceId) {
        this.dataSource = dataSource;
        this.metaSchema = metaSchema;
        this.table = new TableId(metaSchema, taskName + "_onlineddl").quoted();
        this.sourceId = sourceId;
    }

    @Override
    public Map<TableId, List<String>> open() {
        prepare();
        return load();
    }

    private void prepare() {
        run("create", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema));
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(200) NOT NULL, ghost_schema VARCHAR(128) NOT NULL,"
                        + " ghost_table VARCHAR(128) NOT NULL, ddls TEXT,"
                        + " update_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                        + " UNIQUE KEY uk_id_schema_table (id, ghost_schema, ghost_table))");
            }
            return null;
        });
    }

    /** Ghost table → DDLs recorded for it, for this source. */
    private Map<TableId, List<String>> load() {
        return run("read", c -> {
            Map<TableId, List<String>> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT ghost_schema, ghost_table, ddls FROM " + table + " WHERE id = ?")) {
                st.setString(1, sourceId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(new TableId(rs.getString(1), rs.getString(2)), decode(rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void save(TableId ghost, List<String> ddls) {
        run("write", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (id, ghost_schema, ghost_table, ddls)"
                    + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ddls = VALUES(ddls)")) {
                st.setString(1, sourceId);
                st.setString(2, ghost.schema());
                st.setString(3, ghost.table());
                st.setString(4, JSON.writeValueAsString(ddls));
                st.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    @Override
    public void delete(TableId ghost) {
        run("delete", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE id = ? AND ghost_schema = ? AND ghost_table = ?")) {
                st.setString(1, sourceId);
                st.setString(2, ghost.schema());
                st.setString(3, ghost.table());
                st.executeUpdate();
            }
            return null;
        });
    }

    private static List<String> decode(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw OnlineDdlErrors.STORE_CORRUPT.wrap(e, json);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw OnlineDdlErrors.STORE_FAILED.wrap(e, what, table);
        }
    }
}
