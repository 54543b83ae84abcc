package io.dm4j.master.server;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.master.scheduler.RelayStages;
import io.dm4j.master.scheduler.WorkerStage;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.SourceEntry;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateSourceResponse;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.TransferSourceRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** operate-source create|stop|show and transfer-source. */
final class SourceOps {
    private static final Logger LOG = LoggerFactory.getLogger(SourceOps.class);

    private final MasterCore core;

    SourceOps(MasterCore core) {
        this.core = core;
    }

    OperateSourceResponse operate(OperateSourceRequest r) {
        return switch (r.op() == null ? "" : r.op()) {
            case "create", "start" -> core.exclusive(() -> create(r));
            case "stop" -> core.exclusive(() -> stop(r));
            case "show" -> show(r.sourceIds());
            default -> throw MasterErrors.INVALID_OPERATION.error("operate-source takes create, stop or show, not `" + r.op() + "`");
        };
    }

    /** Parses a stored or submitted source file with the master's key. */
    SourceConfig parse(String yaml, String origin) {
        return SourceConfig.parse(yaml, origin, core.encryptor);
    }

    private OperateSourceResponse create(OperateSourceRequest r) {
        if (r.configs().isEmpty()) {
            throw MasterErrors.INVALID_OPERATION.error("operate-source create needs at least one source file");
        }
        // Check everything first, so that one bad file stores nothing.
        Map<String, String> yamlById = new LinkedHashMap<>();
        List<Command> relayStages = new ArrayList<>();
        ClusterState s = core.state();
        for (int i = 0; i < r.configs().size(); i++) {
            String origin = i < r.origins().size() ? r.origins().get(i) : "source.yaml";
            SourceConfig cfg = parse(r.configs().get(i), origin);
            if (s.sources().containsKey(cfg.sourceId()) || yamlById.containsKey(cfg.sourceId())) {
                throw MasterErrors.SOURCE_EXISTS.error(cfg.sourceId(), cfg.sourceId());
            }
            checkReachable(cfg);
            yamlById.put(cfg.sourceId(), r.configs().get(i));
            relayStages.addAll(RelayStages.onCreate(cfg.sourceId(), cfg.enableRelay()));
        }
        if (!r.worker().isEmpty()) {
            if (yamlById.size() != 1) {
                throw MasterErrors.INVALID_OPERATION.error("operate-source create -w binds exactly one source, not " + yamlById.size());
            }
            requireFreeLiveWorker(s, r.worker());
        }
        List<Command> cmds = new ArrayList<>();
        yamlById.forEach((id, yaml) -> cmds.add(new Command.AddSource(id, yaml)));
        cmds.addAll(relayStages);
        if (!r.worker().isEmpty()) {
            cmds.add(new Command.Bind(yamlById.keySet().iterator().next(), r.worker()));
        }
        core.store.apply(cmds);
        LOG.info("sources {} created", yamlById.keySet());
        core.rebalance();
        List<SourceResult> out = new ArrayList<>();
        for (String id : yamlById.keySet()) {
            String worker = core.state().workerOf(id).orElse("");
            if (!worker.isEmpty()) {
                pushQuietly(worker);
            }
            out.add(new SourceResult(true, worker.isEmpty() ? "no free worker yet; the source is bound as soon as one is free" : "",
                    id, worker));
        }
        return new OperateSourceResponse(true, "", out);
    }

    void checkReachable(SourceConfig cfg) {
        try {
            core.probe.check(cfg.from(), "from");
        } catch (SQLException e) {
            throw MasterErrors.UPSTREAM_UNREACHABLE.wrap(e, cfg.sourceId(), cfg.from().address(), cfg.from().user());
        }
    }

    private OperateSourceResponse stop(OperateSourceRequest r) {
        List<String> ids = new ArrayList<>(r.sourceIds());
        for (int i = 0; i < r.configs().size(); i++) {
            ids.add(parse(r.configs().get(i), i < r.origins().size() ? r.origins().get(i) : "source.yaml").sourceId());
        }
        if (ids.isEmpty()) {
            throw MasterErrors.INVALID_OPERATION.error("operate-source stop needs source ids or source files");
        }
        ClusterState s = core.state();
        for (String id : ids) {
            requireSource(s, id);
            List<String> tasks = s.tasksOn(id);
            if (!tasks.isEmpty()) {
                throw MasterErrors.SOURCE_HAS_TASKS.error(id, tasks);
            }
        }
        List<SourceResult> out = new ArrayList<>();
        for (String id : ids) {
            String worker = core.state().workerOf(id).orElse("");
            core.store.apply(new Command.Unbind(id));
            String msg = "";
            if (!worker.isEmpty() && core.liveness.alive(worker)) {
                msg = pushQuietly(worker);
            }
            core.store.apply(new Command.RemoveSource(id));
            LOG.info("source {} removed (was on worker {})", id, worker.isEmpty() ? "-" : worker);
            out.add(new SourceResult(true, msg, id, worker));
        }
        core.rebalance();
        return new OperateSourceResponse(true, "", out);
    }

    OperateSourceResponse show(List<String> ids) {
        ClusterState s = core.state();
        List<SourceResult> out = new ArrayList<>();
        boolean ok = true;
        for (String id : ids.isEmpty() ? List.copyOf(s.sources().keySet()) : ids) {
            if (!s.sources().containsKey(id)) {
                ok = false;
                out.add(SourceResult.failed(id, "", "source `" + id + "` does not exist"));
                continue;
            }
            String worker = s.workerOf(id).orElse("");
            String msg = worker.isEmpty() ? "source is not bound to a worker (no free worker alive)"
                    : core.liveness.alive(worker) ? "" : "worker " + worker + " is offline";
            Stage relay = RelayStages.desired(s, id);
            if (relay != Stage.STOPPED) {
                msg = (msg.isEmpty() ? "" : msg + "; ") + "relay log " + relay.label();
            }
            out.add(new SourceResult(true, msg, id, worker));
        }
        return new OperateSourceResponse(ok, "", out);
    }

    CommonResponse transfer(TransferSourceRequest r) {
        return core.exclusive(() -> {
            ClusterState s = core.state();
            requireSource(s, r.source());
            String from = s.workerOf(r.source()).orElse("");
            if (from.equals(r.worker())) {
                throw SchedulerErrors.SAME_WORKER.error(r.source(), r.worker());
            }
            requireFreeLiveWorker(s, r.worker());
            if (!from.isEmpty()) {
                core.store.apply(new Command.Unbind(r.source()));
                if (core.liveness.alive(from)) {
                    try {
                        var resp = core.driver.push(from);
                        if (!resp.result()) {
                            throw SchedulerErrors.UNBIND_FAILED.error(from, r.source(), resp.msg());
                        }
                    } catch (DmException e) {
                        core.store.apply(new Command.Bind(r.source(), from));
                        throw e.code() == SchedulerErrors.UNBIND_FAILED ? e
                                : SchedulerErrors.UNBIND_FAILED.wrap(e, from, r.source(), e.getMessage());
                    }
                }
            }
            core.store.apply(new Command.Bind(r.source(), r.worker()));
            LOG.info("source {} transferred from worker {} to worker {}", r.source(), from.isEmpty() ? "-" : from, r.worker());
            String msg = pushQuietly(r.worker());
            return new CommonResponse(true, msg);
        });
    }

    private void requireSource(ClusterState s, String id) {
        if (!s.sources().containsKey(id)) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(id, s.sources().keySet());
        }
    }

    private void requireFreeLiveWorker(ClusterState s, String worker) {
        if (!s.workers().containsKey(worker)) {
            throw MasterErrors.WORKER_NOT_FOUND.error(worker, s.workers().keySet());
        }
        WorkerStage stage = WorkerStage.of(s, core.liveness.alive(), worker);
        if (stage == WorkerStage.OFFLINE) {
            throw SchedulerErrors.WORKER_OFFLINE.error(worker);
        }
        if (stage != WorkerStage.FREE) {
            throw SchedulerErrors.WORKER_NOT_FREE.error(worker, stage.label() + " to source " + s.sourceOf(worker).orElse(""));
        }
    }

    /** Pushes the worker's assignment; a failure is logged and returned as text (the scheduler loop retries). */
    String pushQuietly(String worker) {
        try {
            var r = core.driver.push(worker);
            return r.result() ? "" : r.msg();
        } catch (DmException e) {
            core.driver.logFailure(worker, "sending its assignment", e);
            return "worker " + worker + " not reached yet (" + e.getMessage() + "); the master keeps trying";
        }
    }
}
