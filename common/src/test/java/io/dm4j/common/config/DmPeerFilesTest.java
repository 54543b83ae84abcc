package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.position.Flavor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every task/source file of DM's own test cases loads and validates unchanged. Needs {@code shared/} beside the
 * checkout: runs only in the {@code dm-peer-suite} profile ({@code DM4J_SHARED}), like every {@code *DmPeer*} test.
 */
class DmPeerFilesTest {

    @Test
    void everyPeerSuiteFileLoads() {
        List<Path> cases = Files.peerCases();
        assertTrue(cases.size() >= 10, "expected DM's test cases, found " + cases);
        int tasks = 0;
        for (Path c : cases) {
            String task = Files.read(c.resolve("dm-task.yaml"));
            String source = Files.read(c.resolve("source1.yaml"));
            if (c.getFileName().toString().equals("incremental_mode")) {
                task = fillIncrementalPlaceholders(task);
                source = source.replace("binlog-gtid-placeholder", "");
            }
            TaskConfig t = TaskConfig.parse(task, c.resolve("dm-task.yaml").toString(), Encryptor.builtIn());
            SourceConfig s = SourceConfig.parse(source, c.resolve("source1.yaml").toString(), Encryptor.builtIn());
            assertEquals("mysql-replica-01", s.sourceId(), c.toString());
            assertFalse(t.mysqlInstances().isEmpty());
            SubTaskConfig sub = t.subTask("mysql-replica-01").withSource(s);
            assertNotNull(sub.blockAllowList());
            t.checkSource(s);
            tasks++;
        }
        assertEquals(cases.size(), tasks);
    }

    /** As DM's run.sh does before starting the task. */
    static String fillIncrementalPlaceholders(String task) {
        return task.replace("binlog-gtid-placeholder-1", "\"0-1-1\"")
                .replace("binlog-name-placeholder-2", "up-bin.000001")
                .replace("binlog-pos-placeholder-2", "4");
    }

    @Test
    void incrementalPlaceholdersAreAClearError() {
        Path file = Files.peerSuites().resolve("incremental_mode/dm-task.yaml");
        DmException e = assertThrows(DmException.class, () -> TaskConfig.load(file, Encryptor.builtIn()));
        assertEquals(ConfigErrors.INVALID_VALUE, e.code());
        assertTrue(e.getMessage().contains("mysql-instances[1].meta.binlog-pos"), e.getMessage());
        assertTrue(e.getMessage().contains("binlog-pos-placeholder-2"), e.getMessage());
        assertTrue(e.getMessage().contains("line 30"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void allModeKeepsDeprecatedKeysAndYaml11Scalars() {
        LoadedConfig<TaskConfig> loaded = TaskConfig.check(Files.read(Files.peerSuites().resolve("all_mode/dm-task.yaml")), "all_mode",
                Encryptor.builtIn());
        TaskConfig t = loaded.config();
        assertEquals(TaskMode.ALL, t.taskMode());
        assertEquals(ShardMode.NONE, t.shardMode());
        assertEquals("+04:00", t.timezone());
        // session values stay text exactly as written, including YAML 1.1 `off`
        assertEquals(Map.of("tidb_skip_utf8_check", "1", "tidb_disable_txn_auto_retry", "off", "tidb_retry_limit", "10"),
                t.targetDatabase().session());
        // black-white-list (deprecated) provides the block-allow-list
        SubTaskConfig sub = t.subTask("mysql-replica-01");
        assertEquals(List.of("all_mode"), sub.blockAllowList().doDbs());
        assertEquals(List.of("ignore_db"), sub.blockAllowList().ignoreDbs());
        assertEquals(sub.blockAllowList(), t.subTask("mysql-replica-02").blockAllowList());
        // import-mode: sql is the legacy spelling of logical
        assertEquals(ImportMode.LOGICAL, sub.loader().importMode());
        // the unknown event name "truncate" is dropped with a warning; the known ones stay
        assertEquals(List.of("truncate table", "drop table"), sub.filterRules().get(0).events());
        assertEquals(FilterAction.IGNORE, sub.filterRules().get(0).action());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.key().equals("filters.user-filter-1.events") && w.message().contains("`truncate`")),
                loaded.warnings().toString());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.key().equals("heartbeat-update-interval")));
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.key().equals("syncers.global.enable-ansi-quotes")));
        // task timezone is forced on the downstream session
        assertEquals("+04:00", sub.targetDatabase().sessionValue("time_zone").orElseThrow());
    }

    @Test
    void printStatusExtraArgsAndZeroChunkSize() {
        TaskConfig t = TaskConfig.load(Files.peerSuites().resolve("print_status/dm-task.yaml"), Encryptor.builtIn());
        MydumperConfig d = t.subTask("mysql-replica-01").mydumper();
        assertEquals("0", d.chunkFilesize());
        assertEquals(0, d.chunkFilesizeBytes());
        assertEquals("4000", d.extraArg("statement-size").orElseThrow());
    }

    @Test
    void duplicateEventRoutesInOrderAndFlushInterval() {
        TaskConfig t = TaskConfig.load(Files.peerSuites().resolve("duplicate_event/dm-task.yaml"), Encryptor.builtIn());
        SubTaskConfig sub = t.subTask("mysql-replica-01");
        assertEquals(2, sub.routeRules().size());
        assertTrue(sub.routeRules().get(0).isSchemaLevel(), "global-schema is listed first");
        assertEquals("t1", sub.routeRules().get(1).tablePattern());
        assertEquals(1, sub.syncer().checkpointFlushInterval());
        assertEquals(java.time.Duration.ofSeconds(2), sub.safeModeDuration());
        assertFalse(t.cleanDumpFile());
    }

    @Test
    void sourceFilesKeepDmSemantics() {
        SourceConfig s = SourceConfig.load(Files.peerSuites().resolve("duplicate_event/source1.yaml"), Encryptor.builtIn());
        assertEquals(111111111L, s.serverId());
        assertEquals(Flavor.MYSQL, s.flavor());
        assertTrue(s.enableGtid());
        assertFalse(s.checker().checkEnable());
        assertEquals("123456", s.from().password().reveal());
        SourceConfig auto = SourceConfig.load(Files.peerSuites().resolve("all_mode/source1.yaml"), Encryptor.builtIn());
        assertEquals(null, auto.flavor(), "flavor '' means detect");
        assertTrue(auto.enableRelay());
    }
}
