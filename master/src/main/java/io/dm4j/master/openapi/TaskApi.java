package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.MysqlInstance;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.common.filter.BlockAllowList;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.NamePattern;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.master.server.MasterService;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.SubTaskEntry;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.SubTaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code /api/v1/tasks}. As in DM, a task is first created (stored, stage Stopped), then started and stopped, and
 * deleted at the end. Created tasks are task files kept in the replicated state ({@link StoredTexts#TASKS}); start runs
 * {@code start-task} with that file (or {@code resume-task} when the task runs and is paused), stop runs
 * {@code stop-task} and keeps the file so the task stays listed as Stopped; a task started with dmctl is listed too.
 */
final class TaskApi {
    private static final String BASE = "/api/v1/tasks";

    private final MasterService master;
    private final StoredTexts created;

    TaskApi(MasterService master, StoredTexts created) {
        this.master = master;
        this.created = created;
    }

    void register(ApiRouter r) {
        r.add("POST", BASE, this::create)
                .add("GET", BASE, this::list)
                .add("GET", BASE + "/{task-name}", this::get)
                .add("PUT", BASE + "/{task-name}", this::update)
                .add("DELETE", BASE + "/{task-name}", this::delete)
                .add("GET", BASE + "/{task-name}/status", this::status)
                .add("POST", BASE + "/{task-name}/start", this::start)
                .add("POST", BASE + "/{task-name}/stop", this::stop)
                .add("GET", BASE + "/{task-name}/sources/{source-name}/migrate_targets", this::migrateTargets)
                .add("GET", BASE + "/{task-name}/sources/{source-name}/schemas", this::schemas)
                .add("GET", BASE + "/{task-name}/sources/{source-name}/schemas/{schema-name}", this::tables);
    }

    private synchronized ApiReply create(ApiCall c) {
        JsonNode task = c.body().path("task");
        String yaml = TaskJson.toYaml(task);
        String name = task.path("name").asText();
        StoredTexts.checkName(name, "task");
        ClusterState s = master.state();
        if (yamlOf(s, name).isPresent()) {
            throw MasterErrors.TASK_EXISTS.error(name, s.tasks().containsKey(name) ? s.tasks().get(name).subtasks().keySet() : List.of());
        }
        TaskConfig cfg = checkedConfig(s, yaml, name);
        created.put(name, yaml);
        return ApiReply.created(TaskJson.fromConfig(cfg));
    }

    /** DM's update of a task that does not run: the body's task replaces the stored one (a task is not renamed). */
    private synchronized ApiReply update(ApiCall c) {
        String name = existing(c);
        ClusterState s = master.state();
        TaskEntry running = s.tasks().get(name);
        if (running != null) {
            throw OpenApiErrors.TASK_STILL_RUNNING.error(name, running.subtasks().keySet());
        }
        JsonNode task = c.body().path("task");
        if (!task.isObject()) {
            throw OpenApiErrors.BAD_FIELD.error("task", "the update request", "missing; give the whole Task object");
        }
        String bodyName = task.path("name").asText();
        if (!name.equals(bodyName)) {
            throw OpenApiErrors.BAD_FIELD.error("task.name", "the update request", "it is `" + bodyName + "` but the path names `"
                    + name + "`; a task cannot be renamed");
        }
        String yaml = TaskJson.toYaml(task);
        TaskConfig cfg = checkedConfig(s, yaml, name);
        created.put(name, yaml);
        return ApiReply.ok(TaskJson.fromConfig(cfg));
    }

    /** The task file's configuration, once it parses and every source it names exists. */
    private TaskConfig checkedConfig(ClusterState s, String yaml, String name) {
        TaskConfig cfg = master.parseTask(yaml, "OpenAPI task " + name).config();
        List<String> missing = cfg.sourceIds().stream().filter(id -> !s.sources().containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(String.join("`, `", missing), s.sources().keySet())
                    .withWorkaround("Create the source first with POST /api/v1/sources, or correct source_config.source_conf.");
        }
        return cfg;
    }

    private ApiReply list(ApiCall c) {
        boolean withStatus = c.flag("with_status", false);
        String stage = c.query().parameter("stage", "");
        List<String> sources = c.list("source_name_list");
        ClusterState s = master.state();
        TreeSet<String> names = new TreeSet<>(s.tasks().keySet());
        names.addAll(created.names());
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (String name : names) {
            Optional<String> yaml = yamlOf(s, name);
            if (yaml.isEmpty()) {
                continue;
            }
            TaskConfig cfg = master.parseTask(yaml.get(), "task " + name).config();
            if (!sources.isEmpty() && cfg.sourceIds().stream().noneMatch(sources::contains)) {
                continue;
            }
            if (!stage.isEmpty() && !stage.equalsIgnoreCase(stage(s, name))) {
                continue;
            }
            data.add(task(s, cfg, withStatus));
        }
        return ApiReply.ok(Json.list(data));
    }

    private ApiReply get(ApiCall c) {
        String name = c.path("task-name");
        ClusterState s = master.state();
        String yaml = yamlOf(s, name).orElseThrow(() -> new ApiRouter.NotFound(notFound(s, name)));
        return ApiReply.ok(task(s, master.parseTask(yaml, "task " + name).config(), c.flag("with_status", false)));
    }

    private synchronized ApiReply delete(ApiCall c) {
        String name = existing(c);
        TaskEntry running = master.state().tasks().get(name);
        if (running != null) {
            if (!c.flag("force", false)) {
                throw OpenApiErrors.TASK_STILL_RUNNING.error(name, running.subtasks().keySet());
            }
            check(master.operateTask(new OperateTaskRequest("Stop", name, List.of())));
        }
        created.delete(name);
        return ApiReply.noContent();
    }

    private ApiReply status(ApiCall c) {
        String name = existing(c);
        return ApiReply.ok(Json.list(statusList(master.state(), name, c.list("source_name_list"))));
    }

    private synchronized ApiReply start(ApiCall c) {
        String name = existing(c);
        JsonNode body = c.body();
        List<String> sources = Json.texts(body, "source_name_list");
        ClusterState s = master.state();
        TaskEntry running = s.tasks().get(name);
        List<String> paused = running == null ? List.of() : running.subtasks().values().stream()
                .filter(sub -> sub.stage() == Stage.PAUSED && (sources.isEmpty() || sources.contains(sub.source())))
                .map(SubTaskEntry::source).toList();
        List<String> notStarted = new ArrayList<>();
        String yaml = yamlOf(s, name).orElseThrow();
        for (String src : sources.isEmpty() ? master.parseTask(yaml, "task " + name).config().sourceIds() : sources) {
            if (running == null || !running.subtasks().containsKey(src)) {
                notStarted.add(src);
            }
        }
        if (!paused.isEmpty()) {
            check(master.operateTask(new OperateTaskRequest("Resume", name, paused)));
        }
        if (!notStarted.isEmpty()) {
            check(master.startTask(new StartTaskRequest(yaml, "OpenAPI task " + name, notStarted,
                    body.path("remove_meta").asBoolean(false), Json.text(body, "start_time", ""))));
        }
        return ApiReply.ok(null);
    }

    private synchronized ApiReply stop(ApiCall c) {
        String name = existing(c);
        ClusterState s = master.state();
        TaskEntry running = s.tasks().get(name);
        if (running != null) {
            if (created.get(name).isEmpty()) {
                created.put(name, running.yaml()); // a dmctl-started task stays listed, Stopped, as in DM
            }
            List<String> sources = Json.texts(c.body(), "source_name_list");
            check(master.operateTask(new OperateTaskRequest("Stop", name, sources)));
        }
        return ApiReply.ok(null);
    }

    private ApiReply schemas(ApiCall c) {
        BlockAllowList bal = allowList(c);
        // the databases with at least one table the task replicates
        return ApiReply.ok(Json.array(master.upstreamTables(c.path("source-name")).stream().filter(bal::keep)
                .map(TableId::schema).distinct().toList()));
    }

    private ApiReply tables(ApiCall c) {
        BlockAllowList bal = allowList(c);
        String schema = c.path("schema-name");
        return ApiReply.ok(Json.array(master.upstreamTables(c.path("source-name"), schema).stream()
                .filter(t -> bal.keep(new TableId(schema, t))).toList()));
    }

    /**
     * DM's migrate targets: every upstream table of the source in the path that the task replicates, with the
     * downstream table its routes send it to; {@code schema_pattern} and {@code table_pattern} (wildcards, as in
     * the task's rules) narrow the list.
     */
    private ApiReply migrateTargets(ApiCall c) {
        TaskConfig cfg = taskConfig(existing(c));
        BlockAllowList bal = allowList(c);
        TableRouter router = TableRouter.create(cfg.subTask(c.path("source-name")).routeRules(), cfg.caseSensitive());
        NamePattern schemas = pattern(c, "schema_pattern", cfg.caseSensitive());
        NamePattern tables = pattern(c, "table_pattern", cfg.caseSensitive());
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (TableId t : master.upstreamTables(c.path("source-name"))) {
            if (!bal.keep(t) || !matches(schemas, t.schema(), cfg) || !matches(tables, t.table(), cfg)) {
                continue;
            }
            TableId target = router.route(t);
            data.addObject().put("source_schema", t.schema()).put("source_table", t.table())
                    .put("target_schema", target.schema()).put("target_table", target.table());
        }
        return ApiReply.ok(Json.list(data));
    }

    private static NamePattern pattern(ApiCall c, String parameter, boolean caseSensitive) {
        String text = c.query().parameter(parameter, "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return NamePattern.compile(text, caseSensitive);
        } catch (io.dm4j.common.errors.DmException e) {
            throw OpenApiErrors.BAD_FIELD.error(parameter, "the query", e.detail());
        }
    }

    private static boolean matches(NamePattern p, String name, TaskConfig cfg) {
        return p == null || p.matches(NamePattern.fold(name, cfg.caseSensitive()));
    }

    private TaskConfig taskConfig(String name) {
        return master.parseTask(yamlOf(master.state(), name).orElseThrow(), "task " + name).config();
    }

    /** The block-allow-list the task applies to the source in the path. */
    private BlockAllowList allowList(ApiCall c) {
        String name = existing(c);
        String src = c.path("source-name");
        TaskConfig cfg = taskConfig(name);
        MysqlInstance inst = cfg.mysqlInstances().stream().filter(i -> i.sourceId().equals(src)).findFirst()
                .orElseThrow(() -> OpenApiErrors.TASK_SOURCE_NOT_FOUND.error(name, src, cfg.sourceIds()));
        BlockAllowListRule rule = inst.blockAllowList().isEmpty() ? null : cfg.blockAllowList().get(inst.blockAllowList());
        return BlockAllowList.create(rule == null ? new BlockAllowListRule(List.of(), List.of(), List.of(), List.of()) : rule,
                cfg.caseSensitive(), cfg.metaSchema());
    }

    private ObjectNode task(ClusterState s, TaskConfig cfg, boolean withStatus) {
        ObjectNode t = TaskJson.fromConfig(cfg);
        if (withStatus) {
            t.set("status_list", statusList(s, cfg.name(), List.of()));
        }
        return t;
    }

    /** DM's SubTaskStatus list: query-status of a running task; Stopped entries for a task only created. */
    private ArrayNode statusList(ClusterState s, String name, List<String> sources) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (!s.tasks().containsKey(name)) {
            TaskConfig cfg = master.parseTask(yamlOf(s, name).orElseThrow(), "task " + name).config();
            for (String src : cfg.sourceIds()) {
                if (sources.isEmpty() || sources.contains(src)) {
                    out.addObject().put("name", name).put("source_name", src).put("worker_name", s.workerOf(src).orElse(""))
                            .put("stage", Stage.STOPPED.label()).put("unit", "");
                }
            }
            return out;
        }
        for (SourceStatusEntry e : master.queryStatus(new QueryStatusRequest(name, sources, false)).sources()) {
            String src = e.sourceStatus().source();
            String worker = e.sourceStatus().worker();
            if (e.subTaskStatus().isEmpty()) {
                out.addObject().put("name", name).put("source_name", src).put("worker_name", worker)
                        .put("stage", "").put("unit", "").put("error_msg", e.msg());
            }
            for (SubTaskStatus st : e.subTaskStatus()) {
                out.add(StatusJson.subTask(st, src, worker));
            }
        }
        return out;
    }

    /** Running, Paused or Stopped from the stages the master wants its subtasks in. */
    static String stage(ClusterState s, String name) {
        TaskEntry t = s.tasks().get(name);
        if (t == null || t.subtasks().isEmpty()) {
            return Stage.STOPPED.label();
        }
        boolean anyRunning = t.subtasks().values().stream().anyMatch(x -> x.stage() == Stage.RUNNING);
        return anyRunning ? Stage.RUNNING.label() : Stage.PAUSED.label();
    }

    private Optional<String> yamlOf(ClusterState s, String name) {
        TaskEntry t = s.tasks().get(name);
        return t != null ? Optional.of(t.yaml()) : created.get(name);
    }

    private String existing(ApiCall c) {
        String name = c.path("task-name");
        ClusterState s = master.state();
        if (yamlOf(s, name).isEmpty()) {
            throw notFound(s, name);
        }
        return name;
    }

    private io.dm4j.common.errors.DmException notFound(ClusterState s, String name) {
        TreeSet<String> names = new TreeSet<>(s.tasks().keySet());
        names.addAll(created.names());
        return MasterErrors.TASK_NOT_FOUND.error(name, names.isEmpty() ? "; there are no tasks" : "; the tasks are " + names)
                .withWorkaround("List the tasks with GET /api/v1/tasks; create one with POST /api/v1/tasks.");
    }

    private static void check(OperateTaskResponse resp) {
        if (!resp.result() && !resp.msg().isEmpty()) {
            throw MasterErrors.INVALID_OPERATION.error(resp.msg());
        }
        SourceApi.failIfNot(resp.sources());
    }
}
