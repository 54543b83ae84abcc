package io.dm4j.master.check;

import io.dm4j.common.config.DbConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One database under check (a source's upstream or the task's downstream): one connection for all checks, and the
 * global variables and grants read once.
 */
final class CheckedDb implements AutoCloseable {
    private final String label;
    private final DbConfig config;
    private final String section;
    private final DbConnector connector;
    private Connection connection;
    private Map<String, String> variables;
    private List<String> grants;

    CheckedDb(String label, DbConfig config, String section, DbConnector connector) {
        this.label = label;
        this.config = config;
        this.section = section;
        this.connector = connector;
    }

    /** How findings name this database, e.g. {@code source mysql-01 (127.0.0.1:3306)}. */
    String label() {
        return label;
    }

    String user() {
        return config.user();
    }

    List<List<String>> query(String sql, Object... params) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int c = 1; c <= n; c++) {
                        row.add(rs.getString(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** A global variable by its lower-case name; empty when the server has no such variable. */
    Optional<String> variable(String name) throws SQLException {
        if (variables == null) {
            Map<String, String> v = new HashMap<>();
            for (List<String> row : query("SHOW GLOBAL VARIABLES")) {
                v.put(row.get(0).toLowerCase(Locale.ROOT), row.get(1) == null ? "" : row.get(1));
            }
            variables = v;
        }
        return Optional.ofNullable(variables.get(name.toLowerCase(Locale.ROOT)));
    }

    String version() throws SQLException {
        return variable("version").orElse("");
    }

    boolean isMariaDb() throws SQLException {
        return version().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** The grants of the connected user, those of its active roles included ({@link #grantsStatement}). */
    Grants grants() throws SQLException {
        if (grants == null) {
            String roles = isMariaDb() || version().startsWith("5.") ? "" : activeRoles();
            grants = query(grantsStatement(roles)).stream().map(r -> r.get(0)).toList();
        }
        return Grants.parse(grants);
    }

    /**
     * MariaDB's {@code SHOW GRANTS} lists what the session's role grants; MySQL 8 lists only the role names unless
     * asked {@code USING} the active roles ({@code CURRENT_ROLE()}: back-quoted {@code `r`@`h`} names separated by
     * commas, or {@code NONE}).
     */
    static String grantsStatement(String activeRoles) {
        String roles = activeRoles == null ? "" : activeRoles.trim();
        if (roles.isEmpty() || roles.equalsIgnoreCase("NONE")) {
            return "SHOW GRANTS";
        }
        return "SHOW GRANTS FOR CURRENT_USER() USING " + roles;
    }

    private String activeRoles() throws SQLException {
        try {
            List<List<String>> rows = query("SELECT CURRENT_ROLE()");
            return rows.isEmpty() || rows.get(0).get(0) == null ? "" : rows.get(0).get(0);
        } catch (SQLException e) {
            return ""; // a server without roles (MySQL 5.7-compatible): plain SHOW GRANTS
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.connect(config, section);
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a check connection; nothing to keep
            }
            connection = null;
        }
    }
}
