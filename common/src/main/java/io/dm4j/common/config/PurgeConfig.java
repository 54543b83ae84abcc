package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.LONG;

/**
 * {@code purge} of source.yaml: when relay log files may be removed automatically.
 *
 * @param interval    seconds between checks
 * @param expires     hours after which a relay file may be purged (0 = never by age)
 * @param remainSpace GB of free disk below which old relay files are purged (0 = never by space)
 */
public record PurgeConfig(long interval, long expires, long remainSpace) {

    static final Option<Long> INTERVAL = Option.of("interval", LONG, 3600L, "Seconds between automatic purges of the relay log.")
            .check(Option.notNegativeLong());
    static final Option<Long> EXPIRES = Option.of("expires", LONG, 0L, "Hours since its last change after which a relay log file is purged; 0 = never by age. Files a subtask still needs are never purged.")
            .check(Option.notNegativeLong());
    static final Option<Long> REMAIN_SPACE = Option.of("remain-space", LONG, 15L,
            "Free disk space in GB (GiB) to keep: below it the oldest relay log files are purged until it is free again; 0 = never by space. Files a subtask still needs are never purged.").check(Option.notNegativeLong());

    static final Schema SCHEMA = Schema.of("purge", "Automatic purge of relay log files.", INTERVAL, EXPIRES, REMAIN_SPACE);

    public static final PurgeConfig DEFAULT = from(Values.empty("purge"));

    static PurgeConfig from(Values v) {
        return new PurgeConfig(v.get(INTERVAL), v.get(EXPIRES), v.get(REMAIN_SPACE));
    }

    /** Auto purge runs only with a check interval and at least one criterion, as in DM. */
    public boolean enabled() {
        return interval != 0 && (expires != 0 || remainSpace != 0);
    }
}
