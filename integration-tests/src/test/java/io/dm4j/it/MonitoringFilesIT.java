package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code conf/grafana/dm4j.json} and {@code conf/prometheus/alerts.yml} query only metrics a running master and
 * worker export: a task is run through dump, load and sync while both are scraped every 20 ms, and every metric
 * name the files use must have been served (or be one of DM's relay metrics, which the relay unit will serve).
 * The rules also pass {@code promtool check rules} and their unit tests ({@code alerts_test.yml}) where promtool
 * is installed (Debian's {@code prometheus} package).
 */
@ExtendWith(DatabasesExtension.class)
class MonitoringFilesIT {
    /** DM's relay metrics (dm-compat.md section 18); served while the worker runs a relay (RelayClusterIT scrapes them). */
    static final Set<String> DM_RELAY_METRICS = Set.of("dm_relay_binlog_file", "dm_relay_binlog_pos", "dm_relay_space",
            "dm_relay_write_size", "dm_relay_write_duration", "dm_relay_read_error_count", "dm_relay_write_error_count",
            "dm_relay_exit_with_error_count", "dm_relay_data_corruption", "dm_relay_read_binlog_duration");
    private static final Pattern METRIC = Pattern.compile("\\b((?:dm|dumpling|jvm|process)_[a-zA-Z0-9_]+)\\b(?!\\s*\\()");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private void scrapeInto(Proc proc, Set<String> names) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://" + proc.addr() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                Matcher m = SAMPLE.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (Exception e) {
            // the process may be starting; the next scrape counts
        }
    }

    /** Metric names in PromQL text (functions, labels and label values are not). */
    static Set<String> metricNames(String promql) {
        Set<String> out = new TreeSet<>();
        String withoutStrings = promql.replaceAll("\"[^\"]*\"", "\"\"");
        Matcher m = METRIC.matcher(withoutStrings);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> dashboardMetrics(JsonNode dashboard) {
        Set<String> out = new TreeSet<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                out.addAll(metricNames(t.get("expr").asText()));
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            out.addAll(metricNames(v.path("query").asText()));
        }
        return out;
    }

    private static Set<String> alertMetrics(JsonNode rules) {
        Set<String> out = new TreeSet<>();
        for (JsonNode g : rules.get("groups")) {
            for (JsonNode r : g.get("rules")) {
                out.addAll(metricNames(r.get("expr").asText()));
            }
        }
        return out;
    }

    @Test
    void dashboardAndAlertRulesUseExportedMetrics(TestDatabases dbs) throws Exception {
        Path root = Cluster.repoRoot();
        JsonNode dashboard = new ObjectMapper().readTree(root.resolve("conf/grafana/dm4j.json").toFile());
        JsonNode rules = new YAMLMapper().readTree(root.resolve("conf/prometheus/alerts.yml").toFile());
        Set<String> used = new TreeSet<>(dashboardMetrics(dashboard));
        used.addAll(alertMetrics(rules));
        assertTrue(used.size() > 20, "metric names found: " + used);
        List<String> alertNames = new ArrayList<>();
        rules.get("groups").forEach(g -> g.get("rules").forEach(r -> alertNames.add(r.get("alert").asText())));
        assertEquals(List.of("DM4JTaskPausedWithError", "DM4JUnitExitWithError", "DM4JReplicationLagHigh",
                "DM4JWorkerOffline", "DM4JRelayBehind", "DM4JRelayExitWithError", "DM4JRelayDataCorruption",
                "DM4JRelayReadErrors"), alertNames);

        String db = dbs.freshSchema("mon");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(200))",
                "INSERT INTO " + t + " VALUES (1, REPEAT('x', 200))");
        for (int i = 0; i < 17; i++) { // 131072 rows, so dump and load last long enough to be scraped
            dbs.execUp("INSERT INTO " + t + " SELECT id + (SELECT MAX(id) FROM " + t + "), v FROM " + t);
        }
        Set<String> served = new ConcurrentSkipListSet<>();
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-mon-it"))) {
            cluster.startMaster();
            Proc worker = cluster.startWorker("w1", 10);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("mon-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Thread scraper = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    scrapeInto(worker, served);
                    scrapeInto(cluster.master, served);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "scraper");
            scraper.start();
            try {
                Path task = cluster.writeFile("task.yaml", Samples.task("montask", "all", "mon-src", db, dbs.downstream()));
                Ctl start = cluster.dmctl("start-task", task.toString(), "--remove-meta");
                assertEquals(0, start.exit(), start.out());
                cluster.awaitSynced("montask", Duration.ofSeconds(180));
                dbs.execUp("INSERT INTO " + t + " VALUES (0, 'z')", "ALTER TABLE " + t + " ADD COLUMN c INT");
                awaitTrue("the DDL and a checkpoint flush are observed", Duration.ofSeconds(60),
                        () -> served.contains("dm_syncer_stmt_duration_time_bucket")
                                && served.contains("dm_syncer_flush_checkpoints_time_interval_bucket"));
            } finally {
                scraper.interrupt();
                scraper.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String name : used) {
            if (!served.contains(name) && !DM_RELAY_METRICS.contains(name)) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "used by the dashboard or the alerts but never served; served: " + served);
        assertTrue(served.contains("dm_loader_progress"), "load progress was scraped: " + served);
        assertTrue(served.contains("dumpling_dump_finished_rows"), "dump progress was scraped: " + served);
        promtool(root, "check", "rules", "conf/prometheus/alerts.yml");
        promtool(root.resolve("conf/prometheus"), "test", "rules", "alerts_test.yml");
    }

    /** Runs promtool when it is on the PATH; its absence is reported, not hidden. */
    private static void promtool(Path dir, String... args) throws Exception {
        Path exe = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "promtool");
            if (Files.isExecutable(p)) {
                exe = p;
                break;
            }
        }
        if (exe == null) {
            System.err.println("MonitoringFilesIT: promtool is not installed (Debian package `prometheus`); the rules"
                    + " were checked as YAML and for their metric names only");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
        assertFalse(out.contains("FAILED"), out);
    }
}
