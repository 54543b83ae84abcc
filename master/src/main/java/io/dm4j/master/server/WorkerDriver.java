package io.dm4j.master.server;

import io.dm4j.master.scheduler.Assignments;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.ClusterStore;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.OperateSubTaskRequest;
import io.dm4j.proto.message.QueryWorkerStatusRequest;
import io.dm4j.proto.message.QueryWorkerStatusResponse;
import io.dm4j.proto.message.SubTaskSpec;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.message.WorkerOpResponse;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.tls.TlsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's side of the master→worker calls: one RPC client per worker, and the assignment each worker last
 * acknowledged, so that the scheduler loop only re-sends what changed (plus a periodic refresh). Calls to one worker
 * are serialised and built from the newest state inside that order, so a worker sees revisions only grow.
 */
final class WorkerDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerDriver.class);

    private record Client(String address, RpcClient rpc) {
    }

    private record Acked(BindSourceRequest assignment, long atNanos) {
    }

    private final ClusterStore store;
    private final Duration rpcTimeout;
    private final Duration refreshEvery;
    private final TlsConfig tls;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Acked> acked = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    WorkerDriver(ClusterStore store, Duration rpcTimeout, Duration refreshEvery, TlsConfig tls) {
        this.store = store;
        this.rpcTimeout = rpcTimeout;
        this.refreshEvery = refreshEvery;
        this.tls = tls;
    }

    Duration rpcTimeout() {
        return rpcTimeout;
    }

    RpcClient client(WorkerEntry w) {
        Client c = clients.compute(w.name(), (name, old) -> {
            if (old != null && old.address.equals(w.address())) {
                return old;
            }
            if (old != null) {
                old.rpc.close();
            }
            return new Client(w.address(), RpcClient.connect(RpcClientConfig.of(w.address()).withTls(tls)
                    .withReconnectDelays(Duration.ofMillis(100), Duration.ofSeconds(1))));
        });
        return c.rpc;
    }

    /** Forget a removed worker. */
    void forget(String worker) {
        Client c = clients.remove(worker);
        if (c != null) {
            c.rpc.close();
        }
        acked.remove(worker);
    }

    /** A new leader: it does not know what any worker acknowledged to the one before. */
    void forgetAcks() {
        acked.clear();
    }

    /** The worker (re)registered: whatever it had acknowledged before is unknown now. */
    void markDirty(String worker) {
        acked.remove(worker);
    }

    /** Whether the worker's acknowledged assignment differs from what the state wants, or is due for a refresh. */
    boolean needsPush(ClusterState state, String worker) {
        Acked a = acked.get(worker);
        if (a == null) {
            return true;
        }
        if (System.nanoTime() - a.atNanos > refreshEvery.toNanos()) {
            return true;
        }
        return !sameWish(a.assignment, Assignments.forWorker(state, worker));
    }

    static boolean sameWish(BindSourceRequest a, BindSourceRequest b) {
        return a.sourceId().equals(b.sourceId()) && a.sourceYaml().equals(b.sourceYaml()) && a.subtasks().equals(b.subtasks())
                && a.relayStage() == b.relayStage();
    }

    /**
     * Sends the worker its whole assignment from the newest state and waits for the answer. Command-line arguments
     * the worker accepted are cleared from the state, so they apply only once.
     */
    WorkerOpResponse push(String worker) {
        ReentrantLock lock = locks.computeIfAbsent(worker, k -> new ReentrantLock());
        lock.lock();
        try {
            ClusterState state = store.state();
            WorkerEntry w = state.workers().get(worker);
            if (w == null) {
                return new WorkerOpResponse(false, "worker " + worker + " is not registered", List.of());
            }
            BindSourceRequest wish = Assignments.forWorker(state, worker);
            WorkerOpResponse r = client(w).callBlocking(WorkerMethods.BIND_SOURCE, wish, rpcTimeout);
            if (r.result()) {
                acked.put(worker, new Acked(wish, System.nanoTime()));
            } else {
                acked.remove(worker);
            }
            clearDeliveredArgs(wish, r);
            return r;
        } catch (RuntimeException e) {
            acked.remove(worker);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** An explicit subtask operation (pause, resume) on the worker, in order with the pushes. */
    WorkerOpResponse operate(String worker, String op, SubTaskSpec spec) {
        ReentrantLock lock = locks.computeIfAbsent(worker, k -> new ReentrantLock());
        lock.lock();
        try {
            ClusterState state = store.state();
            WorkerEntry w = state.workers().get(worker);
            if (w == null) {
                return new WorkerOpResponse(false, "worker " + worker + " is not registered", List.of());
            }
            return client(w).callBlocking(WorkerMethods.OPERATE_SUBTASK, new OperateSubTaskRequest(state.index(), op, spec), rpcTimeout);
        } finally {
            lock.unlock();
        }
    }

    /** The worker's own configuration text ({@code config worker NAME}). */
    io.dm4j.proto.message.GetConfigResponse workerConfig(WorkerEntry w) {
        return client(w).callBlocking(WorkerMethods.GET_WORKER_CONFIG,
                new io.dm4j.proto.message.GetConfigRequest("worker", w.name()), rpcTimeout);
    }

    CompletableFuture<QueryWorkerStatusResponse> query(WorkerEntry w, String task, Duration timeout) {
        return client(w).call(WorkerMethods.QUERY_WORKER_STATUS, new QueryWorkerStatusRequest(task), timeout);
    }

    private void clearDeliveredArgs(BindSourceRequest wish, WorkerOpResponse r) {
        List<Command> clear = new ArrayList<>();
        for (SubTaskSpec s : wish.subtasks()) {
            boolean accepted = r.subtasks().stream().anyMatch(x -> x.name().equals(s.name()) && x.result());
            if (!s.cliArgs().isEmpty() && accepted) {
                clear.add(new Command.ClearCliArgs(s.name(), s.sourceId()));
            }
        }
        if (!clear.isEmpty()) {
            store.apply(clear);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.rpc.close());
        clients.clear();
    }

    void logFailure(String worker, String what, Throwable e) {
        LOG.warn("worker {}: {} failed: {}", worker, what, e.getMessage());
    }
}
