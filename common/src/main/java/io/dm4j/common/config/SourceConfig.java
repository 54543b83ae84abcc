package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.UINT32;

import io.dm4j.common.config.ConfigTreeReader.Format;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.position.Flavor;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A source file ({@code source.yaml}, loaded by {@code operate-source create}): one upstream MySQL/MariaDB server
 * and how it is read.
 *
 * @param flavor   null = detect from the server
 * @param serverId 0 = choose a free one when connecting
 * @param relayDir relay log directory of this source; a worker's own relay-dir wins (see {@link WorkerConfig})
 */
public record SourceConfig(String sourceId, boolean enable, boolean enableGtid, boolean enableRelay, String relayBinlogName,
                           String relayBinlogGtid, String relayDir, Flavor flavor, long serverId, DbConfig from,
                           PurgeConfig purge, CheckerConfig checker, boolean caseSensitive, List<BinlogEventRule> filters,
                           String charset, String metaDir, boolean autoFixGtid) {

    /** DM limits source ids to 32 characters (they are stored in VARCHAR(32) columns). */
    public static final int MAX_SOURCE_ID_LENGTH = 32;

    private static final Pattern BINLOG_FILE = Pattern.compile("^[^/\\\\]+\\.\\d+$");

    /** The {@code flavor} key: empty means detect. */
    enum FlavorSetting implements ConfigEnum {
        AUTO(""), MYSQL("mysql"), MARIADB("mariadb");

        private final String label;

        FlavorSetting(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        Flavor flavor() {
            return this == AUTO ? null : Flavor.parse(label);
        }
    }

    static final Option<String> SOURCE_ID = Option.of("source-id", STRING, "", "Unique name of the source, at most 32 characters.").required();
    static final Option<Boolean> ENABLE = Option.of("enable", BOOL, true, "Start the tasks of this source; false keeps them stopped.");
    static final Option<Boolean> ENABLE_GTID = Option.of("enable-gtid", BOOL, false,
            "Read the binlog by GTID (needed to follow an upstream failover); MySQL needs gtid_mode=ON.");
    static final Option<Boolean> ENABLE_RELAY = Option.of("enable-relay", BOOL, false,
            "Keep a local copy of the binlog (relay log) on the worker; the source's sync units read it (binlogType `local`).");
    static final Option<String> RELAY_BINLOG_NAME = Option.of("relay-binlog-name", STRING, "",
            "Binlog file a new relay log starts from (at its first byte); default: the file of the earliest checkpoint a"
                    + " subtask of the source needs, else the upstream's current file.")
            .check(n -> n.isEmpty() || BINLOG_FILE.matcher(n).matches() ? null
                    : "`" + n + "` is not a binlog file name; expected a name such as `mysql-bin.000001`");
    static final Option<String> RELAY_BINLOG_GTID = Option.of("relay-binlog-gtid", STRING, "",
            "GTID set a new relay log starts after when relay-binlog-name is empty (MariaDB: from the newest binlog file"
                    + " that starts within the set).");
    static final Option<String> RELAY_DIR = Option.of("relay-dir", STRING, "relay-dir",
            "Relay log directory; a worker's relay-dir takes precedence.").deprecated("set relay-dir in dm-worker.toml");
    static final Option<FlavorSetting> FLAVOR = Option.of("flavor", ValueTypes.choice(FlavorSetting.class), FlavorSetting.AUTO,
            "`mysql` or `mariadb`; \"\" = detect from the server.");
    static final Option<Long> SERVER_ID = Option.of("server-id", UINT32, 0L,
            "Server id used when reading the binlog; 0 = pick a random free one.");
    static final Option<Boolean> CASE_SENSITIVE = Option.of("case-sensitive", BOOL, false,
            "Match schema and table names of `filters` case-sensitively.");
    static final Option<String> CHARSET = Option.of("charset", STRING, "", "Connection character set.").deprecated("the value is ignored");
    static final Option<String> META_DIR = Option.of("meta-dir", STRING, "", "Directory of local metadata.").deprecated("the value is ignored");
    static final Option<Boolean> AUTO_FIX_GTID = Option.of("auto-fix-gtid", BOOL, false, "Repair GTID gaps.")
            .deprecated("the value is ignored (DM forces it to false)");
    static final Option<String> TRACER = Option.of("tracer", ValueTypes.IGNORED, null, "Tracing settings of old DM versions.")
            .deprecated("the section is ignored");

    static final Schema SCHEMA = Schema.of("source.yaml", "An upstream MySQL/MariaDB server.",
            SOURCE_ID, ENABLE, ENABLE_GTID, ENABLE_RELAY, RELAY_BINLOG_NAME, RELAY_BINLOG_GTID, RELAY_DIR, FLAVOR, SERVER_ID,
            Schema.one("from", DbConfig.schema("from", "The upstream server."), "Connection to the upstream server.").required(),
            Schema.one("purge", PurgeConfig.SCHEMA, "Automatic purge of relay log files."),
            Schema.one("checker", CheckerConfig.SCHEMA, "Automatic resume of paused subtasks."),
            CASE_SENSITIVE,
            Schema.list("filters", RuleSchemas.FILTER, "Binlog event filter rules applied to every task of this source."),
            CHARSET, META_DIR, AUTO_FIX_GTID, TRACER);

    public SourceConfig {
        filters = List.copyOf(filters);
    }

    /** Loads and validates a source file; passwords are decrypted with {@link Encryptor#resolve(Path)} (no key file). */
    public static SourceConfig load(Path file) {
        return load(file, Encryptor.resolve(null));
    }

    public static SourceConfig load(Path file, Encryptor encryptor) {
        return parse(ConfigTreeReader.readFile(file, "source"), file.toString(), encryptor);
    }

    public static SourceConfig parse(String yaml, String origin) {
        return parse(yaml, origin, Encryptor.resolve(null));
    }

    public static SourceConfig parse(String yaml, String origin, Encryptor encryptor) {
        return check(yaml, origin, encryptor).config();
    }

    /** Like {@link #parse(String, String, Encryptor)}, also returning the warnings. */
    public static LoadedConfig<SourceConfig> check(String yaml, String origin, Encryptor encryptor) {
        return ConfigFiles.read(yaml, origin, "source", Format.YAML, SCHEMA, encryptor, SourceConfig::from);
    }

    static SourceConfig from(Values v, Problems problems) {
        CheckerConfig checker = v.child("checker").map(CheckerConfig::from).orElse(CheckerConfig.DEFAULT);
        if (checker.backoffMax().compareTo(checker.backoffMin()) < 0) {
            problems.error(ConfigErrors.INVALID_VALUE, "checker.backoff-max", v.childOrEmpty("checker").mark("backoff-max"),
                    "backoff-max " + DmDuration.format(checker.backoffMax()) + " is smaller than backoff-min "
                            + DmDuration.format(checker.backoffMin()) + "; it must be at least as large");
        }
        String id = v.get(SOURCE_ID);
        if (id.length() > MAX_SOURCE_ID_LENGTH) {
            problems.error(ConfigErrors.SOURCE_ID_TOO_LONG, SOURCE_ID.key(), v.mark(SOURCE_ID.key()), "source-id `" + id + "` has "
                    + id.length() + " characters; at most " + MAX_SOURCE_ID_LENGTH + " are allowed");
        }
        List<BinlogEventRule> filters = v.list("filters").stream().map(f -> RuleSchemas.filter(f, problems)).toList();
        return new SourceConfig(v.get(SOURCE_ID), v.get(ENABLE), v.get(ENABLE_GTID), v.get(ENABLE_RELAY), v.get(RELAY_BINLOG_NAME),
                v.get(RELAY_BINLOG_GTID), v.get(RELAY_DIR), v.get(FLAVOR).flavor(), v.get(SERVER_ID),
                v.child("from").map(DbConfig::from).orElse(null),
                v.child("purge").map(PurgeConfig::from).orElse(PurgeConfig.DEFAULT), checker, v.get(CASE_SENSITIVE), filters,
                v.get(CHARSET), v.get(META_DIR), false);
    }
}
