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
    void sourceWithoutAnswerShowsItsMessage() {
        String text = StatusTable.render(new QueryStatusListResponse(true, "", List.of(new SourceStatusEntry(false,
                "worker w9 did not answer", new SourceStatus("s9", "w9", null, null), List.of())), null));
        assertTrue(text.contains("      s9      w9                   worker w9 did not answer"), text);
    }
}
