package io.dm4j.master.alert;

import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which alerts a new observation of the cluster raises. Each condition alerts once when it starts and
 * again only after it has ended and started anew (a task paused with an error, resumed, paused again alerts
 * twice; one that stays paused alerts once). Not thread-safe: one checking thread owns it.
 */
public final class AlertRules {
    /** A subtask as query-status shows it; {@code lagSeconds} -1 when not syncing; {@code error} null when none. */
    public record SubtaskView(String task, String source, String worker, Stage stage, ProcessError error,
                              long lagSeconds) {
    }

    /**
     * @param bindings source id to the worker serving it ("" = none)
     * @param alive    workers whose keepalive is current
     */
    public record Observation(Map<String, String> bindings, Set<String> alive, List<SubtaskView> subtasks) {
    }

    private final Duration lagThreshold;
    private Map<String, String> lastBindings;
    private final Set<String> pausedWithError = new HashSet<>();
    private final Set<String> lagging = new HashSet<>();

    public AlertRules(Duration lagThreshold) {
        this.lagThreshold = lagThreshold;
    }

    public List<Alert> check(Observation now) {
        List<Alert> out = new ArrayList<>();
        failovers(now, out);
        Set<String> paused = new HashSet<>();
        Set<String> lag = new HashSet<>();
        for (SubtaskView s : now.subtasks()) {
            String key = s.task() + "\u0000" + s.source();
            if (s.stage() == Stage.PAUSED && s.error() != null) {
                paused.add(key);
                if (!pausedWithError.contains(key)) {
                    out.add(paused(s));
                }
            }
            long threshold = lagThreshold.toSeconds();
            if (threshold > 0 && s.lagSeconds() > threshold) {
                lag.add(key);
                if (!lagging.contains(key)) {
                    out.add(lagging(s, threshold));
                }
            }
        }
        pausedWithError.retainAll(paused);
        pausedWithError.addAll(paused);
        lagging.retainAll(lag);
        lagging.addAll(lag);
        return out;
    }

    private void failovers(Observation now, List<Alert> out) {
        if (lastBindings != null) {
            lastBindings.forEach((source, from) -> {
                String to = now.bindings().getOrDefault(source, "");
                if (!from.isEmpty() && !from.equals(to) && !now.alive().contains(from)) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("source", source);
                    f.put("from_worker", from);
                    f.put("to_worker", to);
                    out.add(new Alert(Alert.WORKER_FAILOVER, to.isEmpty()
                            ? "worker " + from + " is offline; source " + source + " waits for a free worker"
                            : "worker " + from + " is offline; source " + source + " moved to worker " + to, f));
                }
            });
        }
        lastBindings = new HashMap<>(now.bindings());
    }

    private static Alert paused(SubtaskView s) {
        Map<String, Object> f = subtask(s);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", s.error().errCode());
        e.put("class", s.error().errClass());
        e.put("message", s.error().message());
        e.put("raw_cause", s.error().rawCause());
        e.put("workaround", s.error().workaround());
        f.put("error", e);
        return new Alert(Alert.TASK_PAUSED_WITH_ERROR, "task " + s.task() + " on source " + s.source()
                + " paused with error " + s.error().errCode() + ": " + s.error().message(), f);
    }

    private static Alert lagging(SubtaskView s, long threshold) {
        Map<String, Object> f = subtask(s);
        f.put("lag_seconds", s.lagSeconds());
        f.put("threshold_seconds", threshold);
        return new Alert(Alert.LAG_ABOVE_THRESHOLD, "task " + s.task() + " on source " + s.source() + " is "
                + s.lagSeconds() + " s behind the upstream (threshold " + threshold + " s)", f);
    }

    private static Map<String, Object> subtask(SubtaskView s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("task", s.task());
        f.put("source", s.source());
        f.put("worker", s.worker());
        f.put("stage", s.stage().label());
        return f;
    }
}
