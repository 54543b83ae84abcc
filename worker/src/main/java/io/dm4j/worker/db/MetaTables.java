package io.dm4j.worker.db;

import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Tables dm4j keeps in the task's {@code meta-schema} on the downstream. */
public final class MetaTables {
    private MetaTables() {
    }

    /** Creates the meta schema when missing, then runs {@code createTableIfNotExists}. */
    public static void create(DataSource dataSource, String metaSchema, String createTableIfNotExists)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(metaSchema));
            st.execute(createTableIfNotExists);
        }
    }
}
