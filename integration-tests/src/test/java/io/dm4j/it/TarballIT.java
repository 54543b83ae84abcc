package io.dm4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The release tarball ({@code dist/target/dm4j-VERSION.tar.gz}, built by {@code mvn package}) unpacked in an empty
 * directory: its own bin/ launchers, lib/ jars and conf/ samples start a master and a worker (from another working
 * directory, nothing of the source tree on any path) and replicate the demo schema ({@code conf/demo-schema.sql},
 * then {@code conf/demo-changes.sql}) with the task of {@code conf/task.yaml}.
 */
@ExtendWith(DatabasesExtension.class)
class TarballIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> DEMO_TABLES = List.of("demo.customers", "demo.orders");

    @Test
    void unpackedReleaseReplicatesTheDemoSchema(TestDatabases dbs) throws Exception {
        Path home = unpack(tarball(), Files.createTempDirectory("dm4j-release"));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")) && Files.isRegularFile(home.resolve("NOTICE")));
        assertTrue(Files.readString(home.resolve("NOTICE")).contains("mysql-binlog-connector-java"),
                "NOTICE lists the bundled libraries");
        try (Cluster cluster = Cluster.installed(home, Files.createTempDirectory("dm4j-release-run"))) {
            cluster.startMaster();
            // the first run records the class-data sharing archive beside the jar, the second maps it; both quietly
            for (int run = 1; run <= 2; run++) {
                Cluster.Ctl version = cluster.dmctlWith(List.of(), Duration.ofSeconds(60), "--version");
                assertTrue(version.ok() && version.out().matches("dmctl \\(dm4j\\) \\S+ \\(commit [0-9a-f]{12}\\), Java \\S+\\s*"),
                        "run " + run + ": " + version.out());
                try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
                    assertEquals(1, lib.filter(p -> p.getFileName().toString().matches("dmctl-.*\\.jsa")).count(),
                            "run " + run + ": one AppCDS archive for dmctl in lib/");
                }
            }
            cluster.startWorker("release-w1", 10, true);

            dbs.execDown("DROP DATABASE IF EXISTS demo");
            ConformanceRunner.runScript(dbs.upstream(), Files.readString(home.resolve("conf/demo-schema.sql")));
            ObjectNode source = ConformanceRunner.sourceAt((ObjectNode) YAML.readTree(home.resolve("conf/source.yaml").toFile()),
                    dbs.upstream());
            ObjectNode task = (ObjectNode) YAML.readTree(home.resolve("conf/task.yaml").toFile());
            ConformanceRunner.pointAt((ObjectNode) task.get("target-database"), dbs.downstream());
            String taskName = task.get("name").asText();
            Cluster.Ctl created = cluster.dmctl("operate-source", "create",
                    cluster.writeFile("source.yaml", YAML.writeValueAsString(source)).toString());
            assertTrue(created.ok(), created.out());
            try {
                Cluster.Ctl started = cluster.dmctl("start-task", "--remove-meta",
                        cluster.writeFile("task.yaml", YAML.writeValueAsString(task)).toString());
                assertTrue(started.ok(), started.out());
                cluster.awaitSynced(taskName, Duration.ofSeconds(120));
                ConformanceRunner.runScript(dbs.upstream(), Files.readString(home.resolve("conf/demo-changes.sql")));
                Cluster.awaitTrue("the demo's changes downstream", Duration.ofSeconds(120), () -> sameDemoTables(dbs));
                for (String table : DEMO_TABLES) {
                    TableChecksum.assertSameContent(dbs.upstream(), table, dbs.downstream(), table);
                }
                assertEquals(List.of(List.of("5")), dbs.queryDown("SELECT COUNT(*) FROM demo.orders"));
            } finally {
                cluster.dmctl("stop-task", taskName);
                cluster.dmctl("operate-source", "stop", source.get("source-id").asText());
            }
        }
    }

    private static boolean sameDemoTables(TestDatabases dbs) {
        try {
            for (String table : DEMO_TABLES) {
                TableChecksum.assertSameContent(dbs.upstream(), table, dbs.downstream(), table);
            }
            return true;
        } catch (AssertionError | java.sql.SQLException e) {
            return false;
        }
    }

    private static Path tarball() throws IOException {
        Path target = Cluster.repoRoot().resolve("dist/target");
        List<Path> found;
        try (Stream<Path> s = Files.list(target)) {
            found = s.filter(p -> p.getFileName().toString().matches("dm4j-.+\\.tar\\.gz")).toList();
        }
        assertEquals(1, found.size(), "one release tarball in " + target + " (built by mvn package): " + found);
        return found.get(0);
    }

    /** tar -xzf into an empty directory; returns the one top-level directory it holds. */
    private static Path unpack(Path tarball, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(120, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed: " + out);
        try (Stream<Path> s = Files.list(into)) {
            List<Path> top = s.toList();
            assertEquals(1, top.size(), "the tarball holds one directory: " + top);
            return top.get(0);
        }
    }
}
