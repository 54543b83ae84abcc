package io.dm4j.worker.subtask;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.DownstreamConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What a subtask has already done, read from its checkpoints downstream: once the sync unit has stored a checkpoint,
 * the full copy is over and a restart (or a rebinding to another worker) goes straight to sync, as in DM.
 */
final class SubtaskProgress {
    private static final int ER_NO_SUCH_TABLE = 1146;
    private static final int ER_BAD_DB = 1049;

    private SubtaskProgress() {
    }

    static boolean syncStarted(SubTaskConfig cfg) {
        DownstreamConfig to = DownstreamConfig.forTask(cfg, null, 1);
        Properties p = new Properties();
        p.setProperty("user", to.user());
        p.setProperty("password", to.password());
        to.tls().applyTo(p);
        p.setProperty("connectTimeout", "10000");
        String table = TableId.quote(cfg.metaSchema()) + "." + TableId.quote(cfg.name() + "_syncer_checkpoint");
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + to.host() + ":" + to.port() + "/", p);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? AND is_global = 1")) {
            ps.setString(1, cfg.sourceId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_NO_SUCH_TABLE || e.getErrorCode() == ER_BAD_DB) {
                return false;
            }
            // Unknown: run every unit; each resumes from its own checkpoint anyway.
            return false;
        }
    }
}
