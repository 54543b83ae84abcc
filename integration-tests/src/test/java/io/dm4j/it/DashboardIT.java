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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The master's web dashboard in headless Chromium against a running cluster: the page shows the task (stage, unit,
 * lag) and the source with its worker; a click on Pause pauses the task (query-status confirms), Resume resumes it.
 * Saves a screenshot to {@code target/dashboard.png} (docs/images/dashboard.png is one of these).
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
        JsonNode sub = cluster.subtask("dashtask");
        return sub == null ? "" : sub.get("stage").asText();
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
}
