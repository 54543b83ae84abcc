package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.DOUBLE;
import static io.dm4j.common.config.ValueTypes.DURATION;

import java.time.Duration;

/**
 * {@code checker} of source.yaml: the automatic resume of paused subtasks, with exponential backoff between tries.
 * The last four keys are hidden in DM (accepted, not documented there).
 */
public record CheckerConfig(boolean checkEnable, Duration backoffRollback, Duration backoffMax, Duration checkInterval,
                            Duration backoffMin, double backoffFactor, boolean backoffJitter) {

    static final Option<Boolean> CHECK_ENABLE = Option.of("check-enable", BOOL, true, "Resume paused subtasks automatically when the error allows it.");
    static final Option<Duration> BACKOFF_ROLLBACK = Option.of("backoff-rollback", DURATION, Duration.ofMinutes(5),
            "After this much healthy running the backoff shrinks again.");
    static final Option<Duration> BACKOFF_MAX = Option.of("backoff-max", DURATION, Duration.ofMinutes(5),
            "Longest wait between two automatic resumes; must be more than 1s.");
    static final Option<Duration> CHECK_INTERVAL = Option.of("check-interval", DURATION, Duration.ofSeconds(5),
            "How often subtask states are checked.").hidden();
    static final Option<Duration> BACKOFF_MIN = Option.of("backoff-min", DURATION, Duration.ofSeconds(1),
            "Shortest wait between two automatic resumes.").hidden();
    static final Option<Double> BACKOFF_FACTOR = Option.of("backoff-factor", DOUBLE, 2.0, "Growth factor of the backoff.").hidden()
            .check(f -> f >= 1 ? null : "must be 1 or more, found " + f);
    static final Option<Boolean> BACKOFF_JITTER = Option.of("backoff-jitter", BOOL, true, "Randomise the backoff a little.").hidden();

    static final Schema SCHEMA = Schema.of("checker", "Automatic resume of paused subtasks.",
            CHECK_ENABLE, BACKOFF_ROLLBACK, BACKOFF_MAX, CHECK_INTERVAL, BACKOFF_MIN, BACKOFF_FACTOR, BACKOFF_JITTER);

    public static final CheckerConfig DEFAULT = from(Values.empty("checker"));

    static CheckerConfig from(Values v) {
        return new CheckerConfig(v.get(CHECK_ENABLE), v.get(BACKOFF_ROLLBACK), v.get(BACKOFF_MAX), v.get(CHECK_INTERVAL),
                v.get(BACKOFF_MIN), v.get(BACKOFF_FACTOR), v.get(BACKOFF_JITTER));
    }
}
