package io.dm4j.common.config;

import com.google.re2j.PatternSyntaxException;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.filter.GoRegex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a task file that involve more than one key: references between mysql-instances entries and the
 * named rules, conflicts, duplicates, unused rules, and (with the source files) GTID start points.
 */
final class TaskValidation {
    private TaskValidation() {
    }

    static void check(TaskConfig cfg, Values root, Problems problems) {
        checkGlobals(cfg, root, problems);
        List<Values> instances = root.list("mysql-instances");
        if (root.isSet("mysql-instances") && instances.isEmpty()) {
            problems.error(ConfigErrors.MISSING_KEY, "mysql-instances", root.mark("mysql-instances"),
                    "mysql-instances is empty; the task needs at least one source");
        }
        Map<String, Integer> seenSources = new HashMap<>();
        Map<String, Set<String>> used = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            Values iv = instances.get(i);
            MysqlInstance inst = cfg.mysqlInstances().get(i);
            checkSourceId(inst, iv, i, seenSources, problems);
            checkMeta(cfg, inst, iv, problems);
            checkReferences(cfg, inst, iv, used, problems);
            iv.child("syncer").ifPresent(syncer -> checkSafeMode(syncer, problems));
        }
        root.named("syncers").values().forEach(syncer -> checkSafeMode(syncer, problems));
        checkUnused(cfg, root, used, problems);
    }

    private static void checkGlobals(TaskConfig cfg, Values root, Problems problems) {
        if (cfg.strictOptimisticShardMode() && cfg.shardMode() != ShardMode.OPTIMISTIC) {
            problems.error(ConfigErrors.CONFLICT, "strict-optimistic-shard-mode", root.mark("strict-optimistic-shard-mode"),
                    "strict-optimistic-shard-mode: true needs shard-mode: optimistic, found shard-mode `" + cfg.shardMode().label() + "`");
        }
        if (root.get(TaskConfig.COLUMN_MAPPINGS) > 0) {
            problems.error(ConfigErrors.UNSUPPORTED, "column-mappings", root.mark("column-mappings"),
                    "column mapping is no longer supported (as in DM); use routes with extract-table/extract-schema/extract-source");
        }
        checkOnlineRules(root, TaskConfig.SHADOW_TABLE_RULES, problems);
        checkOnlineRules(root, TaskConfig.TRASH_TABLE_RULES, problems);
    }

    /** Online-DDL table rules are anchored regexes with exactly one capture group (the real table name). */
    private static void checkOnlineRules(Values root, Option<List<String>> option, Problems problems) {
        for (String rule : root.get(option).stream().map(TaskConfig::anchor).toList()) {
            try {
                int groups = GoRegex.compile(rule, false).matcher("").groupCount();
                if (groups != 1) {
                    problems.error(ConfigErrors.INVALID_VALUE, option.key(), root.mark(option.key()), "rule `" + rule + "` has " + groups
                            + " capture groups; it needs exactly one, for the real table name (use (?:...) for other groups)");
                }
            } catch (PatternSyntaxException e) {
                problems.error(ConfigErrors.INVALID_VALUE, option.key(), root.mark(option.key()), "invalid regular expression `"
                        + rule + "`: " + e.getDescription());
            }
        }
    }

    private static void checkSourceId(MysqlInstance inst, Values iv, int index, Map<String, Integer> seen, Problems problems) {
        String id = inst.sourceId();
        String key = iv.path(MysqlInstance.SOURCE_ID.key());
        if (id.length() > SourceConfig.MAX_SOURCE_ID_LENGTH) {
            problems.error(ConfigErrors.SOURCE_ID_TOO_LONG, key, iv.mark(MysqlInstance.SOURCE_ID.key()), "source-id `" + id + "` has "
                    + id.length() + " characters; at most " + SourceConfig.MAX_SOURCE_ID_LENGTH + " are allowed");
        }
        if (!id.isEmpty()) {
            Integer first = seen.putIfAbsent(id, index);
            if (first != null) {
                problems.error(ConfigErrors.DUPLICATE_SOURCE_ID, key, iv.mark(MysqlInstance.SOURCE_ID.key()), "source `" + id
                        + "` is already listed in mysql-instances[" + first + "]; each source may appear once");
            }
        }
    }

    /** DM: a meta section, when present, names a binlog file or a GTID set; only incremental tasks use it. */
    private static void checkMeta(TaskConfig cfg, MysqlInstance inst, Values iv, Problems problems) {
        if (inst.meta() == null) {
            return;
        }
        if (inst.meta().binlogName().isEmpty() && !inst.meta().hasGtid()) {
            problems.error(ConfigErrors.META_INVALID, iv.path("meta"), iv.mark("meta"),
                    "meta needs binlog-name (with binlog-pos) or binlog-gtid; both are empty");
        } else if (cfg.taskMode() != null && cfg.taskMode() != TaskMode.INCREMENTAL) {
            problems.warn(iv.path("meta"), iv.mark("meta"), "meta is used only by task-mode incremental; with task-mode "
                    + cfg.taskMode().label() + " it is ignored (an `all` task starts syncing where its dump was taken)");
        }
    }

    private static void checkReferences(TaskConfig cfg, MysqlInstance inst, Values iv, Map<String, Set<String>> used, Problems problems) {
        refList(iv, MysqlInstance.ROUTE_RULES, "routes", cfg.routes().keySet(), used, problems);
        refList(iv, MysqlInstance.FILTER_RULES, "filters", cfg.filters().keySet(), used, problems);
        refList(iv, MysqlInstance.EXPRESSION_FILTERS, "expression-filter", cfg.expressionFilters().keySet(), used, problems);
        if (!inst.columnMappingRules().isEmpty()) {
            problems.error(ConfigErrors.UNSUPPORTED, iv.path(MysqlInstance.COLUMN_MAPPING_RULES.key()), iv.mark(MysqlInstance.COLUMN_MAPPING_RULES.key()),
                    "column mapping is no longer supported (as in DM); use routes with extract-table/extract-schema/extract-source");
        }
        String balKey = iv.isSet(MysqlInstance.BLOCK_ALLOW_LIST) ? MysqlInstance.BLOCK_ALLOW_LIST.key() : MysqlInstance.BLACK_WHITE_LIST.key();
        ref(iv, balKey, inst.blockAllowList(), "block-allow-list", cfg.blockAllowList().keySet(), used, problems);
        ref(iv, MysqlInstance.MYDUMPER_CONFIG_NAME.key(), inst.mydumperConfigName(), "mydumpers", cfg.mydumpers().keySet(), used, problems);
        ref(iv, MysqlInstance.LOADER_CONFIG_NAME.key(), inst.loaderConfigName(), "loaders", cfg.loaders().keySet(), used, problems);
        ref(iv, MysqlInstance.SYNCER_CONFIG_NAME.key(), inst.syncerConfigName(), "syncers", cfg.syncers().keySet(), used, problems);
        ref(iv, MysqlInstance.VALIDATOR_CONFIG_NAME.key(), inst.validatorConfigName(), "validators", cfg.validators().keySet(), used, problems);
        conflict(iv, MysqlInstance.MYDUMPER_CONFIG_NAME.key(), inst.mydumperConfigName(), "mydumper", inst.mydumper() != null, problems);
        conflict(iv, MysqlInstance.LOADER_CONFIG_NAME.key(), inst.loaderConfigName(), "loader", inst.loader() != null, problems);
        conflict(iv, MysqlInstance.SYNCER_CONFIG_NAME.key(), inst.syncerConfigName(), "syncer", inst.syncer() != null, problems);
    }

    private static void refList(Values iv, Option<List<String>> option, String section, Set<String> defined,
                                Map<String, Set<String>> used, Problems problems) {
        List<String> names = iv.get(option);
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
            ref(iv, option.key(), name, section, defined, used, problems);
        }
        if (!duplicates.isEmpty()) {
            problems.error(ConfigErrors.DUPLICATE_REFERENCE, iv.path(option.key()), iv.mark(option.key()),
                    "names listed more than once: " + Suggestions.quoteAll(duplicates));
        }
    }

    private static void ref(Values iv, String key, String name, String section, Set<String> defined,
                            Map<String, Set<String>> used, Problems problems) {
        if (name.isEmpty()) {
            return;
        }
        used.computeIfAbsent(section, s -> new HashSet<>()).add(name);
        if (!defined.contains(name)) {
            problems.error(ConfigErrors.UNDEFINED_REFERENCE, iv.path(key), iv.mark(key), "`" + name + "` is not defined in `" + section + "`"
                    + Suggestions.didYouMean(name, defined) + "; defined there: " + Suggestions.quoteAll(defined));
        }
    }

    private static void conflict(Values iv, String nameKey, String name, String inlineKey, boolean inline, Problems problems) {
        if (!name.isEmpty() && inline) {
            problems.error(ConfigErrors.CONFLICT, iv.path(inlineKey), iv.mark(inlineKey), "both `" + nameKey + "` and inline `" + inlineKey
                    + "` are given; use only one of them");
        }
    }

    /** DM refuses safe-mode: true with safe-mode-duration 0s, wherever the sync settings are written. */
    private static void checkSafeMode(Values syncer, Problems problems) {
        SyncerConfig cfg = SyncerConfig.from(syncer);
        if (cfg.safeMode() && !cfg.safeModeDuration().isEmpty() && DmDuration.parse(cfg.safeModeDuration()).isZero()) {
            String key = SyncerConfig.SAFE_MODE_DURATION.key();
            problems.error(ConfigErrors.SAFE_MODE_CONFLICT, syncer.path(key), syncer.mark(key), "safe-mode: true with safe-mode-duration: "
                    + cfg.safeModeDuration() + "; a zero duration turns the automatic safe mode off, which contradicts safe-mode: true");
        }
    }

    /** DM's ErrConfigGlobalConfigsUnused: a named rule no mysql-instances entry uses (block-allow-list excepted, as in DM). */
    private static void checkUnused(TaskConfig cfg, Values root, Map<String, Set<String>> used, Problems problems) {
        Map<String, Set<String>> defined = new java.util.LinkedHashMap<>();
        defined.put("routes", cfg.routes().keySet());
        defined.put("filters", cfg.filters().keySet());
        defined.put("expression-filter", cfg.expressionFilters().keySet());
        defined.put("mydumpers", cfg.mydumpers().keySet());
        defined.put("loaders", cfg.loaders().keySet());
        defined.put("syncers", cfg.syncers().keySet());
        defined.put("validators", cfg.validators().keySet());
        defined.forEach((section, names) -> {
            List<String> unused = new ArrayList<>();
            for (String n : names) {
                if (!used.getOrDefault(section, Set.of()).contains(n)) {
                    unused.add(n);
                }
            }
            for (String n : unused) {
                Values rule = root.named(section).get(n);
                problems.error(ConfigErrors.GLOBAL_CONFIG_UNUSED, section + "." + n, rule == null ? Mark.NONE : rule.mark(),
                        "`" + n + "` is defined in `" + section + "` but no mysql-instances entry uses it; reference it or delete it");
            }
        });
    }

    // -- with the source files ------------------------------------------------------------------------------

    static void checkSources(TaskConfig cfg, Collection<SourceConfig> sources, Problems problems) {
        Map<String, SourceConfig> byId = new HashMap<>();
        sources.forEach(s -> byId.put(s.sourceId(), s));
        for (MysqlInstance inst : cfg.mysqlInstances()) {
            SourceConfig source = byId.get(inst.sourceId());
            if (source == null) {
                problems.error(ConfigErrors.SOURCE_MISMATCH, "mysql-instances[" + cfg.mysqlInstances().indexOf(inst) + "].source-id", Mark.NONE,
                        "source `" + inst.sourceId() + "` does not exist" + Suggestions.didYouMean(inst.sourceId(), byId.keySet())
                                + "; existing sources: " + Suggestions.quoteAll(byId.keySet()));
            } else {
                checkSource(cfg, source, problems);
            }
        }
    }

    static void checkSource(TaskConfig cfg, SourceConfig source, Problems problems) {
        int index = cfg.sourceIds().indexOf(source.sourceId());
        if (index < 0) {
            problems.error(ConfigErrors.SOURCE_MISMATCH, "mysql-instances", Mark.NONE, "the task has no mysql-instances entry for source `"
                    + source.sourceId() + "`; its sources are " + Suggestions.quoteAll(cfg.sourceIds()));
            return;
        }
        MysqlInstance inst = cfg.mysqlInstances().get(index);
        if (cfg.taskMode() == TaskMode.INCREMENTAL && source.enableGtid() && inst.meta() != null && !inst.meta().hasGtid()) {
            problems.error(ConfigErrors.META_INVALID, "mysql-instances[" + index + "].meta.binlog-gtid", Mark.NONE,
                    "source `" + source.sourceId() + "` has enable-gtid: true, so an incremental task's meta needs binlog-gtid"
                            + " (binlog-name/binlog-pos alone cannot position a GTID stream)");
        }
    }
}
