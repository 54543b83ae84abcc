package io.dm4j.master.server;

import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.KeepAliveRequest;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateSubTaskRequest;
import io.dm4j.proto.message.QueryWorkerStatusResponse;
import io.dm4j.proto.message.RegisterWorkerRequest;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskSpec;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.message.WorkerOpResponse;
import io.dm4j.proto.message.WorkerOpResponse.SubTaskOpResult;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in dm-worker for master tests: records what the master asks and reports subtasks in the wished stage. */
final class FakeWorker implements AutoCloseable {
    final String name;
    final RpcServer server;
    final RpcClient master;
    final List<BindSourceRequest> binds = new CopyOnWriteArrayList<>();
    final List<OperateSubTaskRequest> ops = new CopyOnWriteArrayList<>();
    private final Thread heart;
    volatile boolean beating = true;
    /** The TTL each keepalive asks for (a real worker: relay-keepalive-ttl while it pulls a relay); 0: unchanged. */
    volatile long askTtl;
    volatile BindSourceRequest current = new BindSourceRequest(0, "", "", List.of());

    FakeWorker(String name, int masterPort) {
        this.name = name;
        this.server = new RpcServer(RpcServerConfig.of("127.0.0.1", 0))
                .register(WorkerMethods.BIND_SOURCE, (r, c) -> {
                    binds.add(r);
                    current = r;
                    return new WorkerOpResponse(true, "", r.subtasks().stream()
                            .map(s -> new SubTaskOpResult(s.name(), true, "", s.stage())).toList());
                })
                .register(WorkerMethods.OPERATE_SUBTASK, (r, c) -> {
                    ops.add(r);
                    return new WorkerOpResponse(true, "", List.of(new SubTaskOpResult(r.subtask().name(), true, "", r.subtask().stage())));
                })
                .register(WorkerMethods.QUERY_WORKER_STATUS, (r, c) -> {
                    BindSourceRequest b = current;
                    if (b.sourceId().isEmpty()) {
                        return new QueryWorkerStatusResponse(true, "", name, null, List.of());
                    }
                    List<SubTaskStatus> subs = b.subtasks().stream().map(FakeWorker::status).toList();
                    return new QueryWorkerStatusResponse(true, "", name, new SourceStatus(b.sourceId(), name, null, null), subs);
                })
                .start();
        this.master = RpcClient.connect("127.0.0.1:" + masterPort);
        master.callBlocking(MasterMethods.REGISTER_WORKER, new RegisterWorkerRequest(name, address(), 1), Duration.ofSeconds(10));
        heart = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (beating) {
                    try {
                        master.callBlocking(MasterMethods.KEEP_ALIVE, new KeepAliveRequest(name, askTtl), Duration.ofSeconds(1));
                    } catch (RuntimeException e) {
                        // the master may be restarting
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fake-worker-" + name);
        heart.setDaemon(true);
        heart.start();
    }

    static SubTaskStatus status(SubTaskSpec s) {
        return new SubTaskStatus(s.name(), s.stage() == Stage.PAUSED ? Stage.PAUSED : Stage.RUNNING, "Sync", null, "", null, null, null, null);
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        heart.interrupt();
        master.close();
        server.close();
    }
}
