package io.dm4j.worker.copy;

import io.dm4j.common.config.ShardMode;
import io.dm4j.common.config.SubTaskConfig;
import java.util.Optional;

/**
 * Whether a subtask's load may run while its dump still writes: only when a crash during the dump can be repaired
 * exactly. After such a crash the dump runs again at a new snapshot, and the rows the load took from the old one must
 * go; the load does that by emptying the target tables it filled ({@code StaleLoad}). That is safe only where no
 * other rows share those tables, so these subtasks load after the dump, as DM does:
 * <ul>
 *   <li>{@code loaders.load-during-dump: false};</li>
 *   <li>{@code shard-mode} set (the shards of other sources merge into the same targets);</li>
 *   <li>a task with several sources (their tables may land in the same targets, with or without routes).</li>
 * </ul>
 * Targets that several tables of this source feed, or that get extract-* columns, are only known from the dump's
 * table list; the load itself waits for the dump's end when it meets them.
 */
public final class OverlapPolicy {
    private OverlapPolicy() {
    }

    /** Why the load must wait for the end of the dump, or empty when it may follow the dump. */
    public static Optional<String> reasonAgainst(SubTaskConfig cfg) {
        if (!cfg.loader().loadDuringDump()) {
            return Optional.of("loaders.load-during-dump is false");
        }
        if (cfg.shardMode() != ShardMode.NONE) {
            return Optional.of("shard-mode is " + cfg.shardMode().label() + " (other shards' rows share the targets)");
        }
        if (cfg.taskSources() > 1) {
            return Optional.of("the task has " + cfg.taskSources() + " sources (their rows may share target tables)");
        }
        return Optional.empty();
    }
}
