package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.daemon.DaemonLogging;
import io.dm4j.common.daemon.LogRedaction;
import io.dm4j.worker.sync.ddl.DdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DDL statements the sync unit logs go through {@link LogRedaction}: redact-info-log hides their literals. */
class DdlLogRedactionTest {
    private static final String TASK = """
            name: "t"
            task-mode: incremental
            target-database: {host: "127.0.0.1", port: 1, user: "root", password: ""}
            mysql-instances:
              - source-id: "s1"
                block-allow-list: "only"
            block-allow-list:
              only:
                do-dbs: ["app"]
            """;

    @AfterEach
    void reset() {
        LogRedaction.configure(false);
        DaemonLogging.configure("info", "", "text");
    }

    @Test
    void skippedDdlIsLoggedWithoutItsLiteralsUnderRedactInfoLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("dm-worker.log");
        DaemonLogging.configure("info", log.toString(), "text");
        LogRedaction.configure(true);
        DdlHandler ddl = new DdlHandler(new DdlParser(),
                new TableSelection(TaskConfig.parse(TASK, "task.yaml").subTask("s1")), null, null, null);

        assertTrue(ddl.plan("other", "ALTER TABLE t ADD COLUMN c VARCHAR(20) DEFAULT 'card-4111111111111111'").isEmpty());
        DaemonLogging.configure("info", "", "text");

        String text = Files.readString(log);
        assertTrue(text.contains("DDL not replicated"), text);
        assertTrue(text.contains("DEFAULT ?"), text);
        assertFalse(text.contains("4111111111111111"), text);
    }
}
