package io.dm4j.worker.server;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.subtask.SubTask;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.sync.TrackedSchemas;
import io.dm4j.worker.sync.operator.BinlogOp;
import io.dm4j.worker.sync.operator.BinlogOperator;
import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.worker.sync.operator.BinlogPositionArg;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's side of {@code binlog} and {@code binlog-schema} for one subtask. */
final class BinlogCommands {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogCommands.class);

    private BinlogCommands() {
    }

    /**
     * skip, replace, inject, revert or list. A skip/replace/inject aimed at the event that paused the subtask lets
     * it continue at once, as DM does.
     */
    static CommonResponse operate(SubTask task, BinlogOperators operators, BinlogOperateRequest r) {
        BinlogPosition pos = r.binlogPos().isBlank() ? null : BinlogPositionArg.parse(r.binlogPos());
        switch (r.op()) {
            case "list" -> {
                List<BinlogOperator> ops = operators.list();
                return new CommonResponse(true, ops.isEmpty() ? "no pending binlog operator"
                        : ops.stream().map(BinlogOperator::describe).collect(Collectors.joining("\n")));
            }
            case "revert" -> {
                BinlogOperator op = operators.revert(pos);
                return new CommonResponse(true, "reverted: " + op.describe());
            }
            default -> {
                BinlogOp op = BinlogOp.of(r.op()).orElseThrow(() -> BinlogOpErrors.BAD_REQUEST.error(r.op(),
                        "unknown operation; use skip, replace, inject, revert or list"));
                BinlogOperator set = operators.set(op, pos, r.sqls());
                boolean atFailure = operators.failedAt().map(set.position()::equals).orElse(false);
                if (atFailure && task.pausedByError()) {
                    LOG.info("subtask {} on source {} continues after `binlog {}`", task.name(), task.sourceId(), op.label());
                    task.resume();
                }
                return new CommonResponse(true, "");
            }
        }
    }

    /** list, update or delete a tracked structure; the subtask must be paused. */
    static CommonResponse schema(SubTask task, BinlogSchemaRequest r) {
        if (!List.of("list", "update", "delete").contains(r.op())) {
            throw BinlogOpErrors.BAD_REQUEST.error("-schema " + r.op(), "unknown operation; use list, update or delete");
        }
        if (task.stage() != Stage.PAUSED) {
            throw BinlogOpErrors.SCHEMA_NOT_PAUSED.error(r.op(), task.name(), task.sourceId(), task.stage().label());
        }
        TrackedSchemas schemas = task.currentUnit(SyncUnit.class).flatMap(SyncUnit::trackedSchemas)
                .orElseThrow(() -> BinlogOpErrors.SCHEMA_NO_SYNC.error(task.name(), task.sourceId()));
        TableId table = new TableId(r.database(), r.table());
        return switch (r.op()) {
            case "list" -> new CommonResponse(true, schemas.show(table));
            case "update" -> new CommonResponse(true, schemas.update(table, r.schema(), r.fromSource(), r.fromTarget()));
            default -> {
                schemas.delete(table);
                yield new CommonResponse(true, "");
            }
        };
    }
}
