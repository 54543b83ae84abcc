package io.dm4j.master.server;

import io.dm4j.common.config.DbConfig;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Lists the databases and tables of an upstream over a short connection (OpenAPI schema and table lists). */
final class UpstreamCatalog {
    private final DbProbe probe;

    UpstreamCatalog(DbProbe probe) {
        this.probe = probe;
    }

    List<String> schemas(DbConfig from) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = probe.connect(from, "from");
             PreparedStatement st = c.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (!BlockAllowList.isSystemSchema(rs.getString(1))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    List<String> tables(DbConfig from, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = probe.connect(from, "from");
             PreparedStatement st = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every base table outside the system schemas, sorted by schema and name. */
    List<TableId> allTables(DbConfig from) throws SQLException {
        List<TableId> out = new ArrayList<>();
        try (Connection c = probe.connect(from, "from");
             PreparedStatement st = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (!BlockAllowList.isSystemSchema(rs.getString(1))) {
                    out.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }
}
