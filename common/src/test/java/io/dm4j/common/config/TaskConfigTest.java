package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.position.BinlogPosition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults and the per-source resolution of task files. */
class TaskConfigTest {

    private static final String MINIMAL = """
            name: minimal
            task-mode: incremental
            target-database:
              host: db
            mysql-instances:
              - source-id: s1
            """;

    @Test
    void defaultsFollowDm() {
        TaskConfig t = TaskYaml.parse(MINIMAL);
        assertEquals("dm_meta", t.metaSchema());
        assertEquals(ShardMode.NONE, t.shardMode());
        assertTrue(t.onlineDdl());
        assertTrue(t.cleanDumpFile());
        assertFalse(t.caseSensitive());
        assertEquals(CollationCompatible.LOOSE, t.collationCompatible());
        assertEquals("", t.timezone());
        assertEquals(3306, t.targetDatabase().port());
        assertFalse(t.experimental().asyncCheckpointFlush());

        SubTaskConfig s = t.subTask("s1");
        assertEquals(BlockAllowListRule.allowAll(), s.blockAllowList());
        assertEquals(List.of(TaskConfig.DEFAULT_SHADOW_TABLE_RULE), s.shadowTableRules());
        assertEquals(List.of(TaskConfig.DEFAULT_TRASH_TABLE_RULE), s.trashTableRules());
        assertNull(s.meta());
        assertTrue(s.routeRules().isEmpty());
        assertFalse(s.targetDatabase().sessionValue("time_zone").isPresent());

        MydumperConfig d = s.mydumper();
        assertEquals(4, d.threads());
        assertEquals("64", d.chunkFilesize());
        assertEquals(64L << 20, d.chunkFilesizeBytes());
        assertTrue(d.skipTzUtc());
        assertTrue(d.consistency().isEmpty());

        LoaderConfig l = s.loader();
        assertEquals(16, l.poolSize());
        assertEquals("./dumped_data", l.dir());
        assertEquals(ImportMode.LOGICAL, l.importMode());
        assertEquals(OnDuplicateLogical.REPLACE, l.onDuplicateLogical());
        assertEquals(OnDuplicatePhysical.NONE, l.onDuplicatePhysical());
        assertEquals(PostOpLevel.REQUIRED, l.checksumPhysical());
        assertEquals(PostOpLevel.OPTIONAL, l.analyze());
        assertTrue(l.deferSecondaryIndexes());
        assertEquals(1L << 20, l.deferSecondaryIndexesMinBytes(), "tables under 1 MB keep their indexes");
        assertEquals("./dumped_data.minimal", s.dumpDir());

        SyncerConfig y = s.syncer();
        assertEquals(16, y.workerCount());
        assertEquals(100, y.batch());
        assertEquals(1024, y.queueSize());
        assertEquals(30, y.checkpointFlushInterval());
        assertFalse(y.safeMode());
        assertEquals("", y.safeModeDuration());
        assertEquals(Duration.ofSeconds(60), y.effectiveSafeModeDuration());
        assertFalse(y.compact());
        assertFalse(y.multipleRows());
        assertFalse(y.splitTransactions(), "an upstream transaction commits downstream as one unless asked");

        ValidatorConfig v = s.validator();
        assertEquals(ValidationMode.NONE, v.mode());
        assertEquals(4, v.workerCount());
        assertEquals(Duration.ofSeconds(10), v.validateInterval());
        assertEquals(Duration.ofSeconds(5), v.checkInterval());
        assertEquals(Duration.ofMinutes(30), v.rowErrorDelay());
        assertEquals(Duration.ofMinutes(5), v.metaFlushInterval());
        assertEquals(100, v.batchQuerySize());
        assertEquals(500L << 20, v.maxPendingRowSizeBytes());
        assertEquals(Integer.MAX_VALUE, v.maxPendingRowCount());
    }

    @Test
    void inlineSettingsReferencesAndThreadShortcuts() {
        String yaml = """
                name: t
                task-mode: all
                target-database: {host: db}
                mysql-instances:
                  - source-id: a
                    mydumper:
                      threads: 2
                      extra-args: "--consistency=none --rows 1000"
                    mydumper-thread: 8
                    loader-config-name: big
                    loader-thread: 3
                    syncer:
                      worker-count: 5
                      checkpoint-flush-interval: 10
                      split-transactions: true
                    syncer-thread: 7
                  - source-id: b
                    loader-config-name: big
                    validator-config-name: check
                loaders:
                  big:
                    pool-size: 32
                    dir: s3://bucket/dump?region=x
                    on-duplicate: ignore
                    defer-secondary-indexes-min-size: 512KiB
                validators:
                  check:
                    mode: fast
                    worker-count: 0
                """;
        TaskConfig t = TaskYaml.parse(yaml);
        SubTaskConfig a = t.subTask("a");
        assertEquals(8, a.mydumper().threads(), "mydumper-thread overrides threads");
        assertEquals("none", a.mydumper().consistency().orElseThrow());
        assertEquals(List.of("--consistency=none", "--rows", "1000"), a.mydumper().extraArgList());
        assertEquals(3, a.loader().poolSize(), "loader-thread overrides pool-size");
        assertEquals(7, a.syncer().workerCount(), "syncer-thread overrides worker-count");
        assertTrue(a.syncer().splitTransactions());
        assertFalse(t.subTask("b").syncer().splitTransactions());
        assertEquals(Duration.ofSeconds(20), a.safeModeDuration());
        assertEquals(OnDuplicateLogical.IGNORE, a.loader().onDuplicateLogical(), "legacy on-duplicate");
        assertEquals("s3://bucket/dump/t.a?region=x", a.dumpDir());

        SubTaskConfig b = t.subTask("b");
        assertEquals(32, b.loader().poolSize());
        assertEquals(512L << 10, b.loader().deferSecondaryIndexesMinBytes());
        assertEquals(MydumperConfig.DEFAULT, b.mydumper());
        assertEquals(ValidationMode.FAST, b.validator().mode());
        assertEquals(4, b.validator().workerCount(), "0 means the default");
        assertEquals(List.of("a", "b"), t.sourceIds());
        assertEquals(2, t.subTasks().size());
    }

    @Test
    void legacyKeysResolve() {
        TaskConfig t = TaskYaml.parse(MINIMAL + "is-sharding: true\nonline-ddl: false\nonline-ddl-scheme: gh-ost\ntimezone: Asia/Shanghai\n");
        assertEquals(ShardMode.PESSIMISTIC, t.shardMode());
        assertTrue(t.legacy().isSharding());
        assertTrue(t.onlineDdl(), "online-ddl-scheme turns online-ddl on");
        assertEquals("gh-ost", t.legacy().onlineDdlScheme());
        assertEquals("Asia/Shanghai", t.subTask("s1").targetDatabase().sessionValue("TIME_ZONE").orElseThrow());
        TaskConfig explicit = TaskYaml.parse(MINIMAL + "is-sharding: true\nshard-mode: optimistic\n");
        assertEquals(ShardMode.OPTIMISTIC, explicit.shardMode());
    }

    @Test
    void metaGivesTheStartPoint() {
        TaskConfig t = TaskYaml.parse(MINIMAL.replace("  - source-id: s1\n",
                "  - source-id: s1\n    meta:\n      binlog-name: up-bin.000002\n      binlog-pos: 1234\n"));
        BinlogMeta meta = t.subTask("s1").meta();
        assertEquals(new BinlogPosition("up-bin.000002", 1234), meta.position().orElseThrow());
        assertFalse(meta.hasGtid());
    }

    @Test
    void sourceFiltersAreMergedTaskFirst() {
        String yaml = TaskYaml.VALID;
        TaskConfig t = TaskYaml.parse(yaml);
        SourceConfig source = SourceConfig.parse("""
                source-id: s1
                case-sensitive: true
                from: {host: up}
                filters:
                  - schema-pattern: DB
                    events: [delete]
                    action: Ignore
                  - schema-pattern: other
                    table-pattern: "t*"
                    events: [truncate table]
                    action: Error
                """, "source.yaml", Encryptor.builtIn());
        SubTaskConfig merged = t.subTask("s1").withSource(source);
        assertTrue(merged.caseSensitive(), "either file being case-sensitive makes the subtask case-sensitive");
        List<BinlogEventRule> rules = merged.filterRules();
        assertEquals(3, rules.size(), "DB differs from db when case-sensitive, so both stay");
        assertEquals(List.of("insert"), rules.get(0).events());
        assertEquals(FilterAction.ERROR, rules.get(2).action());

        List<BinlogEventRule> insensitive = SubTaskConfig.mergeFilters(t.filters().values().stream().toList(), source.filters(), false);
        assertEquals(2, insensitive.size(), "task rule db wins over source rule DB");
        assertEquals(List.of("insert"), insensitive.get(0).events());
    }

    @Test
    void unknownSourceOfSubTaskIsAnError() {
        DmException e = assertThrows(DmException.class, () -> TaskYaml.parse(MINIMAL).subTask("s2"));
        assertEquals(ConfigErrors.SOURCE_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("`s1`"), e.getMessage());
    }

    @Test
    void incrementalTaskOnGtidSourceNeedsBinlogGtid() {
        TaskConfig t = TaskYaml.parse(MINIMAL.replace("  - source-id: s1\n",
                "  - source-id: s1\n    meta:\n      binlog-name: up-bin.000001\n      binlog-pos: 4\n"));
        SourceConfig gtid = SourceConfig.parse("source-id: s1\nenable-gtid: true\nfrom: {host: up}\n", "source.yaml", Encryptor.builtIn());
        DmException e = assertThrows(DmException.class, () -> t.checkSource(gtid));
        assertEquals(ConfigErrors.META_INVALID, e.code());
        assertTrue(e.getMessage().contains("mysql-instances[0].meta.binlog-gtid"), e.getMessage());
        assertTrue(e.getMessage().contains("enable-gtid: true"), e.getMessage());

        SourceConfig filePos = SourceConfig.parse("source-id: s1\nfrom: {host: up}\n", "source.yaml", Encryptor.builtIn());
        t.checkSource(filePos);
        DmException missing = assertThrows(DmException.class, () -> t.checkSources(List.of()));
        assertEquals(ConfigErrors.SOURCE_MISMATCH, missing.code());
        assertTrue(missing.getMessage().contains("source `s1` does not exist"), missing.getMessage());
        assertTrue(missing.getMessage().contains("task `minimal` with its sources, key `mysql-instances[0].source-id`"), missing.getMessage());
    }

    @Test
    void metaOfANonIncrementalTaskIsIgnoredWithAWarning() {
        LoadedConfig<TaskConfig> loaded = TaskConfig.check(MINIMAL.replace("incremental", "all").replace("  - source-id: s1\n",
                "  - source-id: s1\n    meta:\n      binlog-gtid: \"0-1-5\"\n"), "task.yaml", Encryptor.builtIn());
        assertEquals(List.of("mysql-instances[0].meta"), loaded.warnings().stream().map(ConfigProblem::key).toList());
        assertEquals(7, loaded.warnings().get(0).mark().line());
    }

    @Test
    void warningsAreReturnedForDeprecatedKeys() {
        LoadedConfig<TaskConfig> loaded = TaskConfig.check(MINIMAL + "enable-heartbeat: true\nremove-meta: true\n", "task.yaml", Encryptor.builtIn());
        assertEquals(List.of("enable-heartbeat", "remove-meta"), loaded.warnings().stream().map(ConfigProblem::key).toList());
        assertTrue(loaded.warnings().get(1).message().contains("start-task --remove-meta"));
        assertTrue(loaded.config().legacy().removeMeta());
    }

    @Test
    void readsFromFile() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("task", ".yaml");
        try {
            java.nio.file.Files.writeString(f, MINIMAL);
            assertEquals("minimal", TaskConfig.load(f, Encryptor.builtIn()).name());
        } finally {
            java.nio.file.Files.delete(f);
        }
        DmException e = assertThrows(DmException.class, () -> TaskConfig.load(java.nio.file.Path.of("/nonexistent/task.yaml")));
        assertEquals(ConfigErrors.READ_FILE, e.code());
        assertTrue(e.getMessage().contains("/nonexistent/task.yaml"));
    }

    @Test
    void yamlAnchorsAliasesAndMergeKeysWork() {
        TaskConfig t = TaskYaml.parse("""
                name: anchors
                task-mode: all
                target-database: {host: db}
                mysql-instances:
                  - &common
                    source-id: a
                    block-allow-list: bal
                    syncer-config-name: global
                    syncer-thread: 2
                  - <<: *common
                    source-id: b
                    syncer-thread: 9
                block-allow-list:
                  bal:
                    do-dbs: &dbs [db]
                    ignore-dbs: *dbs
                syncers:
                  global:
                    batch: 10
                """);
        assertEquals(2, t.subTask("a").syncer().workerCount());
        assertEquals(9, t.subTask("b").syncer().workerCount(), "a key written in the mapping wins over a merged one");
        assertEquals(10, t.subTask("b").syncer().batch());
        assertEquals(List.of("db"), t.subTask("b").blockAllowList().doDbs());
        assertEquals(List.of("db"), t.subTask("b").blockAllowList().ignoreDbs(), "an alias repeats the anchored value");
    }
}
