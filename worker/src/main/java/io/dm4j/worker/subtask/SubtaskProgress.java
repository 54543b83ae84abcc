package io.dm4j.worker.subtask;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.dump.DumpMetadata;
import io.dm4j.worker.load.LoaderCheckpoint;
import java.nio.file.Path;
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
        String table = TableId.quote(cfg.metaSchema()) + "." + TableId.quote(cfg.name() + "_syncer_checkpoint");
        try (Connection c = connect(cfg);
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

    /**
     * Whether the dump in the task's dump directory is completely loaded and its data files are already cleaned
     * (which the load does last, after the views): then the sync unit can start from that dump's metadata, and
     * dumping again would only move the start point away from the loaded data. True only when the load checkpoint
     * has every data file of exactly this dump (its dump id) at its end.
     */
    static boolean loadFinished(SubTaskConfig cfg) {
        Path dir = Path.of(cfg.dumpDir());
        if (!DumpIndex.exists(dir) || !DumpMetadata.exists(dir)) {
            return false;
        }
        DumpIndex index;
        try {
            index = DumpIndex.read(dir);
        } catch (DmException e) {
            return false;
        }
        long files = index.baseTables().stream().mapToLong(t -> t.files().size()).sum();
        if (index.dumpId() == null || files == 0 || index.dataFilesPresent(dir)) {
            return false; // the load unit itself sees what is done (and creates the views)
        }
        try (Connection c = connect(cfg)) {
            return LoaderCheckpoint.finished(c, cfg.metaSchema(), cfg.name(), cfg.sourceId(), index.dumpId(), files);
        } catch (SQLException e) {
            // Unknown: run every unit; the load unit compares the checkpoint with the dump itself.
            return false;
        }
    }

    private static Connection connect(SubTaskConfig cfg) throws SQLException {
        DownstreamConfig to = DownstreamConfig.forTask(cfg, null, 1);
        Properties p = new Properties();
        p.setProperty("user", to.user());
        p.setProperty("password", to.password());
        to.tls().applyTo(p);
        p.setProperty("connectTimeout", "10000");
        return DriverManager.getConnection("jdbc:mysql://" + to.host() + ":" + to.port() + "/", p);
    }
}
