package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.DURATION;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.SIZE;

import java.time.Duration;

/** {@code validators.<name>}: continuous validation of replicated rows. Zero values mean the default, as in DM. */
public record ValidatorConfig(ValidationMode mode, int workerCount, Duration validateInterval, Duration checkInterval,
                              Duration rowErrorDelay, Duration metaFlushInterval, int batchQuerySize,
                              String maxPendingRowSize, int maxPendingRowCount) {

    static final Option<ValidationMode> MODE = Option.of("mode", ValueTypes.choice(ValidationMode.class), ValidationMode.NONE,
            "`fast` checks that rows exist downstream, `full` that they are equal; `none` is off.");
    static final Option<Integer> WORKER_COUNT = Option.of("worker-count", INT, 4, "Parallel validation workers.").check(Option.notNegative());
    static final Option<Duration> VALIDATE_INTERVAL = Option.of("validate-interval", DURATION, Duration.ofSeconds(10), "Time between validation rounds.");
    static final Option<Duration> CHECK_INTERVAL = Option.of("check-interval", DURATION, Duration.ofSeconds(5), "Time between checks of pending rows.");
    static final Option<Duration> ROW_ERROR_DELAY = Option.of("row-error-delay", DURATION, Duration.ofMinutes(30),
            "A row still different after this long is reported as an error.");
    static final Option<Duration> META_FLUSH_INTERVAL = Option.of("meta-flush-interval", DURATION, Duration.ofMinutes(5),
            "Time between saves of the validator's checkpoint.");
    static final Option<Integer> BATCH_QUERY_SIZE = Option.of("batch-query-size", INT, 100, "Rows fetched per downstream query.")
            .check(Option.notNegative());
    static final Option<String> MAX_PENDING_ROW_SIZE = Option.of("max-pending-row-size", SIZE, "500m",
            "Most memory held by rows waiting to be validated.");
    static final Option<Integer> MAX_PENDING_ROW_COUNT = Option.of("max-pending-row-count", INT, Integer.MAX_VALUE,
            "Most rows waiting to be validated.").check(Option.notNegative());

    static final Schema SCHEMA = Schema.of("validators.<name>", "Continuous validation of replicated data.",
            MODE, WORKER_COUNT, VALIDATE_INTERVAL, CHECK_INTERVAL, ROW_ERROR_DELAY, META_FLUSH_INTERVAL, BATCH_QUERY_SIZE,
            MAX_PENDING_ROW_SIZE, MAX_PENDING_ROW_COUNT);

    public static final ValidatorConfig DEFAULT = from(Values.empty("validators"));

    static ValidatorConfig from(Values v) {
        return new ValidatorConfig(v.get(MODE), orDefault(v, WORKER_COUNT), durationOrDefault(v, VALIDATE_INTERVAL), durationOrDefault(v, CHECK_INTERVAL),
                durationOrDefault(v, ROW_ERROR_DELAY), durationOrDefault(v, META_FLUSH_INTERVAL), orDefault(v, BATCH_QUERY_SIZE),
                v.get(MAX_PENDING_ROW_SIZE).isEmpty() ? MAX_PENDING_ROW_SIZE.defaultValue() : v.get(MAX_PENDING_ROW_SIZE),
                orDefault(v, MAX_PENDING_ROW_COUNT));
    }

    private static int orDefault(Values v, Option<Integer> o) {
        return v.get(o) == 0 ? o.defaultValue() : v.get(o);
    }

    private static Duration durationOrDefault(Values v, Option<Duration> o) {
        return v.get(o).isZero() ? o.defaultValue() : v.get(o);
    }

    /** {@link #maxPendingRowSize()} in bytes. */
    public long maxPendingRowSizeBytes() {
        return ByteSize.parse(maxPendingRowSize, 1);
    }
}
