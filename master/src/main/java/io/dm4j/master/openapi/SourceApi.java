package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.master.server.MasterService;
import io.dm4j.master.state.ClusterState;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateSourceResponse;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.TransferSourceRequest;
import java.util.List;

/**
 * {@code /api/v1/sources}: DM's source operations, each through the master operation dmctl uses
 * ({@code operate-source}, {@code transfer-source}, {@code query-status}, {@code pause-task}/{@code resume-task}).
 */
final class SourceApi {
    private static final String BASE = "/api/v1/sources";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SourceApi.class);

    private final MasterService master;

    SourceApi(MasterService master) {
        this.master = master;
    }

    void register(ApiRouter r) {
        r.add("POST", BASE, this::create)
                .add("GET", BASE, this::list)
                .add("GET", BASE + "/{source-name}", this::get)
                .add("PUT", BASE + "/{source-name}", this::update)
                .add("DELETE", BASE + "/{source-name}", this::delete)
                .add("GET", BASE + "/{source-name}/status", this::status)
                .add("POST", BASE + "/{source-name}/enable", c -> setTasksRunning(c, true))
                .add("POST", BASE + "/{source-name}/disable", c -> setTasksRunning(c, false))
                .add("POST", BASE + "/{source-name}/transfer", this::transfer)
                .add("POST", BASE + "/{source-name}/relay/enable", c -> relay(c, "enable"))
                .add("POST", BASE + "/{source-name}/relay/disable", c -> relay(c, "disable"))
                .add("POST", BASE + "/{source-name}/relay/purge", c -> relay(c, "purge"))
                .add("GET", BASE + "/{source-name}/schemas", c -> ApiReply.ok(Json.array(master.upstreamSchemas(existing(c)))))
                .add("GET", BASE + "/{source-name}/schemas/{schema-name}",
                        c -> ApiReply.ok(Json.array(master.upstreamTables(existing(c), c.path("schema-name")))));
    }

    private ApiReply create(ApiCall c) {
        JsonNode body = c.body();
        String yaml = SourceJson.toYaml(body.path("source"));
        String worker = Json.text(body, "worker_name", "");
        OperateSourceResponse resp = master.operateSource(new OperateSourceRequest("create", List.of(yaml),
                List.of("OpenAPI source"), List.of(), worker));
        failIfNot(resp);
        String id = resp.sources().get(0).source();
        return ApiReply.created(source(master.state(), id, false));
    }

    private ApiReply list(ApiCall c) {
        boolean withStatus = c.flag("with_status", false);
        boolean relayOnly = c.flag("enable_relay", false);
        ClusterState s = master.state();
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (String id : s.sources().keySet()) {
            ObjectNode src = source(s, id, withStatus);
            if (!relayOnly || src.path("relay_config").path("enable_relay").asBoolean()) {
                data.add(src);
            }
        }
        return ApiReply.ok(Json.list(data));
    }

    private ApiReply get(ApiCall c) {
        ClusterState s = master.state();
        String id = c.path("source-name");
        if (!s.sources().containsKey(id)) {
            throw new ApiRouter.NotFound(MasterErrors.SOURCE_NOT_FOUND.error(id, s.sources().keySet()));
        }
        return ApiReply.ok(source(s, id, c.flag("with_status", false)));
    }

    /**
     * DM's source update: the body's source replaces the stored one, bound to the same worker. Refused while tasks use
     * the source (their checkpoints belong to the old upstream); the new source file is checked before the old one
     * is stopped, and the old one is put back when the new one cannot be created.
     */
    private synchronized ApiReply update(ApiCall c) {
        String id = existing(c);
        JsonNode body = c.body().path("source");
        if (!body.isObject()) {
            throw OpenApiErrors.BAD_FIELD.error("source", "the update request", "missing; give the whole Source object");
        }
        String bodyName = body.path("source_name").asText();
        if (!id.equals(bodyName)) {
            throw OpenApiErrors.BAD_FIELD.error("source.source_name", "the update request", "it is `" + bodyName
                    + "` but the path names `" + id + "`; a source cannot be renamed");
        }
        ClusterState s = master.state();
        if (!s.tasksOn(id).isEmpty()) {
            throw OpenApiErrors.SOURCE_HAS_TASKS.error(id, s.tasksOn(id));
        }
        String yaml = SourceJson.toYaml(body);
        master.parseSource(yaml, "OpenAPI source " + id);
        String old = s.sources().get(id).yaml();
        String worker = s.workerOf(id).orElse("");
        failIfNot(master.operateSource(new OperateSourceRequest("stop", List.of(), List.of(), List.of(id), "")));
        try {
            failIfNot(master.operateSource(new OperateSourceRequest("create", List.of(yaml), List.of("OpenAPI source"), List.of(), worker)));
        } catch (RuntimeException e) {
            LOG.warn("source {}: the updated source cannot be created ({}); the old one is created again", id, e.getMessage());
            master.operateSource(new OperateSourceRequest("create", List.of(old), List.of("source " + id + " before the update"),
                    List.of(), worker));
            throw e;
        }
        return ApiReply.ok(source(master.state(), id, false));
    }

    private ApiReply delete(ApiCall c) {
        String id = existing(c);
        if (c.flag("force", false) && !master.state().tasksOn(id).isEmpty()) {
            failIfNot(master.operateTask(new OperateTaskRequest("Stop", "", List.of(id))).sources());
        }
        failIfNot(master.operateSource(new OperateSourceRequest("stop", List.of(), List.of(), List.of(id), "")));
        return ApiReply.noContent();
    }

    private ApiReply status(ApiCall c) {
        return ApiReply.ok(Json.list(statusList(existing(c))));
    }

    /** enable = resume-task, disable = pause-task, for every task on the source (DM's meaning of the two). */
    private ApiReply setTasksRunning(ApiCall c, boolean running) {
        String id = existing(c);
        if (!master.state().tasksOn(id).isEmpty()) {
            failIfNot(master.operateTask(new OperateTaskRequest(running ? "Resume" : "Pause", "", List.of(id))).sources());
        }
        return ApiReply.ok(null);
    }

    private ApiReply transfer(ApiCall c) {
        String id = existing(c);
        String worker = Json.requiredText(c.body(), "worker_name", "the transfer request");
        var resp = master.transferSource(new TransferSourceRequest(id, worker));
        if (!resp.result()) {
            throw MasterErrors.INVALID_OPERATION.error(resp.msg());
        }
        return ApiReply.ok(null);
    }

    /** enable/disable = start-relay/stop-relay (with DM's optional worker list), purge = purge-relay. */
    private ApiReply relay(ApiCall c, String op) {
        String id = existing(c);
        JsonNode body = c.body();
        if (op.equals("purge")) {
            String file = Json.requiredText(body, "relay_binlog_name", "the purge request");
            var resp = master.purgeRelay(new PurgeRelayRequest(id, file, Json.text(body, "relay_dir", "")));
            failIfNot(resp.sources());
            return ApiReply.ok(null);
        }
        for (String fixed : List.of("relay_binlog_name", "relay_binlog_gtid", "relay_dir")) {
            if (!Json.text(body, fixed, "").isEmpty()) {
                throw OpenApiErrors.BAD_REQUEST.error("`" + fixed + "` cannot be set when enabling relay; set " + fixed.replace('_', '-')
                        + " in the source file (it is read when the relay starts from scratch)");
            }
        }
        String dmOp = op.equals("enable") ? "StartRelay" : "StopRelay";
        var resp = master.operateRelay(new OperateRelayRequest(dmOp, List.of(id), Json.texts(body, "worker_name_list")));
        if (!resp.result()) {
            throw MasterErrors.INVALID_OPERATION.error(resp.msg());
        }
        failIfNot(resp.sources());
        return ApiReply.ok(null);
    }

    /** The source named in the path; 400 with the known sources when there is none. */
    private String existing(ApiCall c) {
        String id = c.path("source-name");
        ClusterState s = master.state();
        if (!s.sources().containsKey(id)) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(id, s.sources().keySet());
        }
        return id;
    }

    private ObjectNode source(ClusterState s, String id, boolean withStatus) {
        SourceConfig cfg = master.parseSource(s.sources().get(id).yaml(), "source " + id);
        ObjectNode o = SourceJson.fromConfig(cfg, s.tasksOn(id));
        if (withStatus) {
            o.set("status_list", statusList(id));
        }
        return o;
    }

    /** DM's {@code SourceStatus} list of one source, from query-status. */
    private ArrayNode statusList(String id) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SourceStatusEntry e : master.queryStatus(new QueryStatusRequest("", List.of(id), false)).sources()) {
            ObjectNode st = out.addObject();
            st.put("source_name", e.sourceStatus().source());
            st.put("worker_name", e.sourceStatus().worker());
            if (e.sourceStatus().relayStatus() != null) {
                st.set("relay_status", relayStatus(e.sourceStatus().relayStatus()));
            }
            if (!e.result()) {
                st.put("error_msg", e.msg());
            }
        }
        return out;
    }

    private static void failIfNot(OperateSourceResponse resp) {
        if (!resp.result()) {
            throw MasterErrors.INVALID_OPERATION.error(resp.msg());
        }
        failIfNot(resp.sources());
    }

    static void failIfNot(List<SourceResult> results) {
        for (SourceResult r : results) {
            if (!r.result()) {
                throw ApiRouter.Failed.of(r.msg(), MasterErrors.INVALID_OPERATION.error("source " + r.source() + ": " + r.msg()));
            }
        }
    }

    /** query-status's relayStatus (DM's camelCase fields) as the OpenAPI's {@code RelayStatus}. */
    static ObjectNode relayStatus(JsonNode relay) {
        ObjectNode o = Json.object();
        o.put("master_binlog", relay.path("masterBinlog").asText(""));
        o.put("master_binlog_gtid", relay.path("masterBinlogGtid").asText(""));
        o.put("relay_dir", relay.path("relaySubDir").asText(""));
        o.put("relay_binlog_gtid", relay.path("relayBinlogGtid").asText(""));
        o.put("relay_catch_up_master", relay.path("relayCatchUpMaster").asBoolean(false));
        o.put("stage", relay.path("stage").asText(""));
        return o;
    }
}
