package io.dm4j.master.server;

import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code start-task --remove-meta}: drops the task's checkpoint tables in the downstream meta-schema (DM's names),
 * so every subtask starts from the beginning.
 */
final class MetaCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(MetaCleaner.class);

    /** DM's per-task meta tables: {@code <task>_<suffix>}. */
    static final List<String> SUFFIXES = List.of("syncer_checkpoint", "syncer_sharding_meta", "onlineddl", "loader_checkpoint",
            "lightning_checkpoint_list", "validator_checkpoint", "validator_pending_change", "validator_error_change",
            "validator_table_status", "binlog_operator");

    private final DbProbe probe;

    MetaCleaner(DbProbe probe) {
        this.probe = probe;
    }

    static List<TableId> tables(TaskConfig task) {
        return SUFFIXES.stream().map(s -> new TableId(task.metaSchema(), task.name() + "_" + s)).toList();
    }

    void removeMeta(TaskConfig task) {
        try (Connection c = probe.connect(task.targetDatabase(), "target-database"); Statement st = c.createStatement()) {
            for (TableId t : tables(task)) {
                st.execute("DROP TABLE IF EXISTS " + t.quoted());
            }
            LOG.info("removed the checkpoints of task {} in schema {} downstream (start-task --remove-meta)", task.name(),
                    task.metaSchema());
        } catch (SQLException e) {
            throw MasterErrors.REMOVE_META_FAILED.wrap(e, task.name(), task.metaSchema());
        }
    }
}
