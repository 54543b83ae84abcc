package io.dm4j.master.server;

import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.master.http.Dashboard;
import io.dm4j.master.metrics.MasterMetrics;
import io.dm4j.master.openapi.OpenApi;
import io.dm4j.master.scheduler.Liveness;
import io.dm4j.master.state.StateStore;
import io.dm4j.master.state.WorkerEntry;
import io.dm4j.proto.http.MetricsEndpoint;
import io.dm4j.proto.http.StatusEndpoint;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import io.dm4j.proto.tls.TlsConfig;
import io.dm4j.proto.wire.ErrorCodeRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dm-master: the state loaded from data-dir, the RPC server for dmctl and workers on master-addr, and the
 * scheduler loop. Every known worker gets one keepalive TTL of grace after a start before it counts as offline.
 */
public final class MasterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);

    static {
        ErrorCodeRegistry.register(MasterErrors.class);
        ErrorCodeRegistry.register(SchedulerErrors.class);
        ErrorCodeRegistry.register(WorkerErrors.class);
        ErrorCodeRegistry.register(DmctlErrors.class);
        ErrorCodeRegistry.register(BinlogOpErrors.class);
    }

    /** Tuning that tests shorten; defaults suit production. */
    public record Timing(Duration tick, Duration refresh, Duration dbConnectTimeout, int snapshotEvery) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(5), 1000);
    }

    private final StateStore store;
    private final WorkerDriver driver;
    private final SchedulerLoop loop;
    private final RpcServer rpc;
    private final AlertLoop alerts;

    private MasterServer(StateStore store, WorkerDriver driver, SchedulerLoop loop, RpcServer rpc, AlertLoop alerts) {
        this.store = store;
        this.driver = driver;
        this.loop = loop;
        this.rpc = rpc;
        this.alerts = alerts;
    }

    /**
     * Loads the state and starts serving.
     *
     * @param configText the dm-master.toml text (for {@code config master}); "" when started from flags only
     */
    public static MasterServer start(MasterConfig cfg, String configText, Timing timing) {
        return start(cfg, configText, timing, new DbProbe(timing.dbConnectTimeout()));
    }

    /** As {@link #start(MasterConfig, String, Timing)} with another way to reach databases (tests). */
    static MasterServer start(MasterConfig cfg, String configText, Timing timing, DbProbe probe) {
        StateStore store = StateStore.open(Path.of(cfg.dataDir()), timing.snapshotEvery());
        WorkerDriver driver = null;
        SchedulerLoop loop = null;
        RpcServer rpc = null;
        try {
            TlsConfig tls = TlsConfig.fromSecurity(cfg.security());
            Liveness liveness = Liveness.systemClock();
            for (WorkerEntry w : store.state().workers().values()) {
                liveness.seen(w.name(), Duration.ofSeconds(w.keepaliveTtlSeconds())); // grace after a restart
            }
            driver = new WorkerDriver(store, cfg.rpcTimeout(), timing.refresh(), tls);
            MasterCore core = new MasterCore(cfg, store, liveness, driver, probe, cfg.encryptor());
            SourceOps sources = new SourceOps(core);
            TaskOps tasks = new TaskOps(core, sources);
            StatusOps status = new StatusOps(core);
            BinlogOps binlog = new BinlogOps(core);
            RelayOps relay = new RelayOps(core, sources);
            MemberOps members = new MemberOps(core, () -> configText.isEmpty() ? describe(cfg) : configText);
            MasterService service = new MasterService(core, sources, tasks, status, members, relay);
            String[] hostPort = listen(cfg.masterAddr());
            rpc = new RpcServer(RpcServerConfig.of(hostPort[0], Integer.parseInt(hostPort[1])).withTls(tls))
                    .register(MasterMethods.OPERATE_SOURCE, (r, c) -> sources.operate(r))
                    .register(MasterMethods.TRANSFER_SOURCE, (r, c) -> sources.transfer(r))
                    .register(MasterMethods.START_TASK, (r, c) -> tasks.start(r))
                    .register(MasterMethods.OPERATE_TASK, (r, c) -> tasks.operate(r))
                    .register(MasterMethods.CHECK_TASK, (r, c) -> tasks.check(r))
                    .register(MasterMethods.QUERY_STATUS, (r, c) -> status.query(r))
                    .register(MasterMethods.LIST_MEMBER, (r, c) -> members.list(r))
                    .register(MasterMethods.OFFLINE_MEMBER, (r, c) -> members.offline(r))
                    .register(MasterMethods.GET_CONFIG, (r, c) -> members.config(r))
                    .register(MasterMethods.REGISTER_WORKER, (r, c) -> members.register(r))
                    .register(MasterMethods.KEEP_ALIVE, (r, c) -> members.keepAlive(r))
                    .register(MasterMethods.BINLOG, (r, c) -> binlog.operate(r))
                    .register(MasterMethods.BINLOG_SCHEMA, (r, c) -> binlog.schema(r))
                    .register(MasterMethods.OPERATE_RELAY, (r, c) -> relay.operate(r))
                    .register(MasterMethods.PURGE_RELAY, (r, c) -> relay.purge(r))
                    .http("/status", new StatusEndpoint("dm-master", cfg.name()))
                    .http("/metrics", new MetricsEndpoint(metrics(store, liveness)))
                    .http(OpenApi.PATHS, OpenApi.of(service, cfg.openapi()))
                    .http(Dashboard.PATHS, new Dashboard(service))
                    .start();
            loop = new SchedulerLoop(core, timing.tick());
            String exposed = io.dm4j.proto.tls.PlaintextExposure.warning("dm-master", rpc.localAddress(), tls);
            if (exposed != null) {
                LOG.warn(exposed);
            }
            LOG.info("dm-master {} serving on {} (advertised as {}), data-dir {}", cfg.name(), rpc.localAddress(), cfg.advertiseAddr(),
                    store.dir().toAbsolutePath());
            AlertLoop alerts = cfg.alerts().enabled() ? new AlertLoop(core, status, cfg.alerts()) : null;
            return new MasterServer(store, driver, loop, rpc, alerts);
        } catch (RuntimeException e) {
            if (loop != null) {
                loop.close();
            }
            if (rpc != null) {
                rpc.close();
            }
            if (driver != null) {
                driver.close();
            }
            store.close();
            throw e;
        }
    }

    /** The master's own metrics, read at scrape time (the endpoint adds the JVM's). */
    private static PrometheusRegistry metrics(StateStore store, Liveness liveness) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new MasterMetrics(store::state, liveness::alive));
        return registry;
    }

    /** host and port to listen on; an empty host means every interface. */
    static String[] listen(String masterAddr) {
        int colon = masterAddr.lastIndexOf(':');
        String host = masterAddr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new String[] {host.isEmpty() ? "0.0.0.0" : host, masterAddr.substring(colon + 1)};
    }

    private static String describe(MasterConfig cfg) {
        return "name = \"" + cfg.name() + "\"\nmaster-addr = \"" + cfg.masterAddr() + "\"\nadvertise-addr = \"" + cfg.advertiseAddr()
                + "\"\ndata-dir = \"" + cfg.dataDir() + "\"\nlog-level = \"" + cfg.logLevel() + "\"\nlog-file = \"" + cfg.logFile()
                + "\"\nrpc-timeout = \"" + cfg.rpcTimeout().toSeconds() + "s\"\n";
    }

    public int port() {
        return rpc.port();
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
        loop.close();
        rpc.close();
        driver.close();
        store.close();
        LOG.info("dm-master stopped");
    }
}
