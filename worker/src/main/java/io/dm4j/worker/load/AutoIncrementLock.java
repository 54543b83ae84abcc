package io.dm4j.worker.load;

import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@code LOAD DATA} targets the downstream makes wait for each other. InnoDB holds a table-level AUTO-INC lock
 * for the whole of a statement of unknown row count, such as {@code LOAD DATA}, into a table with an AUTO_INCREMENT
 * column, even when every row brings its own value, unless {@code innodb_autoinc_lock_mode=2} (MySQL 8's default;
 * MariaDB's is 1). Two connections loading such a table then take turns, so the load gives them different tables
 * instead. (A multi-row INSERT or REPLACE has a known row count and takes no such lock.)
 */
final class AutoIncrementLock {
    private AutoIncrementLock() {
    }

    /**
     * The tables of {@code targets} whose loads wait for each other: those with an AUTO_INCREMENT column, or none when
     * the server interleaves auto-increment values or has no such setting (TiDB).
     */
    static Set<TableId> serialTargets(Connection c, Set<TableId> targets) throws SQLException {
        if (targets.isEmpty() || !tableLevelLock(c)) {
            return Set.of();
        }
        Set<String> schemas = new TreeSet<>();
        targets.forEach(t -> schemas.add(t.schema()));
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.COLUMNS WHERE EXTRA LIKE '%auto_increment%'"
                + " AND TABLE_SCHEMA IN (" + String.join(",", Collections.nCopies(schemas.size(), "?")) + ")";
        Set<TableId> serial = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String schema : schemas) {
                ps.setString(i++, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId t = new TableId(rs.getString(1), rs.getString(2));
                    if (targets.contains(t)) {
                        serial.add(t);
                    }
                }
            }
        }
        return serial;
    }

    private static boolean tableLevelLock(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.innodb_autoinc_lock_mode")) {
            return rs.next() && rs.getInt(1) != 2;
        } catch (SQLException e) {
            return false; // no such variable: no such lock
        }
    }
}
