package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.master.server.MasterService;

/**
 * {@code POST /api/v1/tasks/converters}: DM's converter between a {@code Task} object and a task file. Either side
 * must make a valid task (the same checks as start-task's file checks); nothing is stored.
 */
final class ConverterApi {
    private static final String WHAT = "the converter request";

    private final MasterService master;

    ConverterApi(MasterService master) {
        this.master = master;
    }

    void register(ApiRouter r) {
        r.add("POST", "/api/v1/tasks/converters", this::convert);
    }

    private ApiReply convert(ApiCall c) {
        JsonNode body = c.body();
        JsonNode task = body.path("task");
        JsonNode file = body.path("task_config_file");
        if (!task.isMissingNode() && !task.isNull() && !task.isObject()) {
            throw OpenApiErrors.BAD_FIELD.error("task", WHAT, "must be a Task object");
        }
        if (!file.isMissingNode() && !file.isNull() && !file.isTextual()) {
            throw OpenApiErrors.BAD_FIELD.error("task_config_file", WHAT, "must be the text of a task file (YAML)");
        }
        boolean fromTask = task.isObject();
        boolean fromFile = file.isTextual() && !file.asText().isBlank();
        if (fromTask == fromFile) {
            throw OpenApiErrors.BAD_FIELD.error(fromTask ? "task, task_config_file" : "task", WHAT,
                    "give exactly one of `task` (a Task object, converted to a task file) and `task_config_file` (a task file,"
                            + " converted to a Task object)");
        }
        String yaml = fromTask ? TaskJson.toYaml(task) : file.asText();
        TaskConfig cfg = master.parseTask(yaml, fromTask ? "OpenAPI task " + task.path("name").asText() : "task_config_file").config();
        ObjectNode out = Json.object();
        out.set("task", TaskJson.fromConfig(cfg));
        out.put("task_config_file", yaml);
        return ApiReply.created(out);
    }
}
