package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.ProcessResult;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.TaskSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static ObjectNode node() {
        return ProtoJson.mapper().createObjectNode();
    }

    @Test
    void progressBarsAreProportionalAndClamped() {
        assertEquals("[--------------------]   0.0 %", StatusTable.bar(0));
        assertEquals("[#########-----------]  45.0 %", StatusTable.bar(0.45));
        assertEquals("[####################] 100.0 %", StatusTable.bar(1.7));
        assertEquals("[--------------------]   0.0 %", StatusTable.bar(Double.NaN));
        assertEquals(0.3052, StatusTable.percent("30.52 %"), 1e-9);
    }

    @Test
    void taskListIsOneAlignedRowPerTask() {
        String text = StatusTable.render(new QueryStatusListResponse(true, "", null, List.of(
                new TaskSummary("orders", "Running", List.of("mysql-01", "mysql-02")),
                new TaskSummary("t", "Paused", List.of("s")))));

        assertEquals("""
                TASK    STATUS   SOURCES
                orders  Running  mysql-01,mysql-02
                t       Paused   s
                """, text);
    }

    @Test
    void oneTaskShowsDumpAndLoadBarsSyncLagAndErrorsWithWorkaround() {
        SubTaskStatus dumping = new SubTaskStatus("t1", Stage.RUNNING, "Dump", null, "",
                node().put("totalTables", 4).put("completedTables", 1).put("finishedRows", 250).put("estimateTotalRows", 1000)
                        .put("progress", "25.00 %"), null, null, null);
        SubTaskStatus loading = new SubTaskStatus("t1", Stage.RUNNING, "Load", null, "", null,
                node().put("finishedBytes", 3L * 1024 * 1024).put("totalBytes", 4L * 1024 * 1024).put("progress", "75.00 %"),
                null, null);
        SubTaskStatus syncing = new SubTaskStatus("t1", Stage.PAUSED, "Sync", new ProcessResult(false, List.of(
                new ProcessError(36300, "sync-unit", "downstream", "high", "table missing", "Error 1146",
                        "Create the table, then `resume-task t1`.")), null), "", null, null,
                node().put("secondsBehindMaster", 42).put("synced", false).put("syncerBinlog", "(mysql-bin.000003, 916)")
                        .put("recentRps", 120), null);
        String text = StatusTable.render(new QueryStatusListResponse(true, "", List.of(
                new SourceStatusEntry(true, "", new SourceStatus("s1", "w1", null, null), List.of(dumping)),
                new SourceStatusEntry(true, "", new SourceStatus("s2", "w2", null, null), List.of(loading)),
                new SourceStatusEntry(true, "", new SourceStatus("s3", "w3", null, null), List.of(syncing))), null));

        assertEquals("""
                TASK  SOURCE  WORKER  STAGE    UNIT  PROGRESS
                t1    s1      w1      Running  Dump  dump [#####---------------]  25.0 %  1/4 tables, 250 rows
                t1    s2      w2      Running  Load  load [###############-----]  75.0 %  3.0 MiB/4.0 MiB
                t1    s3      w3      Paused   Sync  lag 42s, at (mysql-bin.000003, 916), 120 rows/s
                t1 on s3: error 36300: table missing (Error 1146)
                    workaround: Create the table, then `resume-task t1`.
                """, text);
    }

    @Test
    void aDumpWithTheLoadFollowingItShowsBoth() {
        ObjectNode dump = node().put("totalTables", 4).put("completedTables", 1).put("finishedRows", 250)
                .put("estimateTotalRows", 1000).put("progress", "25.00 %");
        dump.set("load", node().put("finishedBytes", 2L * 1024 * 1024).put("finishedFiles", 2).put("totalFiles", 3));
        SubTaskStatus s = new SubTaskStatus("t1", Stage.RUNNING, "Dump", null, "", dump, null, null, null);

        assertEquals("dump [#####---------------]  25.0 %  1/4 tables, 250 rows; loaded 2.0 MiB of 2/3 finished files",
                StatusTable.progress(s));
    }

    @Test
    void dumpAndLoadShowABarPerUnfinishedTable() {
        ObjectNode dump = node().put("totalTables", 3).put("completedTables", 1).put("finishedRows", 150)
                .put("estimateTotalRows", 1000).put("progress", "15.00 %");
        ObjectNode dumpTables = dump.putObject("tableProgress").put("totalTables", 3).put("finishedTables", 1)
                .put("unlisted", 0);
        dumpTables.putArray("tables").add(node().put("table", "db.big").put("finishedRows", 50).put("totalRows", 200)
                .put("finishedBytes", 900).put("totalBytes", 4000).put("finishedParts", 1).put("totalParts", 4)
                .put("progress", "25.00 %").put("done", false))
                .add(node().put("table", "db.c").put("finishedRows", 0).put("totalRows", 0).put("finishedBytes", 0)
                .put("totalBytes", 0).put("finishedParts", 0).put("totalParts", 1).put("progress", "0.00 %")
                .put("done", false));
        ObjectNode load = node().put("finishedBytes", 2048).put("totalBytes", 4096).put("progress", "50.00 %");
        ObjectNode loadTables = load.putObject("tableProgress").put("totalTables", 30).put("finishedTables", 9)
                .put("unlisted", 20);
        loadTables.putArray("tables").add(node().put("table", "db.big").put("finishedRows", 0).put("totalRows", 200)
                .put("finishedBytes", 1024).put("totalBytes", 4096).put("finishedParts", 1).put("totalParts", 4)
                .put("progress", "25.00 %").put("done", false));
        String text = StatusTable.render(new QueryStatusListResponse(true, "", List.of(
                new SourceStatusEntry(true, "", new SourceStatus("s1", "w1", null, null), List.of(
                        new SubTaskStatus("t1", Stage.RUNNING, "Dump", null, "", dump, null, null, null))),
                new SourceStatusEntry(true, "", new SourceStatus("s2", "w2", null, null), List.of(
                        new SubTaskStatus("t2", Stage.RUNNING, "Load", null, "", null, load, null, null)))), null));

        assertEquals("""
                TASK  SOURCE  WORKER  STAGE    UNIT  PROGRESS
                t1    s1      w1      Running  Dump  dump [###-----------------]  15.0 %  1/3 tables, 150 rows
                t2    s2      w2      Running  Load  load [##########----------]  50.0 %  2.0 KiB/4.0 KiB
                t1 on s1, dump per table: 1 of 3 tables finished
                     db.big  [#####---------------]  25.0 %  50/~200 rows, chunks 1/4
                     db.c    [--------------------]   0.0 %  0/~0 rows, chunks 0/1
                t2 on s2, load per table: 9 of 30 tables finished, 20 more not listed
                     db.big  [#####---------------]  25.0 %  1.0 KiB/4.0 KiB, files 1/4
                """, text);
    }

    @Test
    void sourceWithoutAnswerShowsItsMessage() {
        String text = StatusTable.render(new QueryStatusListResponse(true, "", List.of(new SourceStatusEntry(false,
                "worker w9 did not answer", new SourceStatus("s9", "w9", null, null), List.of())), null));
        assertTrue(text.contains("      s9      w9                   worker w9 did not answer"), text);
    }
}
