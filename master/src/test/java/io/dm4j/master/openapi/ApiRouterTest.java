package io.dm4j.master.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.proto.http.HttpQuery;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
    private static HttpQuery call(String method, String path, String body) {
        return new HttpQuery(method, path, Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private final ApiRouter router = new ApiRouter()
            .add("GET", "/api/v1/tasks/{task-name}", c -> ApiReply.ok(Json.object().put("task", c.path("task-name"))))
            .add("GET", "/api/v1/tasks/templates", c -> ApiReply.ok(Json.object().put("templates", true)))
            .add("POST", "/api/v1/tasks", c -> ApiReply.created(c.body()))
            .add("DELETE", "/api/v1/tasks/{task-name}", c -> {
                throw MasterErrors.TASK_NOT_FOUND.error(c.path("task-name"), "");
            })
            .add("GET", "/api/v1/sources/{source-name}", c -> {
                throw new ApiRouter.NotFound(MasterErrors.SOURCE_NOT_FOUND.error(c.path("source-name"), "[]"));
            });

    @Test
    void literalSegmentWinsOverParameter() {
        assertEquals(true, router.dispatch(call("GET", "/api/v1/tasks/templates", "")).json().path("templates").asBoolean());
        assertEquals("t1", router.dispatch(call("GET", "/api/v1/tasks/t1", "")).json().path("task").asText());
    }

    @Test
    void errorsInDmShape400Or404() {
        ApiReply refused = router.dispatch(call("DELETE", "/api/v1/tasks/t9", ""));
        assertEquals(400, refused.status());
        assertEquals(38005, refused.json().path("error_code").asInt());
        assertEquals(true, refused.json().path("error_msg").asText().contains("t9"));
        ApiReply missing = router.dispatch(call("GET", "/api/v1/sources/s9", ""));
        assertEquals(404, missing.status());
        assertEquals(38002, missing.json().path("error_code").asInt());
    }

    @Test
    void badJsonBodyIsACommonError() {
        ApiReply reply = router.dispatch(call("POST", "/api/v1/tasks", "{not json"));
        assertEquals(400, reply.status());
        assertEquals(OpenApiErrors.BAD_REQUEST.code(), reply.json().path("error_code").asInt());
        assertEquals(201, router.dispatch(call("POST", "/api/v1/tasks", "{\"a\":1}")).status());
    }
}
