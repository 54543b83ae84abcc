package io.dm4j.master.server;

import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.QueryWorkerStatusResponse;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.TaskSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** query-status: asks the workers of the sources concerned, in parallel, and puts their answers in DM's shape. */
final class StatusOps {
    private final MasterCore core;

    StatusOps(MasterCore core) {
        this.core = core;
    }

    QueryStatusListResponse query(QueryStatusRequest r) {
        ClusterState s = core.state();
        if (!r.name().isEmpty()) {
            TaskEntry t = s.tasks().get(r.name());
            if (t == null) {
                throw MasterErrors.TASK_NOT_FOUND.error(r.name(), s.tasks().isEmpty() ? "; there are no tasks" : "; the tasks are " + s.tasks().keySet());
            }
            List<String> srcs = r.sources().isEmpty() ? List.copyOf(t.subtasks().keySet())
                    : r.sources().stream().filter(t.subtasks()::containsKey).toList();
            return new QueryStatusListResponse(true, "", entries(s, srcs, r.name()), null);
        }
        if (!r.sources().isEmpty()) {
            for (String src : r.sources()) {
                if (!s.sources().containsKey(src)) {
                    throw MasterErrors.SOURCE_NOT_FOUND.error(src, s.sources().keySet());
                }
            }
            return new QueryStatusListResponse(true, "", entries(s, r.sources(), ""), null);
        }
        Map<String, SourceStatusEntry> bySource = new LinkedHashMap<>();
        for (SourceStatusEntry e : entries(s, List.copyOf(s.sources().keySet()), "")) {
            bySource.put(e.sourceStatus().source(), e);
        }
        List<TaskSummary> tasks = new ArrayList<>();
        for (TaskEntry t : s.tasks().values()) {
            List<TaskStatusDeriver.WithSource> subs = new ArrayList<>();
            int unanswered = 0;
            for (String src : t.subtasks().keySet()) {
                SourceStatusEntry e = bySource.get(src);
                var mine = e == null ? List.<SubTaskStatus>of()
                        : e.subTaskStatus().stream().filter(x -> x.name().equals(t.name())).toList();
                if (mine.isEmpty()) {
                    unanswered++;
                }
                mine.forEach(x -> subs.add(new TaskStatusDeriver.WithSource(x, e.sourceStatus())));
            }
            tasks.add(new TaskSummary(t.name(), TaskStatusDeriver.derive(subs, unanswered), List.copyOf(t.subtasks().keySet())));
        }
        return new QueryStatusListResponse(true, "", null, tasks);
    }

    /** One entry per source, each from its worker's answer (asked once per worker, all at the same time). */
    private List<SourceStatusEntry> entries(ClusterState s, List<String> srcs, String task) {
        Duration timeout = core.workerCallTimeout().compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : core.workerCallTimeout();
        Map<String, CompletableFuture<QueryWorkerStatusResponse>> calls = new LinkedHashMap<>();
        for (String src : srcs) {
            String w = s.workerOf(src).orElse("");
            WorkerEntry we = s.workers().get(w);
            if (we != null && !calls.containsKey(w)) {
                calls.put(w, core.driver.query(we, task, timeout));
            }
        }
        List<SourceStatusEntry> out = new ArrayList<>();
        for (String src : srcs) {
            String w = s.workerOf(src).orElse("");
            CompletableFuture<QueryWorkerStatusResponse> call = calls.get(w);
            if (call == null) {
                out.add(new SourceStatusEntry(false, SchedulerErrors.SOURCE_NOT_BOUND.error(src).getMessage(),
                        new SourceStatus(src, "", null, null), List.of()));
                continue;
            }
            QueryWorkerStatusResponse resp;
            try {
                resp = call.get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                out.add(new SourceStatusEntry(false, "worker " + w + " did not answer: " + ErrorClassifier.toDm(cause).getMessage(),
                        new SourceStatus(src, w, null, null), List.of()));
                continue;
            }
            SourceStatus ss = resp.sourceStatus() != null && src.equals(resp.sourceStatus().source()) ? resp.sourceStatus()
                    : new SourceStatus(src, w, null, null);
            List<SubTaskStatus> subs = resp.sourceStatus() != null && src.equals(resp.sourceStatus().source())
                    ? resp.subTaskStatus().stream().filter(x -> task.isEmpty() || x.name().equals(task)).toList() : List.of();
            String msg = resp.msg();
            boolean ok = resp.result();
            if (ok && !task.isEmpty() && subs.isEmpty()) {
                ok = false;
                msg = "subtask " + task + " has not started on worker " + w + " yet";
            }
            out.add(new SourceStatusEntry(ok, msg == null ? "" : msg, ss, subs));
        }
        return out;
    }
}
