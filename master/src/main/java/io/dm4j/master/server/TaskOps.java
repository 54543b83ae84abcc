package io.dm4j.master.server;

import io.dm4j.common.config.LoadedConfig;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.CheckerErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.master.check.PrecheckReport;
import io.dm4j.master.scheduler.Assignments;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.SubTaskEntry;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.proto.message.CheckTaskRequest;
import io.dm4j.proto.message.CheckTaskResponse;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.TaskCliArgs;
import io.dm4j.proto.message.WorkerOpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** check-task, start-task, stop-task, pause-task, resume-task. */
final class TaskOps {
    private static final Logger LOG = LoggerFactory.getLogger(TaskOps.class);

    private final MasterCore core;
    private final SourceOps sources;
    private final MetaCleaner metaCleaner;

    TaskOps(MasterCore core, SourceOps sources) {
        this.core = core;
        this.sources = sources;
        this.metaCleaner = new MetaCleaner(core.probe);
    }

    /** A task file that passed validation, with the configurations of its sources in its order. */
    private record Validated(LoadedConfig<TaskConfig> loaded, List<SourceConfig> sources) {
        TaskConfig task() {
            return loaded.config();
        }
    }

    /** The checks start-task runs before it stores anything: the file, its sources, and both ends reachable. */
    private Validated validate(String yaml, String origin, String startTime, ClusterState s) {
        String timeProblem = TaskCliArgs.startTimeProblem(startTime);
        if (timeProblem != null) {
            throw MasterErrors.INVALID_START_TIME.error(timeProblem);
        }
        LoadedConfig<TaskConfig> loaded = TaskConfig.check(yaml, origin, core.encryptor);
        TaskConfig task = loaded.config();
        List<String> missing = task.sourceIds().stream().filter(id -> !s.sources().containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(String.join("`, `", missing), s.sources().keySet())
                    .withWorkaround("Create the source(s) with `operate-source create source.yaml`, or correct source-id in"
                            + " mysql-instances of " + origin + ".");
        }
        List<SourceConfig> cfgs = task.sourceIds().stream()
                .map(id -> sources.parse(s.sources().get(id).yaml(), "source " + id)).toList();
        task.checkSources(cfgs);
        cfgs.forEach(sources::checkReachable);
        try {
            core.probe.check(task.targetDatabase(), "target-database");
        } catch (SQLException e) {
            throw MasterErrors.DOWNSTREAM_UNREACHABLE.wrap(e, task.name(), task.targetDatabase().address(), task.targetDatabase().user());
        }
        return new Validated(loaded, cfgs);
    }

    CheckTaskResponse check(CheckTaskRequest r) {
        Validated v = validate(r.task(), r.origin(), r.startTime(), core.state());
        PrecheckReport report = core.precheck.run(v.task(), v.sources());
        StringBuilder msg = new StringBuilder(report.message(r.errCnt(), r.warnCnt()));
        int shown = 0;
        for (var w : v.loaded().warnings()) {
            if (r.warnCnt() > 0 && shown++ >= r.warnCnt()) {
                break;
            }
            msg.append("\nwarning: ").append(w.describe());
        }
        return new CheckTaskResponse(report.passed(), msg.toString(), report.summary(), report.results());
    }

    OperateTaskResponse start(StartTaskRequest r) {
        long received = System.nanoTime();
        LOG.debug("start-task of {} received", r.origin());
        return core.exclusive(() -> {
            ClusterState s = core.state();
            Validated v = validate(r.task(), r.origin(), r.startTime(), s);
            TaskConfig task = v.task();
            List<String> targets = r.sources().isEmpty() ? task.sourceIds() : r.sources();
            List<String> unknown = targets.stream().filter(id -> !task.sourceIds().contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw MasterErrors.SOURCE_NOT_IN_TASK.error(task.name(), unknown, task.sourceIds());
            }
            TaskEntry existing = s.tasks().get(task.name());
            if (existing != null) {
                List<String> running = targets.stream().filter(existing.subtasks()::containsKey).toList();
                if (!running.isEmpty() || !existing.yaml().equals(r.task())) {
                    throw MasterErrors.TASK_EXISTS.error(task.name(), existing.subtasks().keySet());
                }
            }
            PrecheckReport report = core.precheck.run(task, v.sources().stream()
                    .filter(c -> targets.contains(c.sourceId())).toList());
            if (!report.passed()) {
                throw CheckerErrors.PRECHECK_FAILED.error(task.name(), report.message(0, 0));
            }
            if (r.removeMeta()) {
                metaCleaner.removeMeta(task);
            }
            TaskCliArgs args = new TaskCliArgs(r.removeMeta(), r.startTime());
            Map<String, TaskCliArgs> bySource = new LinkedHashMap<>();
            targets.forEach(id -> bySource.put(id, args));
            core.store.apply(new Command.AddTask(task.name(), r.task(), r.origin(), bySource, Stage.RUNNING));
            LOG.info("task {} started on sources {} (remove-meta {}, start-time `{}`; {} ms after start-task arrived)", task.name(),
                    targets, r.removeMeta(), r.startTime(), (System.nanoTime() - received) / 1_000_000);
            return drive("Start", task.name(), targets, null);
        });
    }

    OperateTaskResponse operate(OperateTaskRequest r) {
        String op = r.op() == null ? "" : r.op();
        if (!List.of("Stop", "Pause", "Resume").contains(op)) {
            throw MasterErrors.INVALID_OPERATION.error("task operation must be Stop, Pause or Resume, not `" + op + "`");
        }
        return core.exclusive(() -> {
            ClusterState s = core.state();
            Map<String, List<String>> targets = targets(s, r.name(), r.sources());
            List<SourceResult> results = new ArrayList<>();
            for (Map.Entry<String, List<String>> t : targets.entrySet()) {
                String task = t.getKey();
                List<String> srcs = t.getValue();
                switch (op) {
                    case "Stop" -> {
                        core.store.apply(new Command.RemoveSubTasks(task, srcs));
                        LOG.info("task {} stopped on sources {}", task, srcs);
                        results.addAll(drive(op, task, srcs, s).sources());
                    }
                    case "Pause" -> {
                        core.store.apply(new Command.SetStage(task, srcs, Stage.PAUSED));
                        LOG.info("task {} paused on sources {}", task, srcs);
                        results.addAll(drive(op, task, srcs, null).sources());
                    }
                    default -> {
                        core.store.apply(new Command.SetStage(task, srcs, Stage.RUNNING));
                        LOG.info("task {} resumed on sources {}", task, srcs);
                        results.addAll(drive(op, task, srcs, null).sources());
                    }
                }
            }
            boolean ok = results.stream().allMatch(SourceResult::result);
            return new OperateTaskResponse(op, ok, "", results);
        });
    }

    /** task → sources an operation applies to; with no task name, every task on the given sources. */
    private Map<String, List<String>> targets(ClusterState s, String name, List<String> srcs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (name.isEmpty()) {
            if (srcs.isEmpty()) {
                throw MasterErrors.INVALID_OPERATION.error("give a task name, or sources with -s to act on all their tasks");
            }
            for (String src : srcs) {
                if (!s.sources().containsKey(src)) {
                    throw MasterErrors.SOURCE_NOT_FOUND.error(src, s.sources().keySet());
                }
                for (String task : s.tasksOn(src)) {
                    out.computeIfAbsent(task, k -> new ArrayList<>()).add(src);
                }
            }
            return out;
        }
        TaskEntry t = s.tasks().get(name);
        if (t == null) {
            throw MasterErrors.TASK_NOT_FOUND.error(name, s.tasks().isEmpty() ? "; there are no tasks" : "; the tasks are " + s.tasks().keySet());
        }
        if (srcs.isEmpty()) {
            out.put(name, List.copyOf(t.subtasks().keySet()));
            return out;
        }
        List<String> notIn = srcs.stream().filter(x -> !t.subtasks().containsKey(x)).toList();
        if (!notIn.isEmpty()) {
            throw MasterErrors.SOURCE_NOT_IN_TASK.error(name, notIn, t.subtasks().keySet());
        }
        out.put(name, List.copyOf(new LinkedHashSet<>(srcs)));
        return out;
    }

    /**
     * Tells the workers of the sources about the change and collects their answers. Start and Stop send the
     * worker's whole assignment; Pause and Resume are explicit operations (Resume also resumes a subtask an
     * error paused). {@code before} is the state before a Stop, to find the workers.
     */
    private OperateTaskResponse drive(String op, String task, List<String> srcs, ClusterState before) {
        ClusterState s = core.state();
        List<SourceResult> out = new ArrayList<>();
        Set<String> pushed = new LinkedHashSet<>();
        for (String src : srcs) {
            String worker = (before != null ? before : s).workerOf(src).orElse("");
            if (worker.isEmpty()) {
                out.add(op.equals("Stop") ? SourceResult.ok(src, "")
                        : SourceResult.failed(src, "", SchedulerErrors.SOURCE_NOT_BOUND.error(src).getMessage()));
                continue;
            }
            try {
                WorkerOpResponse r;
                if (op.equals("Start") || op.equals("Stop")) {
                    r = pushed.add(worker) ? core.driver.push(worker) : null;
                } else {
                    SubTaskEntry sub = s.tasks().get(task).subtasks().get(src);
                    r = core.driver.operate(worker, op, Assignments.spec(s.tasks().get(task), sub));
                }
                out.add(toResult(r, task, src, worker));
            } catch (DmException e) {
                core.driver.logFailure(worker, op + " " + task, e);
                out.add(SourceResult.failed(src, worker, MasterErrors.WORKER_CALL_FAILED.wrap(e, worker, op + " of task " + task,
                        e.detail()).getMessage()));
            }
        }
        boolean ok = out.stream().allMatch(SourceResult::result);
        return new OperateTaskResponse(op, ok, "", out);
    }

    private static SourceResult toResult(WorkerOpResponse r, String task, String src, String worker) {
        if (r == null) {
            return SourceResult.ok(src, worker);
        }
        var sub = r.subtasks().stream().filter(x -> x.name().equals(task)).findFirst();
        if (sub.isPresent() && !sub.get().result()) {
            return SourceResult.failed(src, worker, sub.get().msg());
        }
        return r.result() ? SourceResult.ok(src, worker) : SourceResult.failed(src, worker, r.msg());
    }
}
