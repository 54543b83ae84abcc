package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.INT;

import java.util.List;

/**
 * How a daemon's {@code log-file} rolls over: DM's {@code log-rotate} period ({@code day}, the default, or
 * {@code hour}) and the size and retention limits of DM's log library ({@code max-size} 300 MB, {@code max-days}
 * and {@code max-backups} 0 = keep all), as top-level keys {@code log-max-size}, {@code log-max-days},
 * {@code log-max-backups}. Unused when the log goes to standard output.
 *
 * @param rotate     {@code day} or {@code hour}: a new file at least that often
 * @param maxSizeMb  a new file once the current one reaches this many MB
 * @param maxDays    rolled files older than this many days are deleted (0 = kept)
 * @param maxBackups at most this many MB-sized files' worth of rolled files are kept, as a total size cap of
 *                   {@code max-backups x max-size} (0 = no cap)
 */
public record LogFileConfig(String rotate, int maxSizeMb, int maxDays, int maxBackups) {
    public static final LogFileConfig DEFAULT = new LogFileConfig("day", 300, 0, 0);

    enum Rotate implements ConfigEnum {
        DAY("day", ""), HOUR("hour");

        private final String label;
        private final List<String> aliases;

        Rotate(String label, String... aliases) {
            this.label = label;
            this.aliases = List.of(aliases);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }
    }

    static final Option<Rotate> LOG_ROTATE = Option.of("log-rotate", ValueTypes.choice(Rotate.class), Rotate.DAY,
            "How often `log-file` rolls over at least: `day` or `hour` (DM's old key; \"\" = day).");
    static final Option<Integer> LOG_MAX_SIZE = Option.of("log-max-size", INT, 300,
            "`log-file` rolls over once it reaches this many MB (DM's log library's max-size).").check(Option.positive());
    static final Option<Integer> LOG_MAX_DAYS = Option.of("log-max-days", INT, 0,
            "Rolled log files older than this many days are deleted; 0 keeps them (max-days).").check(Option.notNegative());
    static final Option<Integer> LOG_MAX_BACKUPS = Option.of("log-max-backups", INT, 0,
            "Rolled log files are capped at this many times log-max-size in total, oldest deleted first; 0 = no cap"
                    + " (max-backups).").check(Option.notNegative());

    static final List<Option<?>> OPTIONS = List.of(LOG_ROTATE, LOG_MAX_SIZE, LOG_MAX_DAYS, LOG_MAX_BACKUPS);

    static LogFileConfig from(Values v) {
        return new LogFileConfig(v.get(LOG_ROTATE).label(), v.get(LOG_MAX_SIZE), v.get(LOG_MAX_DAYS),
                v.get(LOG_MAX_BACKUPS));
    }
}
