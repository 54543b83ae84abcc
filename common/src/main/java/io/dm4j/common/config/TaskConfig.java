package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.STRING_LIST;

import io.dm4j.common.config.ConfigNode.MapNode;
import io.dm4j.common.config.ConfigTreeReader.Format;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.filter.RouteRule;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A task file ({@code task.yaml}, DM's format): global settings, the named rules, and one {@code mysql-instances}
 * entry per source. Loading checks everything DM checks (unknown keys, references, conflicts, unused rules, ...)
 * and reports all problems together. {@link #subTask(String)} resolves one source's view for the units.
 *
 * @param shardMode      resolved: legacy {@code is-sharding: true} without shard-mode means pessimistic
 * @param onlineDdl      resolved: the legacy {@code online-ddl-scheme} turns it on
 * @param blockAllowList {@code block-allow-list} rules, or the deprecated {@code black-white-list} ones when only those are given
 */
public record TaskConfig(String name, TaskMode taskMode, ShardMode shardMode, boolean strictOptimisticShardMode,
                         List<String> ignoreCheckingItems, String metaSchema, String timezone, boolean caseSensitive,
                         CollationCompatible collationCompatible, boolean onlineDdl, List<String> shadowTableRules,
                         List<String> trashTableRules, boolean cleanDumpFile, DbConfig targetDatabase,
                         List<MysqlInstance> mysqlInstances, Map<String, RouteRule> routes,
                         Map<String, BinlogEventRule> filters, Map<String, ExpressionFilterRule> expressionFilters,
                         Map<String, BlockAllowListRule> blockAllowList, Map<String, MydumperConfig> mydumpers,
                         Map<String, LoaderConfig> loaders, Map<String, SyncerConfig> syncers,
                         Map<String, ValidatorConfig> validators, Experimental experimental, Legacy legacy) {

    /** {@code experimental} section. */
    public record Experimental(boolean asyncCheckpointFlush) {
    }

    /** Deprecated keys as written; they have no effect beyond what the resolved fields already say. */
    public record Legacy(boolean isSharding, String onlineDdlScheme, boolean enableHeartbeat, int heartbeatUpdateInterval,
                         int heartbeatReportInterval, boolean ansiQuotes, boolean removeMeta) {
    }

    /** The shadow-table rule DM uses when none is given (gh-ost and pt-osc ghost tables). */
    public static final String DEFAULT_SHADOW_TABLE_RULE = "^_(.+)_(?:new|gho)$";
    /** The trash-table rule DM uses when none is given. */
    public static final String DEFAULT_TRASH_TABLE_RULE = "^_(.+)_(?:ghc|del|old)$";

    /** The precheck items {@code ignore-checking-items} may name. */
    public static final List<String> CHECKING_ITEMS = List.of("all", "dump_privilege", "replication_privilege", "version",
            "server_id", "binlog_enable", "binlog_format", "binlog_row_image", "table_schema", "schema_of_shard_tables",
            "auto_increment_ID", "online_ddl", "binlog_db", "meta_position", "conn_number", "target_privilege",
            "empty_region", "region_distribution", "downstream_version", "free_space", "downstream_mutex_features",
            // dm4j's own items (not in DM)
            "binlog_retention", "timezone", "max_allowed_packet", "target_table_structure");

    /** Legacy online-ddl-scheme values. */
    enum OnlineDdlScheme implements ConfigEnum {
        NONE(""), PT("pt"), GH_OST("gh-ost");

        private final String label;

        OnlineDdlScheme(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Counts the entries of a mapping DM still parses but refuses when non-empty (column-mappings). */
    private static final ValueType<Integer> ENTRY_COUNT = ValueTypes.simple("mapping (no longer supported)",
            (n, ctx) -> n instanceof MapNode m ? m.entries().size() : 1);

    static final Option<String> NAME = Option.of("name", STRING, "", "Task name; unique in the cluster.").required();
    static final Option<TaskMode> TASK_MODE = Option.of("task-mode", ValueTypes.choice(TaskMode.class), null,
            "`all` = dump + load + sync, `full` = dump + load, `incremental` = sync only (hidden: `dump`, `load`, `load&sync`).").required();
    static final Option<ShardMode> SHARD_MODE = Option.of("shard-mode", ValueTypes.choice(ShardMode.class), ShardMode.NONE,
            "Shard DDL coordination when tables of several sources merge: \"\" (none), `pessimistic` or `optimistic`.");
    static final Option<Boolean> IS_SHARDING = Option.of("is-sharding", BOOL, false, "Old switch for shard merging.")
            .deprecated("use shard-mode (is-sharding: true without shard-mode means pessimistic)");
    static final Option<Boolean> STRICT_OPTIMISTIC = Option.of("strict-optimistic-shard-mode", BOOL, false,
            "In optimistic mode, pause on DDL that cannot be merged safely.");
    static final Option<List<String>> IGNORE_CHECKING_ITEMS = Option.of("ignore-checking-items", STRING_LIST, List.of(),
            "Precheck items to skip (`all` skips every check).").check(items -> {
                List<String> bad = items.stream().filter(i -> !CHECKING_ITEMS.contains(i)).toList();
                return bad.isEmpty() ? null : "unknown checking item(s) " + Suggestions.quoteAll(bad)
                        + Suggestions.didYouMean(bad.get(0), CHECKING_ITEMS) + "; allowed: " + String.join(", ", CHECKING_ITEMS);
            });
    static final Option<String> META_SCHEMA = Option.of("meta-schema", STRING, "dm_meta", "Downstream schema holding checkpoints and other task state.");
    static final Option<Boolean> ENABLE_HEARTBEAT = Option.of("enable-heartbeat", BOOL, false, "Write heartbeat rows upstream.")
            .deprecated("heartbeat was removed from DM; the value is ignored");
    static final Option<Integer> HEARTBEAT_UPDATE_INTERVAL = Option.of("heartbeat-update-interval", INT, 1, "Heartbeat update interval (s).")
            .deprecated("heartbeat was removed from DM; the value is ignored");
    static final Option<Integer> HEARTBEAT_REPORT_INTERVAL = Option.of("heartbeat-report-interval", INT, 10, "Heartbeat report interval (s).")
            .deprecated("heartbeat was removed from DM; the value is ignored");
    static final Option<String> TIMEZONE = Option.of("timezone", STRING, "",
            "Session time zone (`+08:00`, `Asia/Shanghai`) of every connection; \"\" = the downstream's own setting.")
            .check(TaskConfig::timezoneProblem);
    static final Option<Boolean> CASE_SENSITIVE = Option.of("case-sensitive", BOOL, false, "Match schema and table names case-sensitively.");
    static final Option<CollationCompatible> COLLATION_COMPATIBLE = Option.of("collation_compatible",
            ValueTypes.choice(CollationCompatible.class), CollationCompatible.LOOSE,
            "`strict` appends the upstream default collation to CREATE statements; `loose` leaves them as they are.");
    static final Option<Boolean> ONLINE_DDL = Option.of("online-ddl", BOOL, true, "Handle gh-ost and pt-osc online schema changes.");
    static final Option<List<String>> SHADOW_TABLE_RULES = Option.of("shadow-table-rules", STRING_LIST, List.of(),
            "Regexes naming online-DDL ghost tables, one capture group for the real table name.")
            .defaultText("[\"" + DEFAULT_SHADOW_TABLE_RULE + "\"]");
    static final Option<List<String>> TRASH_TABLE_RULES = Option.of("trash-table-rules", STRING_LIST, List.of(),
            "Regexes naming online-DDL trash tables, one capture group.").defaultText("[\"" + DEFAULT_TRASH_TABLE_RULE + "\"]");
    static final Option<OnlineDdlScheme> ONLINE_DDL_SCHEME = Option.of("online-ddl-scheme", ValueTypes.choice(OnlineDdlScheme.class),
            OnlineDdlScheme.NONE, "Old switch for online DDL handling.").deprecated("use online-ddl: true");
    static final Option<Integer> COLUMN_MAPPINGS = Option.of("column-mappings", ENTRY_COUNT, 0, "Column mapping rules.")
            .deprecated("column mapping was removed from DM; use routes with extract-table/schema/source").defaultText("");
    static final Option<Boolean> CLEAN_DUMP_FILE = Option.of("clean-dump-file", BOOL, true,
            "Delete the dump files (and their metadata file) once loaded.");
    static final Option<Boolean> ANSI_QUOTES = Option.of("ansi-quotes", BOOL, false, "Parse DDL with ANSI_QUOTES.")
            .deprecated("ANSI_QUOTES is detected from the upstream sql_mode; the value is ignored");
    static final Option<Boolean> REMOVE_META = Option.of("remove-meta", BOOL, false, "Remove the task's old checkpoints at start.")
            .deprecated("use `start-task --remove-meta`; the value is ignored");

    static final Option<Boolean> ASYNC_CHECKPOINT_FLUSH = Option.of("async-checkpoint-flush", BOOL, false, "Flush checkpoints in the background.");
    static final Schema EXPERIMENTAL = Schema.of("experimental", "Experimental features.", ASYNC_CHECKPOINT_FLUSH);

    private static final Schema MARIADB2TIDB = Schema.of("mariadb2tidb", "MariaDB-to-TiDB schema conversion (accepted, ignored by dm4j).",
            Option.of("mode", STRING, "auto", "auto, on or off.").hidden(),
            Option.of("enabled-rules", STRING_LIST, List.of(), "Conversion rules to enable.").hidden(),
            Option.of("disabled-rules", STRING_LIST, List.of(), "Conversion rules to disable.").hidden(),
            Option.of("strict-mode", BOOL, true, "Fail on conversion errors.").hidden());

    static final Schema SCHEMA = Schema.of("task.yaml", "A data migration task.",
            NAME, TASK_MODE, SHARD_MODE, IS_SHARDING, STRICT_OPTIMISTIC, IGNORE_CHECKING_ITEMS, META_SCHEMA,
            ENABLE_HEARTBEAT, HEARTBEAT_UPDATE_INTERVAL, HEARTBEAT_REPORT_INTERVAL, TIMEZONE, CASE_SENSITIVE,
            COLLATION_COMPATIBLE, ONLINE_DDL, SHADOW_TABLE_RULES, TRASH_TABLE_RULES, ONLINE_DDL_SCHEME, CLEAN_DUMP_FILE,
            ANSI_QUOTES, REMOVE_META, COLUMN_MAPPINGS,
            Schema.one("target-database", DbConfig.schema("target-database", "The downstream database."), "The downstream database.").required(),
            Schema.list("mysql-instances", MysqlInstance.SCHEMA, "One entry per source the task replicates.").required(),
            Schema.named("block-allow-list", RuleSchemas.BLOCK_ALLOW_LIST, "Named block/allow list rules."),
            Schema.named("black-white-list", RuleSchemas.BLOCK_ALLOW_LIST, "Old name of block-allow-list.").deprecated("use block-allow-list"),
            Schema.named("routes", RuleSchemas.ROUTE, "Named table routing rules."),
            Schema.named("filters", RuleSchemas.FILTER, "Named binlog event filter rules."),
            Schema.named("expression-filter", RuleSchemas.EXPRESSION_FILTER, "Named row filters by SQL expression."),
            Schema.named("mydumpers", MydumperConfig.SCHEMA, "Named dump unit settings."),
            Schema.named("loaders", LoaderConfig.SCHEMA, "Named load unit settings."),
            Schema.named("syncers", SyncerConfig.SCHEMA, "Named sync unit settings."),
            Schema.named("validators", ValidatorConfig.SCHEMA, "Named continuous validation settings."),
            Schema.one("experimental", EXPERIMENTAL, "Experimental features."),
            Schema.one("mariadb2tidb", MARIADB2TIDB, "MariaDB-to-TiDB schema conversion of newer DM versions; accepted and ignored."));

    public TaskConfig {
        ignoreCheckingItems = List.copyOf(ignoreCheckingItems);
        shadowTableRules = List.copyOf(shadowTableRules);
        trashTableRules = List.copyOf(trashTableRules);
        mysqlInstances = List.copyOf(mysqlInstances);
        routes = ordered(routes);
        filters = ordered(filters);
        expressionFilters = ordered(expressionFilters);
        blockAllowList = ordered(blockAllowList);
        mydumpers = ordered(mydumpers);
        loaders = ordered(loaders);
        syncers = ordered(syncers);
        validators = ordered(validators);
    }

    // -- loading --------------------------------------------------------------------------------------------

    /** Loads and validates a task file; passwords are decrypted with {@link Encryptor#resolve(Path)} (no key file). */
    public static TaskConfig load(Path file) {
        return load(file, Encryptor.resolve(null));
    }

    public static TaskConfig load(Path file, Encryptor encryptor) {
        return parse(ConfigTreeReader.readFile(file, "task"), file.toString(), encryptor);
    }

    /** Parses and validates task YAML; {@code origin} names the file in messages. */
    public static TaskConfig parse(String yaml, String origin) {
        return parse(yaml, origin, Encryptor.resolve(null));
    }

    public static TaskConfig parse(String yaml, String origin, Encryptor encryptor) {
        return check(yaml, origin, encryptor).config();
    }

    /** Like {@link #parse(String, String, Encryptor)}, also returning the warnings (for check-task). */
    public static LoadedConfig<TaskConfig> check(String yaml, String origin, Encryptor encryptor) {
        return ConfigFiles.read(yaml, origin, "task", Format.YAML, SCHEMA, encryptor, TaskConfig::from);
    }

    static TaskConfig from(Values v, Problems problems) {
        Map<String, BlockAllowListRule> bal = named(v, "block-allow-list", r -> RuleSchemas.blockAllowList(r, problems));
        if (bal.isEmpty()) {
            bal = named(v, "black-white-list", r -> RuleSchemas.blockAllowList(r, problems));
        }
        ShardMode shardMode = v.get(SHARD_MODE) == ShardMode.NONE && v.get(IS_SHARDING) ? ShardMode.PESSIMISTIC : v.get(SHARD_MODE);
        boolean onlineDdl = v.get(ONLINE_DDL) || v.get(ONLINE_DDL_SCHEME) != OnlineDdlScheme.NONE;
        Values experimental = v.childOrEmpty("experimental");
        TaskConfig cfg = new TaskConfig(v.get(NAME), v.get(TASK_MODE), shardMode, v.get(STRICT_OPTIMISTIC),
                v.get(IGNORE_CHECKING_ITEMS), v.get(META_SCHEMA).isEmpty() ? META_SCHEMA.defaultValue() : v.get(META_SCHEMA),
                v.get(TIMEZONE), v.get(CASE_SENSITIVE), v.get(COLLATION_COMPATIBLE), onlineDdl, v.get(SHADOW_TABLE_RULES),
                v.get(TRASH_TABLE_RULES), v.get(CLEAN_DUMP_FILE),
                v.child("target-database").map(DbConfig::from).orElse(null),
                v.list("mysql-instances").stream().map(MysqlInstance::from).toList(),
                named(v, "routes", r -> RuleSchemas.route(r, problems)),
                named(v, "filters", r -> RuleSchemas.filter(r, problems)),
                named(v, "expression-filter", r -> RuleSchemas.expressionFilter(r, problems)),
                bal,
                named(v, "mydumpers", MydumperConfig::from),
                named(v, "loaders", LoaderConfig::from),
                named(v, "syncers", SyncerConfig::from),
                named(v, "validators", ValidatorConfig::from),
                new Experimental(experimental.get(ASYNC_CHECKPOINT_FLUSH)),
                new Legacy(v.get(IS_SHARDING), v.get(ONLINE_DDL_SCHEME).label(), v.get(ENABLE_HEARTBEAT),
                        v.get(HEARTBEAT_UPDATE_INTERVAL), v.get(HEARTBEAT_REPORT_INTERVAL), v.get(ANSI_QUOTES), v.get(REMOVE_META)));
        TaskValidation.check(cfg, v, problems);
        return cfg;
    }

    // -- resolution -----------------------------------------------------------------------------------------

    /** The entry of a source, if the task replicates it. */
    public Optional<MysqlInstance> instance(String sourceId) {
        return mysqlInstances.stream().filter(i -> i.sourceId().equals(sourceId)).findFirst();
    }

    /** The source ids, in file order. */
    public List<String> sourceIds() {
        return mysqlInstances.stream().map(MysqlInstance::sourceId).toList();
    }

    /**
     * One source's fully resolved view: its block-allow-list rule (allow-all when none), routes in order, filters,
     * expression filters, and the effective dump/load/sync/validation settings after inline settings,
     * {@code *-config-name} references and the {@code *-thread} shortcuts.
     */
    public SubTaskConfig subTask(String sourceId) {
        MysqlInstance inst = instance(sourceId).orElseThrow(() -> ConfigErrors.SOURCE_MISMATCH.error("task `" + name
                + "` has no mysql-instances entry for source `" + sourceId + "`; its sources are " + Suggestions.quoteAll(sourceIds())));
        return SubTaskConfig.resolve(this, inst);
    }

    /** Every source's resolved view, in file order. */
    public List<SubTaskConfig> subTasks() {
        return mysqlInstances.stream().map(i -> SubTaskConfig.resolve(this, i)).toList();
    }

    /**
     * Checks the task against the sources it names (which need the source files): every source must exist, and a
     * task with a start point ({@code meta}) on a source with {@code enable-gtid: true} needs {@code binlog-gtid}.
     * Throws one {@link io.dm4j.common.errors.DmException} listing every problem.
     */
    public void checkSources(Collection<SourceConfig> sources) {
        Problems problems = new Problems("task `" + name + "` with its sources", "");
        TaskValidation.checkSources(this, sources, problems);
        problems.throwIfErrors();
    }

    /** {@link #checkSources(Collection)} for a single source of this task. */
    public void checkSource(SourceConfig source) {
        Problems problems = new Problems("task `" + name + "` with its sources", "");
        TaskValidation.checkSource(this, source, problems);
        problems.throwIfErrors();
    }

    // -- helpers --------------------------------------------------------------------------------------------

    private static <T> Map<String, T> named(Values v, String key, Function<Values, T> build) {
        Map<String, T> out = new LinkedHashMap<>();
        v.named(key).forEach((name, rule) -> out.put(name, build.apply(rule)));
        return out;
    }

    private static <T> Map<String, T> ordered(Map<String, T> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static String timezoneProblem(String tz) {
        if (tz.isEmpty() || tz.equalsIgnoreCase("SYSTEM")) {
            return null;
        }
        try {
            java.time.ZoneId.of(tz);
            return null;
        } catch (java.time.DateTimeException e) {
            return "`" + tz + "` is not a time zone; use an offset such as `+08:00`, a name such as `Asia/Shanghai`, or leave it empty";
        }
    }

    /** Online-DDL table rules as DM uses them: the given ones anchored with ^ and $, else the default rule. */
    static List<String> anchored(List<String> rules, String fallback) {
        return rules.isEmpty() ? List.of(fallback) : rules.stream().map(TaskConfig::anchor).toList();
    }

    static String anchor(String rule) {
        return (rule.startsWith("^") ? "" : "^") + rule + (rule.endsWith("$") ? "" : "$");
    }
}
