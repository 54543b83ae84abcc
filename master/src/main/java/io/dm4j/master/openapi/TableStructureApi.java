package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.master.server.MasterService;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.SourcesResponse;
import java.util.List;

/**
 * {@code /api/v1/tasks/{task-name}/sources/{source-name}/schemas/{schema-name}/{table-name}}: the table structure
 * the sync unit tracks for an upstream table, read, replaced or dropped as {@code binlog-schema list|update|delete}
 * does (the subtask must be paused, as there).
 */
final class TableStructureApi {
    private static final String PATH = "/api/v1/tasks/{task-name}/sources/{source-name}/schemas/{schema-name}/{table-name}";

    private final MasterService master;

    TableStructureApi(MasterService master) {
        this.master = master;
    }

    void register(ApiRouter r) {
        r.add("GET", PATH, this::get)
                .add("PUT", PATH, this::update)
                .add("DELETE", PATH, this::delete);
    }

    private ApiReply get(ApiCall c) {
        SourcesResponse resp = call(c, "list", "", false, false);
        ObjectNode out = Json.object();
        out.put("schema_name", c.path("schema-name"));
        out.put("table_name", c.path("table-name"));
        out.put("schema_create_sql", resp.sources().get(0).msg());
        return ApiReply.ok(out);
    }

    private ApiReply update(ApiCall c) {
        JsonNode body = c.body();
        JsonNode sql = body.path("sql_content");
        if (!sql.isTextual() || sql.asText().isBlank()) {
            throw OpenApiErrors.BAD_FIELD.error("sql_content", "the table structure request",
                    "required: the CREATE TABLE statement of the structure to track");
        }
        call(c, "update", sql.asText(), body.path("flush").asBoolean(true), body.path("sync").asBoolean(false));
        return ApiReply.ok(null);
    }

    private ApiReply delete(ApiCall c) {
        call(c, "delete", "", false, false);
        return ApiReply.noContent();
    }

    private SourcesResponse call(ApiCall c, String op, String sql, boolean flush, boolean sync) {
        SourcesResponse resp = master.binlogSchema(new BinlogSchemaRequest(op, c.path("task-name"), List.of(c.path("source-name")),
                c.path("schema-name"), c.path("table-name"), sql, flush, sync, false, false));
        SourceApi.failIfNot(resp.sources());
        return resp;
    }
}
