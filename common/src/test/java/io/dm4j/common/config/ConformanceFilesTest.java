package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.position.Flavor;
import io.dm4j.testsupport.ConformanceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample in conf/ and every task/source file of the project's conformance corpus loads and validates. */
class ConformanceFilesTest {

    private static List<Path> cases() {
        try (Stream<Path> s = java.nio.file.Files.list(ConformanceFiles.cases())) {
            return s.filter(p -> java.nio.file.Files.isRegularFile(p.resolve("case.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCorpusFileLoadsWithoutWarnings() {
        List<Path> cases = cases();
        assertTrue(cases.size() >= 8, "expected the corpus's cases, found " + cases);
        for (Path c : cases) {
            LoadedConfig<TaskConfig> loaded = TaskConfig.check(Files.read(c.resolve("dm-task.yaml")),
                    c.resolve("dm-task.yaml").toString(), Encryptor.builtIn());
            assertEquals(List.of(), loaded.warnings(), c + ": the corpus uses current keys only");
            TaskConfig t = loaded.config();
            SourceConfig s = SourceConfig.load(c.resolve("source1.yaml"), Encryptor.builtIn());
            assertEquals("c4j-source-1", s.sourceId(), c.toString());
            assertEquals("c4j_" + c.getFileName(), t.name(), c + ": the task is named after its case");
            SubTaskConfig sub = t.subTask("c4j-source-1").withSource(s);
            assertNotNull(sub.blockAllowList());
            t.checkSource(s);
        }
    }

    @Test
    void corpusRulesReadAsWritten() {
        TaskConfig events = TaskConfig.load(ConformanceFiles.caseDir("event_filter").resolve("dm-task.yaml"), Encryptor.builtIn());
        SubTaskConfig sub = events.subTask("c4j-source-1");
        assertEquals(4, sub.filterRules().size());
        assertEquals(List.of("delete"), sub.filterRules().get(0).events());
        assertEquals(List.of("^DROP\\s+TABLE"), sub.filterRules().get(2).sqlPatterns());
        assertTrue(sub.filterRules().stream().allMatch(r -> r.action() == FilterAction.IGNORE));

        TaskConfig merge = TaskConfig.load(ConformanceFiles.caseDir("route_merge").resolve("dm-task.yaml"), Encryptor.builtIn());
        SubTaskConfig m = merge.subTask("c4j-source-1");
        assertEquals(2, m.routeRules().size());
        assertEquals("orders_(\\d+)", m.routeRules().get(0).extractTable().regexp());
        assertTrue(m.routeRules().get(1).isSchemaLevel());

        TaskConfig incremental = TaskConfig.load(ConformanceFiles.caseDir("incremental_mode").resolve("dm-task.yaml"),
                Encryptor.builtIn());
        assertEquals(TaskMode.INCREMENTAL, incremental.taskMode());
        TaskConfig full = TaskConfig.load(ConformanceFiles.caseDir("full_mode").resolve("dm-task.yaml"), Encryptor.builtIn());
        assertEquals(TaskMode.FULL, full.taskMode());
        assertFalse(full.subTask("c4j-source-1").blockAllowList().doDbs().isEmpty());
    }

    @Test
    void samplesInConfLoad() {
        SourceConfig source = SourceConfig.load(Files.conf("source.yaml"), Encryptor.builtIn());
        assertEquals("mariadb-01", source.sourceId());
        assertEquals(Flavor.MARIADB, source.flavor());
        assertTrue(source.enableGtid());
        assertEquals(3307, source.from().port());
        assertEquals("dm", source.from().user());
        assertEquals("dm", source.from().password().reveal());

        TaskConfig task = TaskConfig.load(Files.conf("task.yaml"), Encryptor.builtIn());
        task.checkSource(source);
        SubTaskConfig sub = task.subTask("mariadb-01").withSource(source);
        assertEquals(TaskMode.ALL, task.taskMode());
        assertEquals(3308, sub.targetDatabase().port());
        assertEquals(1, sub.routeRules().size());
        assertEquals(1, sub.filterRules().size());
        assertEquals("auto", sub.mydumper().consistency().orElseThrow());
        assertEquals("./dumped_data.demo", sub.dumpDir());

        MasterConfig master = MasterConfig.load(Files.conf("dm-master.toml"), Map.of());
        assertEquals("master1", master.name());
        assertEquals("127.0.0.1:8261", master.advertiseAddr());
        WorkerConfig worker = WorkerConfig.load(Files.conf("dm-worker.toml"), Map.of());
        assertEquals("worker1", worker.name());
        assertEquals(List.of("127.0.0.1:8261"), worker.joinAddrs());
    }
}
