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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The master's web dashboard in headless Chromium against a running cluster: the page shows the task (stage, unit,
 * lag) and the source with its worker; a click on Pause pauses the task (query-status confirms), Resume resumes it.
 * A second test catches a live task in its dump (held by the worker's test-only dump hold) and in its load (held by
 * a row lock downstream), checks the per-table bars, then breaks replication and resumes it from the page.
 * Saves screenshots to {@code target/dashboard*.png} (docs/images/dashboard.png is one of these).
 */
@ExtendWith(DatabasesExtension.class)
class DashboardIT {
    private static final String TASK_CELLS = "(() => { const t = document.querySelector('[data-task=\"dashtask\"]');"
            + " return t ? t.querySelector('.sub-stage').textContent + '/' + t.querySelector('.unit').textContent : ''; })()";

    /** Three subtasks: one dumping, one loading, one paused by an error (fields as the worker's status records). */
    private static final String OTHER_UNITS = "[{name: 'other', desired_stage: 'Running', subtasks: ["
            + "{source: 's1', worker: 'w1', stage: 'Running', unit: 'Dump', errors: [], dump: {totalTables: 5, completedTables: 2,"
            + " finishedBytes: 10, finishedRows: 40, estimateTotalRows: 100, bps: 1, progress: '40.00 %', totalChunks: 20, completedChunks: 7}},"
            + "{source: 's2', worker: 'w2', stage: 'Running', unit: 'Load', errors: [], load: {finishedBytes: 300, totalBytes: 400,"
            + " progress: '75.00 %', totalFiles: 4, finishedFiles: 3}},"
            + "{source: 's3', worker: 'w3', stage: 'Paused', unit: 'Sync', errors: [{code: 36201, message: 'a row was refused',"
            + " raw_cause: 'Data too long for column v', workaround: 'Widen the column downstream, then resume-task.'}]}]}]";

    private static String stage(Cluster cluster) {
        return stage(cluster, "dashtask");
    }

    private static void click(HeadlessChromium page, String action) {
        assertTrue(page.eval("(() => { const b = document.querySelector('[data-task=\"dashtask\"] button[data-action=\"" + action
                + "\"]'); if (!b || b.disabled) return false; b.click(); return true; })()").asBoolean(), action + " button not clickable");
    }

    @Test
    void pageShowsTheTaskAndItsButtonsPauseAndResumeIt(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("dash");
        dbs.execUp("CREATE TABLE " + db + ".orders (id INT PRIMARY KEY, v VARCHAR(32))",
                "INSERT INTO " + db + ".orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-dashboard-it"))) {
            cluster.startMaster();
            cluster.startWorker("w1", 10);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("dash-src", dbs.upstream()));
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            Path task = cluster.writeFile("task.yaml", Samples.task("dashtask", "all", "dash-src", db, dbs.downstream()));
            Ctl start = cluster.dmctl("start-task", task.toString());
            assertEquals(0, start.exit(), start.out());
            cluster.awaitSynced("dashtask", Duration.ofSeconds(90));

            try (HeadlessChromium page = HeadlessChromium.start(1280, 760)) {
                page.navigate("http://" + cluster.master.addr() + "/dashboard");
                awaitTrue("the page shows the task running in sync", Duration.ofSeconds(30),
                        () -> page.eval(TASK_CELLS).asText().equals("Running/Sync"));
                String lag = page.eval("document.querySelector('[data-task=\"dashtask\"] .lag').textContent").asText();
                assertTrue(lag.startsWith("lag ") && lag.contains(" s"), lag);
                String sources = page.eval("document.querySelector('#sources tbody').innerText").asText();
                assertTrue(sources.contains("dash-src") && sources.contains("w1") && sources.contains("dashtask"), sources);
                assertTrue(page.eval("document.querySelector('#workers tbody').innerText").asText().contains("bound"));
                page.screenshot(Path.of("target", "dashboard.png"));

                click(page, "pause");
                awaitTrue("query-status shows the task paused", Duration.ofSeconds(30), () -> stage(cluster).equals("Paused"));
                awaitTrue("the page shows it paused", Duration.ofSeconds(30), () -> page.eval(TASK_CELLS).asText().startsWith("Paused/"));

                click(page, "resume");
                awaitTrue("query-status shows the task running", Duration.ofSeconds(30), () -> stage(cluster).equals("Running"));
                awaitTrue("the page shows it running", Duration.ofSeconds(30), () -> page.eval(TASK_CELLS).asText().startsWith("Running/"));

                // the dump, load and error views, drawn by the page's own code from statuses in the workers' shape
                String drawn = page.eval("(() => { drawTasks(" + OTHER_UNITS + ");"
                        + " return document.getElementById('tasks').innerText; })()").asText();
                assertTrue(drawn.contains("tables 2 / 5, chunks 7 / 20"), drawn);
                assertTrue(drawn.contains("40.00 % dumped"), drawn);
                assertTrue(drawn.contains("files 3 / 4, bytes 300 / 400") && drawn.contains("75.00 % loaded"), drawn);
                assertTrue(drawn.contains("[36201] a row was refused: Data too long") && drawn.contains("Workaround: Widen the column"), drawn);
            }
            dbs.execUp("INSERT INTO " + db + ".orders VALUES (4, 'd')");
            cluster.awaitSynced("dashtask", Duration.ofSeconds(60)); // replication goes on after the resume
        }
    }

    private static final String LIVE = "livetask";

    /** The live task's unit and its per-table rows, {@code Dump|db.big=10.00 %;db.small=0.00 %}. */
    private static final String LIVE_TABLES = "(() => { const t = document.querySelector('[data-task=\"" + LIVE + "\"]');"
            + " if (!t) return ''; return t.querySelector('.unit').textContent + '|' + Array.from(t.querySelectorAll("
            + "'.per-table tr')).map(r => r.getAttribute('data-table') + '=' + r.querySelector('.table-progress')"
            + ".textContent).join(';'); })()";

    private static String liveTask(String db, TestDatabases dbs) {
        return Samples.task(LIVE, "all", "live-src", db, dbs.downstream())
                .replace("    syncer-config-name: \"global\"\n", "    syncer-config-name: \"global\"\n"
                        + "    mydumper-config-name: \"global\"\n    loader-config-name: \"global\"\n")
                + "mydumpers:\n  global:\n    threads: 1\n    rows: 200\n"
                + "loaders:\n  global:\n    pool-size: 1\n";
    }

    /** The per-table row of {@code table} in the page's text, or "" when not shown. */
    private static String tableCell(String shown, String unit, String table) {
        if (!shown.startsWith(unit + "|")) {
            return "";
        }
        for (String row : shown.substring(unit.length() + 1).split(";")) {
            if (row.startsWith(table + "=")) {
                return row.substring(table.length() + 1);
            }
        }
        return "";
    }

    private static boolean partial(String percent) {
        if (percent.isEmpty()) {
            return false;
        }
        double p = Double.parseDouble(percent.replace("%", "").trim());
        return p > 0 && p < 100;
    }

    /**
     * Waits until the page shows {@code unit} held with {@code big}'s row saying {@code held} (where the hold stops
     * it); then checks big's bar is partly filled and {@code small}'s cell reads {@code smallShown} ("" when the
     * page lists it no longer, being finished).
     */
    private static void awaitHeld(HeadlessChromium page, String unit, String big, String held, String small,
                                  String smallShown) {
        String row = "document.querySelector('[data-task=\"" + LIVE + "\"] tr[data-table=\"" + big + "\"]')?.innerText ?? ''";
        awaitTrue("the page shows " + big + " at '" + held + "' and " + small + " waiting in " + unit, Duration.ofSeconds(60),
                () -> page.eval(LIVE_TABLES).asText().startsWith(unit + "|") && page.eval(row).asText().contains(held));
        String shown = page.eval(LIVE_TABLES).asText();
        assertTrue(partial(tableCell(shown, unit, big)) && tableCell(shown, unit, small).equals(smallShown), shown);
    }

    private static JsonNode tableProgress(Cluster cluster, String unit) {
        JsonNode sub = cluster.subtask(LIVE);
        return sub == null || sub.get(unit) == null ? null : sub.get(unit).get("tableProgress");
    }

    @Test
    void pageShowsPerTableProgressOfALiveDumpAndLoadThenAnErrorThatItsResumeButtonClears(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("dashlive");
        dbs.execUp("CREATE TABLE " + db + ".big (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO " + db + ".big SELECT seq, REPEAT('x', 50) FROM " + db + ".seq_1_to_2000",
                "CREATE TABLE " + db + ".small (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO " + db + ".small VALUES (1, 'a'), (2, 'b')",
                "ANALYZE NO_WRITE_TO_BINLOG TABLE " + db + ".big, " + db + ".small"); // row estimates for the chunks
        // the load is held by a row the test inserts downstream and does not commit: the load's copy of row 1500 waits
        dbs.execDown("CREATE DATABASE " + db, "CREATE TABLE " + db + ".big (id INT PRIMARY KEY, v VARCHAR(64))");
        Path base = Files.createTempDirectory("dm4j-dashboard-live");
        Path hold = Files.createFile(base.resolve("dump-hold"));
        try (Cluster cluster = new Cluster(Files.createDirectories(base.resolve("cluster")));
             Connection rowLock = dbs.downstream().connect(); Statement lock = rowLock.createStatement()) {
            rowLock.setAutoCommit(false);
            lock.execute("INSERT INTO " + db + ".big VALUES (1500, 'held')");
            cluster.startMaster();
            cluster.startWorkerWithJvm("w1", 10, "-Ddm4j.test.dump-hold-file=" + hold);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            Path src = cluster.writeFile("source.yaml", Samples.source("live-src", dbs.upstream())
                    .replace("checker:\n", "checker:\n  check-enable: false\n")); // the test resumes, not auto-resume
            assertEquals(0, cluster.dmctl("operate-source", "create", src.toString()).exit());
            // --remove-meta: the task name is fixed, so checkpoints of an earlier run must not make it skip the dump
            Ctl start = cluster.dmctl("start-task", cluster.writeFile("task.yaml", liveTask(db, dbs)).toString(),
                    "--remove-meta");
            assertEquals(0, start.exit(), start.out());

            try (HeadlessChromium page = HeadlessChromium.start(1280, 760)) {
                page.navigate("http://" + cluster.master.addr() + "/dashboard");
                String big = db + ".big";
                String small = db + ".small";

                // dump: one chunk of big done, the hold keeps the rest (small's one chunk next) waiting
                awaitHeld(page, "Dump", big, "200 / ~2000 rows, chunks 1 / 10", small, "0.00 %");
                JsonNode dumpTables = tableProgress(cluster, "dump");
                assertEquals(2, dumpTables.get("totalTables").asLong(), dumpTables.toString());
                assertEquals(0, dumpTables.get("finishedTables").asLong(), dumpTables.toString());
                assertEquals(big, dumpTables.get("tables").get(0).get("table").asText(), dumpTables.toString());
                assertEquals(200, dumpTables.get("tables").get(0).get("finishedRows").asLong(), dumpTables.toString());
                assertTrue(cluster.dmctl("query-status", LIVE, "-o", "table").out().contains("dump per table: 0 of 2 tables finished"));
                page.screenshot(Path.of("target", "dashboard-dump.png"));

                // load: the files of big before row 1500 are in, the one with row 1500 waits for the test's row lock;
                // small, dumped right after big's first chunk (the dump interleaves tables), is loaded already
                Files.delete(hold);
                awaitHeld(page, "Load", big, "files 7 / 10", small, "");
                JsonNode loadTables = tableProgress(cluster, "load");
                assertEquals(7, loadTables.get("tables").get(0).get("finishedParts").asLong(), loadTables.toString());
                assertEquals(1400, loadTables.get("tables").get(0).get("finishedRows").asLong(), loadTables.toString());
                String text = cluster.dmctl("query-status", LIVE, "-o", "table").out();
                assertTrue(text.contains("load per table: 1 of 2 tables finished") && text.contains("files 7/10"), text);
                page.screenshot(Path.of("target", "dashboard-load.png"));

                rowLock.rollback();
                awaitTrue("the page shows the task in sync", Duration.ofSeconds(90),
                        () -> page.eval(LIVE_TABLES).asText().equals("Sync|"));
                cluster.awaitSynced(LIVE, Duration.ofSeconds(60));
                assertEquals("2000", dbs.queryDown("SELECT COUNT(*) FROM " + db + ".big").get(0).get(0));

                // error: the downstream table is gone, the sync unit pauses with a coded error
                dbs.execDown("DROP TABLE " + small);
                dbs.execUp("INSERT INTO " + small + " VALUES (3, 'c')");
                awaitTrue("query-status shows the task paused by an error", Duration.ofSeconds(60),
                        () -> stage(cluster, LIVE).equals("Paused"));
                JsonNode error = cluster.subtask(LIVE).get("result").get("errors").get(0);
                String code = "[" + error.get("ErrCode").asInt() + "]";
                String workaround = error.get("Workaround").asText();
                assertTrue(!workaround.isEmpty(), error.toString());
                awaitTrue("the page shows the error with its code and workaround", Duration.ofSeconds(30), () -> {
                    String shown = page.eval("document.querySelector('[data-task=\"" + LIVE + "\"] .errors')?.innerText ?? ''").asText();
                    return shown.contains(code) && shown.contains("Workaround: " + workaround);
                });
                page.screenshot(Path.of("target", "dashboard-error.png"));

                dbs.execDown("CREATE TABLE " + small + " (id INT PRIMARY KEY, v VARCHAR(64))");
                awaitTrue("the page's Resume button is enabled", Duration.ofSeconds(30), () -> page.eval(
                        "!document.querySelector('[data-task=\"" + LIVE + "\"] button[data-action=\"resume\"]').disabled").asBoolean());
                assertTrue(page.eval("(() => { document.querySelector('[data-task=\"" + LIVE
                        + "\"] button[data-action=\"resume\"]').click(); return true; })()").asBoolean());
                cluster.awaitSynced(LIVE, Duration.ofSeconds(60));
                assertEquals("c", dbs.queryDown("SELECT v FROM " + small + " WHERE id = 3").get(0).get(0));
                awaitTrue("the page shows the task running without errors", Duration.ofSeconds(30), () -> page.eval(
                        "(() => { const t = document.querySelector('[data-task=\"" + LIVE + "\"]');"
                        + " return t.querySelector('.sub-stage').textContent === 'Running' && !t.querySelector('.errors'); })()").asBoolean());
            }
        }
    }

    private static String stage(Cluster cluster, String task) {
        JsonNode sub = cluster.subtask(task);
        return sub == null ? "" : sub.get("stage").asText();
    }
}
