package io.dm4j.proto.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.CommonErrors;
import io.dm4j.proto.ProtoJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON form of the control-plane messages: DM's key names, stage labels, left-out alternatives, round trips. */
class MessageJsonTest {

    @Test
    void subtaskStatusHasDmsKeys() throws Exception {
        ProcessResult result = new ProcessResult(false, List.of(ProcessError.of(
                CommonErrors.UNKNOWN.wrap(new RuntimeException("disk full"), "boom"))), null);
        SubTaskStatus st = new SubTaskStatus("t", Stage.PAUSED, "Sync", result, null, null, null,
                ProtoJson.mapper().createObjectNode().put("synced", false), null);
        JsonNode j = ProtoJson.mapper().valueToTree(st);
        assertEquals("Paused", j.get("stage").asText());
        assertFalse(j.get("result").get("isCanceled").asBoolean());
        assertFalse(j.get("result").has("canceled"));
        JsonNode e = j.get("result").get("errors").get(0);
        assertEquals(50000, e.get("ErrCode").asInt());
        assertEquals("not-set", e.get("ErrClass").asText());
        assertEquals("boom", e.get("Message").asText());
        assertEquals("disk full", e.get("RawCause").asText());
        assertTrue(e.has("ErrScope") && e.has("ErrLevel") && e.has("Workaround"));
        assertEquals("", j.get("unresolvedDDLLockID").asText());
        assertTrue(j.has("sync"));
        assertFalse(j.has("dump") || j.has("load") || j.has("check"), j.toString());
        SubTaskStatus back = ProtoJson.mapper().treeToValue(j, SubTaskStatus.class);
        assertEquals(st, back);
        assertTrue(back.pausedWithErrors());
    }

    @Test
    void aKeepaliveFromAnOlderWorkerWithoutLeavingReadsAsStaying() throws Exception {
        KeepAliveRequest old = ProtoJson.mapper().readValue("{\"name\":\"w1\",\"ttlSeconds\":60}", KeepAliveRequest.class);
        assertEquals(new KeepAliveRequest("w1", 60), old);
        assertFalse(old.leaving());
        KeepAliveRequest leaving = new KeepAliveRequest("w1", 0, true);
        assertEquals(leaving, ProtoJson.mapper().readValue(ProtoJson.mapper().writeValueAsString(leaving), KeepAliveRequest.class));
    }

    @Test
    void stagesReadAsDmWritesThemAndUnknownIsInvalid() throws Exception {
        assertEquals("\"Running\"", ProtoJson.mapper().writeValueAsString(Stage.RUNNING));
        assertEquals(Stage.FINISHED, ProtoJson.mapper().readValue("\"Finished\"", Stage.class));
        assertEquals(Stage.INVALID, ProtoJson.mapper().readValue("\"Exploded\"", Stage.class));
    }

    @Test
    void queryStatusListLeavesOutTheUnusedForm() {
        JsonNode summary = ProtoJson.mapper().valueToTree(new QueryStatusListResponse(true, "", null, List.of()));
        assertTrue(summary.has("tasks"));
        assertFalse(summary.has("sources"));
        JsonNode detail = ProtoJson.mapper().valueToTree(new QueryStatusListResponse(true, "", List.of(), null));
        assertTrue(detail.has("sources"));
        assertFalse(detail.has("tasks"));
    }

    @Test
    void sourceStatusKeepsANullRelayStatus() {
        JsonNode j = ProtoJson.mapper().valueToTree(new SourceStatus("s", "w", null, null));
        assertTrue(j.has("relayStatus") && j.get("relayStatus").isNull());
    }

    @Test
    void cliArgsAreCompactAndStartTimesChecked() throws Exception {
        String json = ProtoJson.mapper().writeValueAsString(TaskCliArgs.NONE);
        assertEquals("{\"removeMeta\":false,\"startTime\":\"\"}", json);
        assertNull(TaskCliArgs.startTimeProblem(""));
        assertNull(TaskCliArgs.startTimeProblem("2021-10-21 00:01:00"));
        assertNull(TaskCliArgs.startTimeProblem("2021-10-21T00:01:00"));
        assertNull(TaskCliArgs.startTimeProblem("2021-10-21 00:01:00+08:00"));
        assertTrue(TaskCliArgs.startTimeProblem("21/10/2021").contains("is not a time"));
    }

    @Test
    void newerMessagesWithExtraFieldsStillRead() throws Exception {
        KeepAliveResponse r = ProtoJson.mapper().readValue("{\"result\":true,\"msg\":\"\",\"reRegister\":false,\"future\":1}",
                KeepAliveResponse.class);
        assertTrue(r.result());
        BindSourceRequest b = ProtoJson.mapper().readValue("{\"revision\":3}", BindSourceRequest.class);
        assertEquals("", b.sourceId());
        assertEquals(List.of(), b.subtasks());
    }
}
