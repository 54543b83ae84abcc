package io.dm4j.worker.server;

import io.dm4j.common.config.WorkerConfig;
import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.http.MetricsEndpoint;
import io.dm4j.proto.http.StatusEndpoint;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.rpc.FailoverRpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import io.dm4j.proto.tls.TlsConfig;
import io.dm4j.proto.wire.ErrorCodeRegistry;
import io.dm4j.worker.metrics.WorkerMetrics;
import io.dm4j.worker.subtask.UnitFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running dm-worker: the RPC server the master calls, the link to the master, and the subtasks. */
public final class WorkerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerServer.class);

    static {
        ErrorCodeRegistry.register(WorkerErrors.class);
        ErrorCodeRegistry.register(MasterErrors.class);
        ErrorCodeRegistry.register(SchedulerErrors.class);
        ErrorCodeRegistry.register(BinlogOpErrors.class);
        ErrorCodeRegistry.register(io.dm4j.common.errors.HaErrors.class);
    }

    private final Worker worker;
    private final RpcServer rpc;
    private final MasterLink link;

    private WorkerServer(Worker worker, RpcServer rpc, MasterLink link) {
        this.worker = worker;
        this.rpc = rpc;
        this.link = link;
    }

    public static WorkerServer start(WorkerConfig cfg, UnitFactory factory) {
        if (cfg.joinAddrs().isEmpty()) {
            throw WorkerErrors.NO_MASTER.error("dm-worker needs the master's address (--join HOST:PORT)");
        }
        io.dm4j.common.daemon.LogRedaction.configure(cfg.redactInfoLog());
        TlsConfig tls = TlsConfig.fromSecurity(cfg.security());
        Worker worker = new Worker(cfg, factory, cfg.encryptor());
        MasterOnlyCalls fromMaster = new MasterOnlyCalls(cfg.joinAddrs());
        int colon = cfg.workerAddr().lastIndexOf(':');
        String host = cfg.workerAddr().substring(0, colon);
        RpcServer rpc = new RpcServer(RpcServerConfig.of(host.isEmpty() ? "0.0.0.0" : host,
                Integer.parseInt(cfg.workerAddr().substring(colon + 1))).withTls(tls))
                .register(WorkerMethods.BIND_SOURCE, (r, c) -> {
                    fromMaster.check(c);
                    return worker.bind(r);
                })
                .register(WorkerMethods.OPERATE_SUBTASK, (r, c) -> {
                    fromMaster.check(c);
                    return worker.operate(r);
                })
                .register(WorkerMethods.QUERY_WORKER_STATUS, (r, c) -> {
                    fromMaster.check(c);
                    return worker.status(r.name());
                })
                .register(WorkerMethods.GET_WORKER_CONFIG, (r, c) -> {
                    fromMaster.check(c);
                    return new io.dm4j.proto.message.GetConfigResponse(true, "", WorkerConfigText.of(cfg));
                })
                .register(WorkerMethods.BINLOG, (r, c) -> {
                    fromMaster.check(c);
                    return worker.binlog(r);
                })
                .register(WorkerMethods.BINLOG_SCHEMA, (r, c) -> {
                    fromMaster.check(c);
                    return worker.binlogSchema(r);
                })
                .register(WorkerMethods.PURGE_RELAY, (r, c) -> {
                    fromMaster.check(c);
                    return worker.purgeRelay(r);
                })
                .http("/status", new StatusEndpoint("dm-worker", cfg.name()))
                .http("/metrics", new MetricsEndpoint(metrics(worker)))
                .start();
        FailoverRpcClient master = new FailoverRpcClient(RpcClientConfig.of(String.join(",", cfg.joinAddrs())).withTls(tls)
                .withReconnectDelays(Duration.ofMillis(100), Duration.ofSeconds(2)));
        MasterLink link = new MasterLink(master, worker, cfg.advertiseAddr(), new KeepaliveTtls(
                Duration.ofSeconds(cfg.keepaliveTtl()), Duration.ofSeconds(cfg.relayKeepaliveTtl()),
                () -> worker.relay().isPresent()));
        link.start();
        String exposed = io.dm4j.proto.tls.PlaintextExposure.warning("dm-worker", rpc.localAddress(), tls);
        if (exposed != null) {
            LOG.warn(exposed);
        }
        LOG.info("dm-worker {} serving on {} (advertised as {}), master {}", cfg.name(), rpc.localAddress(), cfg.advertiseAddr(),
                cfg.joinAddrs());
        return new WorkerServer(worker, rpc, link);
    }

    /** The worker's DM metrics, read at scrape time (the endpoint adds the JVM's). */
    private static PrometheusRegistry metrics(Worker worker) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(WorkerMetrics.of(worker));
        return registry;
    }

    public int port() {
        return rpc.port();
    }

    /** Pauses every unit cleanly (they flush their checkpoints), then stops serving. */
    @Override
    public void close() {
        worker.close();
        link.close();
        rpc.close(Duration.ofSeconds(1));
        LOG.info("dm-worker stopped");
    }
}
