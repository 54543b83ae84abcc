package io.dm4j.common.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.config.LogFileConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void backToStandardOutput() {
        DaemonLogging.configure("info", "", "text");
    }

    @Test
    void jsonFormatIsOneValidObjectPerLineWithMultiLineSqlAndStackTraces(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dm-worker.log");
        DaemonLogging.configure("info", file.toString(), "json");
        Logger log = LoggerFactory.getLogger("io.dm4j.test.Json");
        String sql = "CREATE TABLE `t` (\n  `id` INT PRIMARY KEY,\n  `v` VARCHAR(8) DEFAULT 'a\\\\b \"q\"'\n)\t-- end";
        log.info("DDL not replicated: {}", sql);
        log.error("apply failed", new SQLException("Duplicate entry '1' for key 'PRIMARY'\nsecond line", "23000", 1062,
                new IllegalStateException("cause")));
        DaemonLogging.configure("info", "", "text"); // flushes and closes the file

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), String.join("\n", lines));
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line)); // throws on any line that is not one JSON object
        }
        assertEquals("INFO", events.get(0).get("level").asText());
        assertEquals("io.dm4j.test.Json", events.get(0).get("loggerName").asText());
        assertEquals("DDL not replicated: " + sql, events.get(0).get("formattedMessage").asText());
        JsonNode thrown = events.get(1).get("throwable");
        assertEquals("java.sql.SQLException", thrown.get("className").asText(), lines.get(1));
        assertTrue(thrown.get("message").asText().contains("\nsecond line"), lines.get(1));
        assertTrue(thrown.get("stepArray").size() > 0, lines.get(1));
        assertEquals("java.lang.IllegalStateException", thrown.get("cause").get("className").asText(), lines.get(1));
    }

    @Test
    void logFileRollsOverAtLogMaxSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dm-master.log");
        DaemonLogging.configure("info", file.toString(), "text", new LogFileConfig("day", 1, 0, 0), Duration.buildByMilliseconds(0));
        Logger log = LoggerFactory.getLogger("io.dm4j.test.Rolling");
        String kib = "x".repeat(1024);
        for (int i = 0; i < 3 * 1024; i++) { // about 3 MiB of lines
            log.info("{} {}", i, kib);
        }
        DaemonLogging.configure("info", "", "text");

        List<Path> rolled;
        try (Stream<Path> files = Files.list(dir)) {
            rolled = files.filter(p -> p.getFileName().toString().startsWith("dm-master.log.")).toList();
        }
        assertTrue(rolled.size() >= 2, "rolled files: " + rolled);
        for (Path p : rolled) {
            assertTrue(p.getFileName().toString().matches("dm-master\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+"), p.toString());
            assertTrue(Files.size(p) <= 2L * 1024 * 1024, p + " is " + Files.size(p) + " bytes");
        }
        assertTrue(Files.size(file) <= 2L * 1024 * 1024);
    }
}
