package io.dm4j.master.server;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
import io.dm4j.proto.message.WorkerMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code binlog} and {@code binlog-schema}: forwarded to the worker of each source of the task. The master keeps
 * no copy of the operators: each worker stores them in the task's meta-schema downstream, next to the checkpoint
 * they are judged against, so they outlive a master or worker restart and follow a source to another worker.
 */
final class BinlogOps {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogOps.class);
    private static final List<String> OPS = List.of("skip", "replace", "inject", "revert", "list");

    private final MasterCore core;

    BinlogOps(MasterCore core) {
        this.core = core;
    }

    SourcesResponse operate(BinlogOperateRequest r) {
        if (!OPS.contains(r.op())) {
            throw BinlogOpErrors.BAD_REQUEST.error(r.op(), "unknown operation; use " + String.join(", ", OPS));
        }
        LOG.info("binlog {} for task {} at `{}` on sources {}: {}", r.op(), r.task(), r.binlogPos(), r.sources(), r.sqls());
        return forEachSource(r.task(), r.sources(), "binlog " + r.op(),
                (w, src) -> core.driver.client(w).callBlocking(WorkerMethods.BINLOG, r.forSource(src), core.driver.rpcTimeout()));
    }

    SourcesResponse schema(BinlogSchemaRequest r) {
        LOG.info("binlog-schema {} for task {} table `{}`.`{}` on sources {}", r.op(), r.task(), r.database(), r.table(), r.sources());
        return forEachSource(r.task(), r.sources(), "binlog-schema " + r.op(),
                (w, src) -> core.driver.client(w).callBlocking(WorkerMethods.BINLOG_SCHEMA, r.forSource(src), core.driver.rpcTimeout()));
    }

    private SourcesResponse forEachSource(String taskName, List<String> sources, String what,
                                          BiFunction<WorkerEntry, String, CommonResponse> call) {
        ClusterState s = core.state();
        TaskEntry task = s.tasks().get(taskName);
        if (task == null) {
            throw MasterErrors.TASK_NOT_FOUND.error(taskName, s.tasks().isEmpty() ? "; there are no tasks" : "; the tasks are " + s.tasks().keySet());
        }
        List<String> notIn = sources.stream().filter(x -> !task.subtasks().containsKey(x)).toList();
        if (!notIn.isEmpty()) {
            throw MasterErrors.SOURCE_NOT_IN_TASK.error(taskName, notIn, task.subtasks().keySet());
        }
        List<String> targets = sources.isEmpty() ? List.copyOf(task.subtasks().keySet()) : sources;
        List<SourceResult> out = new ArrayList<>();
        for (String src : targets) {
            String worker = s.workerOf(src).orElse("");
            WorkerEntry w = s.workers().get(worker);
            if (w == null) {
                out.add(SourceResult.failed(src, worker, SchedulerErrors.SOURCE_NOT_BOUND.error(src).getMessage()));
                continue;
            }
            try {
                CommonResponse r = call.apply(w, src);
                out.add(new SourceResult(r.result(), r.msg(), src, worker));
            } catch (DmException e) {
                core.driver.logFailure(worker, what + " of task " + taskName, e);
                out.add(SourceResult.failed(src, worker, e.getMessage()));
            }
        }
        return new SourcesResponse(out.stream().allMatch(SourceResult::result), "", out);
    }
}
