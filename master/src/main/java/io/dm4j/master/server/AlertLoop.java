package io.dm4j.master.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.config.AlertConfig;
import io.dm4j.master.alert.Alert;
import io.dm4j.master.alert.AlertRules;
import io.dm4j.master.alert.AlertRules.Observation;
import io.dm4j.master.alert.AlertRules.SubtaskView;
import io.dm4j.master.alert.WebhookSender;
import io.dm4j.master.state.ClusterState;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.SubTaskStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code alerts.check-interval}: reads the bindings, the workers' liveness and every subtask's status (as
 * query-status does), lets {@link AlertRules} decide, and hands the alerts to the {@link WebhookSender}. Runs only
 * when {@code alerts.webhook-urls} is set, and checks only while this master leads (every master runs the loop;
 * followers would post each alert once more per master).
 */
final class AlertLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLoop.class);

    private final MasterCore core;
    private final StatusOps status;
    private final AlertRules rules;
    private final WebhookSender sender;
    private final java.util.function.BooleanSupplier leading;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dm4j-alert-check");
        t.setDaemon(true);
        return t;
    });

    AlertLoop(MasterCore core, StatusOps status, AlertConfig config, java.util.function.BooleanSupplier leading) {
        this.core = core;
        this.leading = leading;
        this.status = status;
        this.rules = new AlertRules(config.lagThreshold());
        this.sender = new WebhookSender(config, core.config.name(), Clock.systemUTC());
        long every = config.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        LOG.info("alerts: posting to {} webhook(s) every {} ms check, lag threshold {}", config.webhookUrls().size(),
                every, config.lagThreshold());
    }

    private void check() {
        if (!leading.getAsBoolean()) {
            return;
        }
        try {
            for (Alert a : rules.check(observe())) {
                sender.send(a);
            }
        } catch (RuntimeException e) {
            LOG.warn("alert check failed: {}", e.toString());
        }
    }

    private Observation observe() {
        ClusterState s = core.state();
        Map<String, String> bindings = new LinkedHashMap<>();
        for (String source : s.sources().keySet()) {
            bindings.put(source, s.workerOf(source).orElse(""));
        }
        List<SubtaskView> subtasks = new ArrayList<>();
        if (!bindings.isEmpty()) {
            QueryStatusListResponse r = status.query(new QueryStatusRequest("", List.copyOf(bindings.keySet()), false));
            for (SourceStatusEntry e : r.sources() == null ? List.<SourceStatusEntry>of() : r.sources()) {
                for (SubTaskStatus st : e.subTaskStatus()) {
                    subtasks.add(new SubtaskView(st.name(), e.sourceStatus().source(), e.sourceStatus().worker(),
                            st.stage(), firstError(st), lag(st.sync())));
                }
            }
        }
        return new Observation(bindings, core.liveness.alive(), subtasks);
    }

    private static ProcessError firstError(SubTaskStatus st) {
        return st.result() == null || st.result().errors() == null || st.result().errors().isEmpty() ? null
                : st.result().errors().get(0);
    }

    private static long lag(JsonNode sync) {
        return sync == null || !sync.has("secondsBehindMaster") ? -1 : sync.get("secondsBehindMaster").asLong();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sender.close();
    }
}
