package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.OPENAPI;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of the master's OpenAPI ({@code /api/v1}): DM's own codes 49001-49004 where DM has the same meaning, dm4j's
 * in 49400-49449 and 49880-49899.
 */
public final class OpenApiErrors {
    private OpenApiErrors() {
    }

    public static final ErrorCode BAD_REQUEST = new ErrorCode(49001, "ErrOpenAPICommonError", OPENAPI, INTERNAL, MEDIUM,
            "%s", "Check the request against the OpenAPI document the master serves at /api/v1/dm.json.", false);
    public static final ErrorCode TASK_SOURCE_NOT_FOUND = new ErrorCode(49002, "ErrOpenAPITaskSourceNotFound", OPENAPI, INTERNAL, MEDIUM,
            "task `%s` has no source `%s`; its sources are %s",
            "Use a source named in source_config.source_conf of the task (GET /api/v1/tasks/{task-name}).", false);
    public static final ErrorCode TEMPLATE_EXISTS = new ErrorCode(49003, "ErrOpenAPITaskConfigExist", OPENAPI, INTERNAL, MEDIUM,
            "task template `%s` already exists",
            "Update it with PUT /api/v1/tasks/templates/{task-name}, or delete it first.", false);
    public static final ErrorCode TEMPLATE_NOT_FOUND = new ErrorCode(49004, "ErrOpenAPITaskConfigNotExist", OPENAPI, INTERNAL, MEDIUM,
            "task template `%s` does not exist; the templates are %s",
            "List the templates with GET /api/v1/tasks/templates, or create it with POST /api/v1/tasks/templates.", false);
    public static final ErrorCode DISABLED = new ErrorCode(49400, "ErrOpenAPIDisabled", OPENAPI, INTERNAL, MEDIUM,
            "the OpenAPI is off on this dm-master (%s)",
            "Set `openapi = true` in dm-master.toml and restart dm-master; dmctl works either way.", false);
    public static final ErrorCode NO_SUCH_OPERATION = new ErrorCode(49401, "ErrOpenAPINoSuchOperation", OPENAPI, INTERNAL, MEDIUM,
            "%s %s is not an operation of this OpenAPI",
            "See the operations listed in /api/v1/dm.json (rendered at /api/v1/docs).", false);
    public static final ErrorCode TASK_STILL_RUNNING = new ErrorCode(49402, "ErrOpenAPITaskRunning", OPENAPI, INTERNAL, MEDIUM,
            "task `%s` still runs on source(s) %s",
            "Stop it first with POST /api/v1/tasks/{task-name}/stop, or delete it with ?force=true.", false);
    public static final ErrorCode CROSS_ORIGIN = new ErrorCode(49403, "ErrOpenAPICrossOrigin", OPENAPI, INTERNAL, MEDIUM,
            "%s %s sent by a web page of another origin (%s) is refused",
            "Call the API from a client that is not a web page of another site (curl, a script), or from the master's own pages.", false);
    public static final ErrorCode BAD_FIELD = new ErrorCode(49880, "ErrOpenAPIBadField", OPENAPI, INTERNAL, MEDIUM,
            "field `%s` of %s: %s",
            "Correct that field of the request body; its schema is in /api/v1/dm.json (rendered at /api/v1/docs).", false);
    public static final ErrorCode SOURCE_HAS_TASKS = new ErrorCode(49881, "ErrOpenAPISourceHasTasks", OPENAPI, INTERNAL, MEDIUM,
            "source `%s` cannot be updated while tasks use it: %s",
            "Stop those tasks first (POST /api/v1/tasks/{task-name}/stop, or dmctl stop-task), update the source, then start them again.",
            false);
}
