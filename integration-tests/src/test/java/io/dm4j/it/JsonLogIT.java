package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dm-master and dm-worker with {@code --log-format json}: every line of their log files is one JSON object, also
 * the lines of a multi-line DDL and of an error with its stack trace.
 */
@ExtendWith(DatabasesExtension.class)
class JsonLogIT {
    private static List<JsonNode> parse(Path log) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            try {
                out.add(Cluster.JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError(log + ": a line that is not JSON: " + line, e);
            }
        }
        return out;
    }

    @Test
    void everyLogLineIsJson(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("jsonlog");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + t + " VALUES (1, 'a')");
        Path dir = Files.createTempDirectory("dm4j-jsonlog-it");
        try (Cluster cluster = new Cluster(dir, List.of("--log-format", "json"), List.of())) {
            cluster.startMaster();
            cluster.startWorker("w1", 10);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("json-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Path task = cluster.writeFile("task.yaml", Samples.task("jsontask", "all", "json-src", db, dbs.downstream()));
            Ctl start = cluster.dmctl("start-task", task.toString(), "--remove-meta");
            assertEquals(0, start.exit(), start.out());
            cluster.awaitSynced("jsontask", Duration.ofSeconds(60));
            String other = dbs.freshSchema("jsonlog_other");
            dbs.execUp("CREATE TABLE " + other + ".x (\n  id INT PRIMARY KEY,\n  note VARCHAR(20) DEFAULT 'a \"quoted\"\\\\ text'\n)");
            dbs.execDown("DROP TABLE " + t);
            dbs.execUp("INSERT INTO " + t + " VALUES (2, 'b')");
            awaitTrue("the worker logged the multi-line DDL and the failure with its stack trace", Duration.ofSeconds(60),
                    () -> {
                        try {
                            List<JsonNode> lines = parse(dir.resolve("w1.log"));
                            return lines.stream().anyMatch(l -> l.path("formattedMessage").asText().contains("(\n  id INT"))
                                    && lines.stream().anyMatch(l -> l.path("throwable").path("stepArray").size() > 0);
                        } catch (Exception e) {
                            return false;
                        }
                    });
        }
        for (String log : new String[] {"master.log", "w1.log"}) {
            List<JsonNode> lines = parse(dir.resolve(log));
            assertTrue(lines.size() > 3, log);
            for (JsonNode l : lines) {
                assertTrue(l.has("timestamp") && l.has("level") && l.has("loggerName") && l.has("formattedMessage"),
                        log + ": " + l);
            }
        }
    }
}
