package io.dm4j.master.server;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.master.scheduler.RelayStages;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
import io.dm4j.proto.message.WorkerMethods;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * start-relay, stop-relay, pause-relay, resume-relay (a relay stage per source in the master's state, pushed to the
 * worker bound to the source with the rest of its assignment) and purge-relay (forwarded to that worker).
 */
final class RelayOps {
    private static final Logger LOG = LoggerFactory.getLogger(RelayOps.class);

    private final MasterCore core;
    private final SourceOps sources;

    RelayOps(MasterCore core, SourceOps sources) {
        this.core = core;
        this.sources = sources;
    }

    OperateTaskResponse operate(OperateRelayRequest r) {
        return core.exclusive(() -> {
            List<Command> plan = RelayStages.plan(core.state(), r.op(), r.sources(), r.workers());
            core.store.apply(plan);
            if (!plan.isEmpty()) {
                LOG.info("{} on sources {}: {}", RelayStages.label(r.op()), r.sources(), plan);
            }
            ClusterState s = core.state();
            List<SourceResult> out = new ArrayList<>();
            for (String src : r.sources()) {
                String worker = s.workerOf(src).orElse("");
                String msg = worker.isEmpty() ? "the source is not bound to a worker yet; its worker gets relay stage "
                        + RelayStages.desired(s, src).label() + " when it is bound" : sources.pushQuietly(worker);
                out.add(new SourceResult(true, msg, src, worker));
            }
            return new OperateTaskResponse(r.op(), true, "", out);
        });
    }

    SourcesResponse purge(PurgeRelayRequest r) {
        if (r.source().isEmpty() || r.filename().isEmpty()) {
            throw MasterErrors.INVALID_OPERATION.error("purge-relay needs a source and a file: purge-relay -s SOURCE --filename FILE");
        }
        ClusterState s = core.state();
        if (!s.sources().containsKey(r.source())) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(r.source(), s.sources().keySet());
        }
        String worker = s.workerOf(r.source()).orElse("");
        WorkerEntry w = s.workers().get(worker);
        if (w == null) {
            throw SchedulerErrors.SOURCE_NOT_BOUND.error(r.source());
        }
        LOG.info("purge-relay of source {} before {} (sub-dir {}) on worker {}", r.source(), r.filename(),
                r.subDir().isEmpty() ? "newest" : r.subDir(), worker);
        try {
            CommonResponse resp = core.driver.client(w).callBlocking(WorkerMethods.PURGE_RELAY, r, core.driver.rpcTimeout());
            return new SourcesResponse(resp.result(), "", List.of(new SourceResult(resp.result(), resp.msg(), r.source(), worker)));
        } catch (DmException e) {
            core.driver.logFailure(worker, "purge-relay of source " + r.source(), e);
            return new SourcesResponse(false, "", List.of(SourceResult.failed(r.source(), worker, e.getMessage())));
        }
    }
}
