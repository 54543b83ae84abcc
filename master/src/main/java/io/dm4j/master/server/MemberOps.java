package io.dm4j.master.server;

import io.dm4j.common.errors.MasterErrors;
import io.dm4j.master.scheduler.WorkerStage;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.common.config.ConfigRedaction;
import io.dm4j.proto.message.GetConfigRequest;
import io.dm4j.proto.message.GetConfigResponse;
import io.dm4j.master.scheduler.KeepaliveTtl;
import io.dm4j.proto.message.KeepAliveRequest;
import io.dm4j.proto.message.KeepAliveResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.ListMemberResponse.MasterList;
import io.dm4j.proto.message.ListMemberResponse.Members;
import io.dm4j.proto.message.ListMemberResponse.WorkerInfo;
import io.dm4j.proto.message.ListMemberResponse.WorkerList;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.proto.message.RegisterWorkerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Worker registration and keepalive; list-member, offline-member, config. */
final class MemberOps {
    private static final Logger LOG = LoggerFactory.getLogger(MemberOps.class);

    private final MasterCore core;
    private final Supplier<String> masterConfigText;
    private final MasterMemberOps masters;

    MemberOps(MasterCore core, Supplier<String> masterConfigText, MasterMemberOps masters) {
        this.core = core;
        this.masterConfigText = masterConfigText;
        this.masters = masters;
    }

    CommonResponse register(RegisterWorkerRequest r) {
        return core.exclusive(() -> {
            ClusterState s = core.state();
            WorkerEntry known = s.workers().get(r.name());
            // A name belongs to its address until `offline-member` frees it, alive or not: otherwise anyone who can
            // reach the master could wait for a keepalive to lapse and receive that worker's sources and tasks.
            if (known != null && !known.address().equals(r.address())) {
                throw MasterErrors.WORKER_NAME_CONFLICT.error(r.name(), known.address(), r.address());
            }
            WorkerEntry wanted = new WorkerEntry(r.name(), r.address(), r.keepaliveTtlSeconds());
            if (!wanted.equals(known)) {
                core.store.apply(new Command.RegisterWorker(r.name(), r.address(), r.keepaliveTtlSeconds()));
            }
            core.liveness.seen(r.name(), Duration.ofSeconds(r.keepaliveTtlSeconds()));
            core.driver.markDirty(r.name());
            LOG.info("worker {} registered from {} (keepalive-ttl {} s)", r.name(), r.address(), r.keepaliveTtlSeconds());
            core.rebalance();
            return CommonResponse.ok();
        });
    }

    KeepAliveResponse keepAlive(KeepAliveRequest r) {
        WorkerEntry w = core.state().workers().get(r.name());
        if (w == null) {
            return new KeepAliveResponse(false, "worker " + r.name() + " is not registered", true);
        }
        if (r.leaving()) {
            return core.exclusive(() -> {
                core.liveness.expire(r.name());
                core.driver.forget(r.name()); // stop dialling it; a new client is made when it registers again
                LOG.info("worker {} is stopping: offline now (not a keepalive TTL later); its source may move to a"
                        + " free worker", r.name());
                core.rebalance();
                return new KeepAliveResponse(true, "", false);
            });
        }
        WorkerEntry changed = KeepaliveTtl.changed(w, r.ttlSeconds());
        if (changed != null) {
            core.exclusive(() -> core.store.apply(new Command.RegisterWorker(changed.name(), changed.address(),
                    changed.keepaliveTtlSeconds())));
            LOG.info("worker {} keepalive TTL is now {} s (was {} s; relay-keepalive-ttl applies while it pulls a relay"
                    + " log)", r.name(), changed.keepaliveTtlSeconds(), w.keepaliveTtlSeconds());
        }
        boolean wasAlive = core.liveness.alive(r.name());
        core.liveness.seen(r.name(), Duration.ofSeconds(KeepaliveTtl.after(w, r.ttlSeconds())));
        if (!wasAlive) {
            LOG.info("worker {} is back after its keepalive lapsed", r.name());
            core.driver.markDirty(r.name());
        }
        return new KeepAliveResponse(true, "", false);
    }

    ListMemberResponse list(ListMemberRequest r) {
        boolean all = !r.leader() && !r.master() && !r.worker();
        ClusterState s = core.state();
        List<Members> members = new ArrayList<>();
        if (all || r.leader()) {
            members.add(new Members(masters.leader(), null, null));
        }
        if (all || r.master()) {
            members.add(new Members(null, new MasterList("", masters.masters(r.names())), null));
        }
        if (all || r.worker()) {
            Set<String> alive = core.liveness.alive();
            List<WorkerInfo> workers = new ArrayList<>();
            for (WorkerEntry w : s.workers().values()) {
                if (r.names().isEmpty() || r.names().contains(w.name())) {
                    workers.add(new WorkerInfo(w.name(), w.address(), WorkerStage.of(s, alive, w.name()).label(),
                            s.sourceOf(w.name()).orElse("")));
                }
            }
            members.add(new Members(null, null, new WorkerList("", workers)));
        }
        return new ListMemberResponse(true, "", members);
    }

    /** A stable positive number for the master's name (DM shows etcd's member id). */
    static long memberId(String name) {
        long h = 1125899906842597L;
        for (char c : name.toCharArray()) {
            h = 31 * h + c;
        }
        return h & Long.MAX_VALUE;
    }

    CommonResponse offline(OfflineMemberRequest r) {
        String type = r.type() == null ? "" : r.type();
        if (type.equals("master")) {
            return masters.offline(r.name());
        }
        if (!type.equals("worker")) {
            throw MasterErrors.INVALID_OPERATION.error("offline-member needs --worker or --master, not `" + type + "`");
        }
        return core.exclusive(() -> {
            ClusterState s = core.state();
            if (!s.workers().containsKey(r.name())) {
                throw MasterErrors.WORKER_NOT_FOUND.error(r.name(), s.workers().keySet());
            }
            if (core.liveness.alive(r.name())) {
                String seen = core.liveness.sinceLastSeen(r.name()).map(d -> "last keepalive " + d.toMillis() + " ms ago").orElse("");
                throw MasterErrors.WORKER_STILL_ALIVE.error(r.name(), seen);
            }
            core.store.apply(new Command.RemoveWorker(r.name()));
            core.liveness.forget(r.name());
            core.driver.forget(r.name());
            LOG.info("worker {} removed (offline-member)", r.name());
            core.rebalance();
            return CommonResponse.ok();
        });
    }

    GetConfigResponse config(GetConfigRequest r) {
        ClusterState s = core.state();
        String type = r.type() == null ? "" : r.type();
        String name = r.name() == null ? "" : r.name();
        switch (type) {
            case "source" -> {
                var e = s.sources().get(name);
                if (e == null) {
                    throw MasterErrors.CONFIG_NOT_FOUND.error("source", name, s.sources().keySet());
                }
                return new GetConfigResponse(true, "", ConfigRedaction.yaml(e.yaml()));
            }
            case "task" -> {
                var t = s.tasks().get(name);
                if (t == null) {
                    throw MasterErrors.CONFIG_NOT_FOUND.error("task", name, s.tasks().keySet());
                }
                return new GetConfigResponse(true, "", ConfigRedaction.yaml(t.yaml()));
            }
            case "master" -> {
                if (!name.isEmpty() && !name.equals(core.config.name())) {
                    throw MasterErrors.CONFIG_NOT_FOUND.error("master", name, List.of(core.config.name()));
                }
                return new GetConfigResponse(true, "", ConfigRedaction.toml(masterConfigText.get()));
            }
            case "worker" -> {
                var w = s.workers().get(name);
                if (w == null) {
                    throw MasterErrors.CONFIG_NOT_FOUND.error("worker", name, s.workers().keySet());
                }
                GetConfigResponse fromWorker = core.driver.workerConfig(w);
                return new GetConfigResponse(fromWorker.result(), fromWorker.msg(), ConfigRedaction.toml(fromWorker.cfg()));
            }
            default -> throw MasterErrors.INVALID_OPERATION.error("config takes source, task, master or worker, not `" + type + "`");
        }
    }
}
