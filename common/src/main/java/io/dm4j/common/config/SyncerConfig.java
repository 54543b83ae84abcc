package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.DURATION_TEXT;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.STRING;

import java.time.Duration;

/**
 * {@code syncers.<name>} (or an instance's inline {@code syncer}): settings of the sync (binlog replication) unit.
 *
 * @param safeModeDuration as written; "" means twice {@link #checkpointFlushInterval()} seconds — see
 *                         {@link #effectiveSafeModeDuration()}
 */
public record SyncerConfig(int workerCount, int batch, int queueSize, int checkpointFlushInterval, boolean safeMode,
                           String safeModeDuration, boolean compact, boolean multipleRows, boolean splitTransactions,
                           boolean enableAnsiQuotes, int maxRetry, boolean autoFixGtid, boolean enableGtid,
                           boolean disableDetect, String metaFile) {

    static final Option<Integer> WORKER_COUNT = Option.of("worker-count", INT, 16, "Parallel queues applying row changes downstream.")
            .check(Option.positive());
    static final Option<Integer> BATCH = Option.of("batch", INT, 100, "Most changes per downstream transaction of one queue.")
            .check(Option.positive());
    static final Option<Integer> QUEUE_SIZE = Option.of("queue-size", INT, 1024, "Capacity of each internal queue; 0 = default.")
            .check(Option.notNegative());
    static final Option<Integer> CHECKPOINT_FLUSH_INTERVAL = Option.of("checkpoint-flush-interval", INT, 30,
            "Seconds between checkpoint flushes; 0 = default.").check(Option.notNegative());
    static final Option<Boolean> SAFE_MODE = Option.of("safe-mode", BOOL, false,
            "Always write idempotently (INSERT as REPLACE, UPDATE as DELETE + REPLACE).");
    static final Option<String> SAFE_MODE_DURATION = Option.of("safe-mode-duration", DURATION_TEXT, "",
            "How long safe mode lasts after an unclean stop; \"\" = 2 × checkpoint-flush-interval; `0s` = never automatically.")
            .defaultText("\"\" (= 2 × checkpoint-flush-interval, 60s)");
    static final Option<Boolean> COMPACT = Option.of("compact", BOOL, false, "Merge changes of the same row within a batch.");
    static final Option<Boolean> MULTIPLE_ROWS = Option.of("multiple-rows", BOOL, false,
            "Write multi-row INSERT/REPLACE/DELETE statements; UPDATE as INSERT ... ON DUPLICATE KEY UPDATE.");
    static final Option<Boolean> SPLIT_TRANSACTIONS = Option.of("split-transactions", BOOL, false,
            "dm4j's own: place each row change by its own key values, as DM does, instead of committing an upstream"
            + " transaction downstream as one; faster when transactions touch rows other transactions change, but"
            + " readers downstream can see part of an upstream transaction and `binlog skip` of a rejected one keeps"
            + " the rows other queues committed (docs/sync.md).");
    static final Option<Boolean> ENABLE_ANSI_QUOTES = Option.of("enable-ansi-quotes", BOOL, false, "Parse DDL with ANSI_QUOTES.")
            .deprecated("ANSI_QUOTES is detected from the upstream sql_mode; the value is ignored");
    static final Option<Integer> MAX_RETRY = Option.of("max-retry", INT, 0, "Retries of a failed statement.").deprecated("the value is ignored");
    static final Option<Boolean> AUTO_FIX_GTID = Option.of("auto-fix-gtid", BOOL, false, "Repair GTID gaps.").deprecated("the value is ignored");
    static final Option<Boolean> ENABLE_GTID = Option.of("enable-gtid", BOOL, false, "Replicate by GTID.")
            .deprecated("use enable-gtid in the source file; the value is ignored");
    static final Option<Boolean> DISABLE_DETECT = Option.of("disable-detect", BOOL, false, "Disable conflict detection.")
            .deprecated("the value is ignored");
    static final Option<String> META_FILE = Option.of("meta-file", STRING, "", "Start position file of the standalone syncer.").hidden();

    static final Schema SCHEMA = Schema.of("syncers.<name>", "Settings of the sync unit (incremental replication).",
            WORKER_COUNT, BATCH, QUEUE_SIZE, CHECKPOINT_FLUSH_INTERVAL, SAFE_MODE, SAFE_MODE_DURATION, COMPACT, MULTIPLE_ROWS,
            SPLIT_TRANSACTIONS, ENABLE_ANSI_QUOTES, MAX_RETRY, AUTO_FIX_GTID, ENABLE_GTID, DISABLE_DETECT, META_FILE);

    public static final SyncerConfig DEFAULT = from(Values.empty("syncers"));

    static SyncerConfig from(Values v) {
        int queueSize = v.get(QUEUE_SIZE) == 0 ? QUEUE_SIZE.defaultValue() : v.get(QUEUE_SIZE);
        int flushInterval = v.get(CHECKPOINT_FLUSH_INTERVAL) == 0 ? CHECKPOINT_FLUSH_INTERVAL.defaultValue() : v.get(CHECKPOINT_FLUSH_INTERVAL);
        return new SyncerConfig(v.get(WORKER_COUNT), v.get(BATCH), queueSize, flushInterval, v.get(SAFE_MODE),
                v.get(SAFE_MODE_DURATION), v.get(COMPACT), v.get(MULTIPLE_ROWS), v.get(SPLIT_TRANSACTIONS),
                v.get(ENABLE_ANSI_QUOTES), v.get(MAX_RETRY), v.get(AUTO_FIX_GTID), v.get(ENABLE_GTID), v.get(DISABLE_DETECT),
                v.get(META_FILE));
    }

    public SyncerConfig withWorkerCount(int newWorkerCount) {
        return new SyncerConfig(newWorkerCount, batch, queueSize, checkpointFlushInterval, safeMode, safeModeDuration, compact,
                multipleRows, splitTransactions, enableAnsiQuotes, maxRetry, autoFixGtid, enableGtid, disableDetect, metaFile);
    }

    /** The automatic safe-mode window: the given duration, or 2 × checkpoint-flush-interval when "". */
    public Duration effectiveSafeModeDuration() {
        return safeModeDuration.isEmpty() ? Duration.ofSeconds(2L * checkpointFlushInterval) : DmDuration.parse(safeModeDuration);
    }

    public Duration checkpointFlushPeriod() {
        return Duration.ofSeconds(checkpointFlushInterval);
    }
}
