package io.dm4j.common.config;

import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.filter.RouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One source's resolved view of a task: what a worker's units need, with every reference followed and every
 * default applied. Build it with {@link TaskConfig#subTask(String)}; merge the source file's own binlog event
 * filters with {@link #withSource(SourceConfig)}.
 *
 * @param meta           start point of an incremental task without checkpoint; null when not given
 * @param targetDatabase the downstream; its session carries {@code time_zone} when the task sets {@code timezone}
 * @param blockAllowList {@link BlockAllowListRule#allowAll()} when the instance names none
 * @param taskSources    how many sources the whole task has ({@code mysql-instances}); with more than one, other
 *                       sources' rows may share this source's target tables
 */
public record SubTaskConfig(String name, TaskMode taskMode, String sourceId, ShardMode shardMode,
                            boolean strictOptimisticShardMode, boolean onlineDdl, List<String> shadowTableRules,
                            List<String> trashTableRules, boolean caseSensitive, CollationCompatible collationCompatible,
                            List<String> ignoreCheckingItems, String metaSchema, String timezone, BinlogMeta meta,
                            DbConfig targetDatabase, BlockAllowListRule blockAllowList, List<RouteRule> routeRules,
                            List<BinlogEventRule> filterRules, List<ExpressionFilterRule> expressionFilters,
                            MydumperConfig mydumper, LoaderConfig loader, SyncerConfig syncer, ValidatorConfig validator,
                            boolean cleanDumpFile, boolean asyncCheckpointFlush, int taskSources) {

    public SubTaskConfig {
        shadowTableRules = List.copyOf(shadowTableRules);
        trashTableRules = List.copyOf(trashTableRules);
        ignoreCheckingItems = List.copyOf(ignoreCheckingItems);
        routeRules = List.copyOf(routeRules);
        filterRules = List.copyOf(filterRules);
        expressionFilters = List.copyOf(expressionFilters);
    }

    static SubTaskConfig resolve(TaskConfig task, MysqlInstance inst) {
        MydumperConfig mydumper = inst.mydumper() != null ? inst.mydumper()
                : task.mydumpers().getOrDefault(inst.mydumperConfigName(), MydumperConfig.DEFAULT);
        if (inst.mydumperThread() != 0) {
            mydumper = mydumper.withThreads(inst.mydumperThread());
        }
        LoaderConfig loader = inst.loader() != null ? inst.loader()
                : task.loaders().getOrDefault(inst.loaderConfigName(), LoaderConfig.DEFAULT);
        if (inst.loaderThread() != 0) {
            loader = loader.withPoolSize(inst.loaderThread());
        }
        SyncerConfig syncer = inst.syncer() != null ? inst.syncer()
                : task.syncers().getOrDefault(inst.syncerConfigName(), SyncerConfig.DEFAULT);
        if (inst.syncerThread() != 0) {
            syncer = syncer.withWorkerCount(inst.syncerThread());
        }
        ValidatorConfig validator = task.validators().getOrDefault(inst.validatorConfigName(), ValidatorConfig.DEFAULT);
        DbConfig target = task.targetDatabase();
        if (target != null && !task.timezone().isEmpty()) {
            target = target.withSession("time_zone", task.timezone()); // DM forces the task's zone on the session
        }
        return new SubTaskConfig(task.name(), task.taskMode(), inst.sourceId(), task.shardMode(), task.strictOptimisticShardMode(),
                task.onlineDdl(), TaskConfig.anchored(task.shadowTableRules(), TaskConfig.DEFAULT_SHADOW_TABLE_RULE),
                TaskConfig.anchored(task.trashTableRules(), TaskConfig.DEFAULT_TRASH_TABLE_RULE), task.caseSensitive(),
                task.collationCompatible(), task.ignoreCheckingItems(), task.metaSchema(), task.timezone(), inst.meta(), target,
                task.blockAllowList().getOrDefault(inst.blockAllowList(), BlockAllowListRule.allowAll()),
                pick(inst.routeRules(), task.routes()), pick(inst.filterRules(), task.filters()),
                pick(inst.expressionFilters(), task.expressionFilters()),
                mydumper, loader, syncer, validator, task.cleanDumpFile(), task.experimental().asyncCheckpointFlush(),
                task.mysqlInstances().size());
    }

    private static <T> List<T> pick(List<String> names, java.util.Map<String, T> rules) {
        List<T> out = new ArrayList<>();
        for (String n : names) {
            T rule = rules.get(n);
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }

    /**
     * This view with the source file's settings that affect it, as DM's worker does: the source's binlog event
     * filters are added after the task's (a task rule for the same schema/table patterns wins), and names are
     * case-sensitive if either file says so.
     */
    public SubTaskConfig withSource(SourceConfig source) {
        if (!source.sourceId().equals(sourceId)) {
            throw new IllegalArgumentException("source `" + source.sourceId() + "` is not this subtask's source `" + sourceId + "`");
        }
        boolean sensitive = caseSensitive || source.caseSensitive();
        return new SubTaskConfig(name, taskMode, sourceId, shardMode, strictOptimisticShardMode, onlineDdl, shadowTableRules,
                trashTableRules, sensitive, collationCompatible, ignoreCheckingItems, metaSchema, timezone, meta, targetDatabase,
                blockAllowList, routeRules, mergeFilters(filterRules, source.filters(), sensitive), expressionFilters, mydumper,
                loader, syncer, validator, cleanDumpFile, asyncCheckpointFlush, taskSources);
    }

    /** Task rules first, then source rules whose schema/table patterns no task rule already has. */
    public static List<BinlogEventRule> mergeFilters(List<BinlogEventRule> taskRules, List<BinlogEventRule> sourceRules,
                                                     boolean caseSensitive) {
        List<BinlogEventRule> out = new ArrayList<>(taskRules);
        for (BinlogEventRule s : sourceRules) {
            boolean exists = taskRules.stream().anyMatch(t -> samePattern(t.schemaPattern(), s.schemaPattern(), caseSensitive)
                    && samePattern(t.tablePattern(), s.tablePattern(), caseSensitive));
            if (!exists) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean samePattern(String a, String b, boolean caseSensitive) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        return caseSensitive ? x.equals(y) : x.toLowerCase(Locale.ROOT).equals(y.toLowerCase(Locale.ROOT));
    }

    /** Where the dump unit writes and the load unit reads: {@code <dir>.<task>} locally, {@code <dir>/<task>.<source>} on S3. */
    public String dumpDir() {
        String dir = loader.dir();
        if (loader.isS3()) {
            int q = dir.indexOf('?');
            String base = q < 0 ? dir : dir.substring(0, q);
            String query = q < 0 ? "" : dir.substring(q);
            return (base.endsWith("/") ? base : base + "/") + name + "." + sourceId + query;
        }
        String local = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return local + "." + name;
    }

    /** The safe-mode window after an unclean stop (see {@link SyncerConfig#effectiveSafeModeDuration()}). */
    public java.time.Duration safeModeDuration() {
        return syncer.effectiveSafeModeDuration();
    }
}
