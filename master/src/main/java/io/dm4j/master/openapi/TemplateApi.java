package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.master.server.MasterService;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.TaskEntry;

/**
 * {@code /api/v1/tasks/templates}: DM's task templates, {@code Task} objects kept in
 * the replicated state ({@link StoredTexts#TEMPLATES}; checked to convert to a valid task file before they are stored); import makes
 * a template of every task the cluster runs.
 */
final class TemplateApi {
    private static final String BASE = "/api/v1/tasks/templates";

    private final MasterService master;
    private final StoredTexts templates;

    TemplateApi(MasterService master, StoredTexts templates) {
        this.master = master;
        this.templates = templates;
    }

    void register(ApiRouter r) {
        r.add("POST", BASE, this::create)
                .add("GET", BASE, this::list)
                .add("POST", BASE + "/import", this::importTasks)
                .add("GET", BASE + "/{task-name}", this::get)
                .add("PUT", BASE + "/{task-name}", this::update)
                .add("DELETE", BASE + "/{task-name}", this::delete);
    }

    private synchronized ApiReply create(ApiCall c) {
        JsonNode task = checked(c.body());
        String name = task.path("name").asText();
        if (templates.get(name).isPresent()) {
            throw OpenApiErrors.TEMPLATE_EXISTS.error(name);
        }
        templates.put(name, task.toPrettyString());
        return ApiReply.created(task);
    }

    private ApiReply list(ApiCall c) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (String name : templates.names()) {
            templates.get(name).ifPresent(text -> data.add(read(text)));
        }
        return ApiReply.ok(Json.list(data));
    }

    private ApiReply get(ApiCall c) {
        String name = c.path("task-name");
        return ApiReply.ok(read(templates.get(name).orElseThrow(() -> notFound(name))));
    }

    private synchronized ApiReply update(ApiCall c) {
        String name = c.path("task-name");
        if (templates.get(name).isEmpty()) {
            throw notFound(name);
        }
        JsonNode task = checked(c.body());
        if (!name.equals(task.path("name").asText())) {
            throw OpenApiErrors.BAD_REQUEST.error("the task in the body is named `" + task.path("name").asText() + "`, the path names `"
                    + name + "`; a template cannot be renamed");
        }
        templates.put(name, task.toPrettyString());
        return ApiReply.ok(task);
    }

    private synchronized ApiReply delete(ApiCall c) {
        String name = c.path("task-name");
        if (!templates.delete(name)) {
            throw notFound(name);
        }
        return ApiReply.noContent();
    }

    private synchronized ApiReply importTasks(ApiCall c) {
        boolean overwrite = c.body().path("overwrite").asBoolean(false);
        ObjectNode out = Json.object();
        ArrayNode ok = out.putArray("success_task_list");
        ArrayNode failed = out.putArray("failed_task_list");
        ClusterState s = master.state();
        for (TaskEntry t : s.tasks().values()) {
            try {
                if (!overwrite && templates.get(t.name()).isPresent()) {
                    throw OpenApiErrors.TEMPLATE_EXISTS.error(t.name());
                }
                templates.put(t.name(), TaskJson.fromConfig(master.parseTask(t.yaml(), "task " + t.name()).config()).toPrettyString());
                ok.add(t.name());
            } catch (DmException e) {
                failed.addObject().put("task_name", t.name()).put("error_msg", e.getMessage());
            }
        }
        return new ApiReply(202, out);
    }

    /** The body's task, once it converts to a task file that passes the file checks. */
    private JsonNode checked(JsonNode task) {
        String yaml = TaskJson.toYaml(task);
        String name = task.path("name").asText();
        StoredTexts.checkName(name, "task template");
        master.parseTask(yaml, "OpenAPI task template " + name);
        return task;
    }

    private DmException notFound(String name) {
        return OpenApiErrors.TEMPLATE_NOT_FOUND.error(name, templates.names());
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("a stored task template is not JSON", e);
        }
    }
}
