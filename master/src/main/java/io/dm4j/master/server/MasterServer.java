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
import io.dm4j.common.errors.HaErrors;
import io.dm4j.master.ha.LeaderGate;
import io.dm4j.master.ha.LeaderOnlyHttp;
import io.dm4j.master.ha.RaftBootstrap;
import io.dm4j.master.ha.RaftNode;
import io.dm4j.master.ha.ReplicatedTexts;
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
        ErrorCodeRegistry.register(HaErrors.class);
    }

    /**
     * Tuning that tests shorten; defaults suit production.
     *
     * @param snapshotEvery Raft entries between snapshots of the state (JVM property {@code dm4j.master.snapshot-every}
     *                      overrides the default, for tests that force snapshots)
     */
    public record Timing(Duration tick, Duration refresh, Duration dbConnectTimeout, int snapshotEvery) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Integer.getInteger("dm4j.master.snapshot-every", 1000));

        RaftNode.Settings raft() {
            return new RaftNode.Settings(RaftNode.Settings.DEFAULT.electionMin(), RaftNode.Settings.DEFAULT.electionMax(), snapshotEvery,
                    RaftNode.Settings.DEFAULT.commitTimeout());
        }
    }

    private final RaftNode store;
    private final WorkerDriver driver;
    private final SchedulerLoop loop;
    private final RpcServer rpc;
    private final AlertLoop alerts;
    private final LeaderGate gate;

    private MasterServer(RaftNode store, WorkerDriver driver, SchedulerLoop loop, RpcServer rpc, AlertLoop alerts, LeaderGate gate) {
        this.store = store;
        this.driver = driver;
        this.loop = loop;
        this.rpc = rpc;
        this.alerts = alerts;
        this.gate = gate;
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
        TlsConfig tls = TlsConfig.fromSecurity(cfg.security());
        RaftNode store = RaftBootstrap.start(cfg, timing.raft(), tls);
        WorkerDriver driver = null;
        SchedulerLoop loop = null;
        RpcServer rpc = null;
        LeaderGate gate = new LeaderGate(store, tls, Duration.ofSeconds(10));
        try {
            Liveness liveness = Liveness.systemClock();
            driver = new WorkerDriver(store, cfg.rpcTimeout(), timing.refresh(), tls);
            WorkerDriver drv = driver;
            store.onBecomingLeader(term -> {
                // a new leader heard no keepalive yet: every known worker gets one TTL of grace to reach it
                for (WorkerEntry w : store.state().workers().values()) {
                    liveness.seen(w.name(), Duration.ofSeconds(w.keepaliveTtlSeconds()));
                }
                drv.forgetAcks();
            });
            MasterCore core = new MasterCore(cfg, store, liveness, driver, probe, cfg.encryptor());
            SourceOps sources = new SourceOps(core);
            TaskOps tasks = new TaskOps(core, sources);
            StatusOps status = new StatusOps(core);
            BinlogOps binlog = new BinlogOps(core);
            MasterMemberOps masters = new MasterMemberOps(store);
            MemberOps members = new MemberOps(core, () -> configText.isEmpty() ? describe(cfg) : configText, masters);
            RelayOps relay = new RelayOps(core, sources);
            MasterService service = new MasterService(core, sources, tasks, status, members, relay, binlog);
            String[] hostPort = listen(cfg.masterAddr());
            rpc = new RpcServer(RpcServerConfig.of(hostPort[0], Integer.parseInt(hostPort[1])).withTls(tls));
            // every request is served by the leader: a follower forwards it there
            gate.serve(rpc, MasterMethods.OPERATE_SOURCE, (r, c) -> sources.operate(r))
                    .serve(rpc, MasterMethods.TRANSFER_SOURCE, (r, c) -> sources.transfer(r))
                    .serve(rpc, MasterMethods.START_TASK, (r, c) -> tasks.start(r))
                    .serve(rpc, MasterMethods.OPERATE_TASK, (r, c) -> tasks.operate(r))
                    .serve(rpc, MasterMethods.CHECK_TASK, (r, c) -> tasks.check(r))
                    .serve(rpc, MasterMethods.QUERY_STATUS, (r, c) -> status.query(r))
                    .serve(rpc, MasterMethods.OFFLINE_MEMBER, (r, c) -> members.offline(r))
                    .serve(rpc, MasterMethods.GET_CONFIG, (r, c) -> members.config(r))
                    .serve(rpc, MasterMethods.REGISTER_WORKER, (r, c) -> members.register(r))
                    .serve(rpc, MasterMethods.KEEP_ALIVE, (r, c) -> members.keepAlive(r))
                    .serve(rpc, MasterMethods.BINLOG, (r, c) -> binlog.operate(r))
                    .serve(rpc, MasterMethods.BINLOG_SCHEMA, (r, c) -> binlog.schema(r))
                    .serve(rpc, MasterMethods.OPERATE_RELAY, (r, c) -> relay.operate(r))
                    .serve(rpc, MasterMethods.PURGE_RELAY, (r, c) -> relay.purge(r))
                    .serve(rpc, MasterMethods.OPERATE_LEADER, (r, c) -> masters.operateLeader(r))
                    .serve(rpc, MasterMethods.JOIN_MASTER, (r, c) -> masters.join(r));
            // list-member --leader alone: any master answers from what it knows (also during an election)
            rpc.register(MasterMethods.LIST_MEMBER, LeaderGate.unless(r -> r.leader() && !r.master() && !r.worker(),
                    (r, c) -> members.list(r), gate.leaderOnly(MasterMethods.LIST_MEMBER, (r, c) -> members.list(r))))
                    .http("/status", new StatusEndpoint("dm-master", cfg.name()))
                    .http("/metrics", new MetricsEndpoint(metrics(store, liveness)))
                    .http(OpenApi.PATHS, new LeaderOnlyHttp(store, OpenApi.of(service, kind -> new ReplicatedTexts(store, kind), cfg.openapi())))
                    .http(Dashboard.PATHS, new LeaderOnlyHttp(store, new Dashboard(service)))
                    .start();
            loop = new SchedulerLoop(core, timing.tick(), () -> store.activeTerm() >= 0);
            String exposed = io.dm4j.proto.tls.PlaintextExposure.warning("dm-master", rpc.localAddress(), tls);
            if (exposed != null) {
                LOG.warn(exposed);
            }
            LOG.info("dm-master {} serving on {} (advertised as {}), data-dir {}", cfg.name(), rpc.localAddress(), cfg.advertiseAddr(),
                    Path.of(cfg.dataDir()).toAbsolutePath());
            AlertLoop alerts = cfg.alerts().enabled() ? new AlertLoop(core, status, cfg.alerts(), () -> store.activeTerm() >= 0) : null;
            return new MasterServer(store, driver, loop, rpc, alerts, gate);
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
            gate.close();
            store.close();
            throw e;
        }
    }

    /** The master's own metrics, read at scrape time (the endpoint adds the JVM's). */
    private static PrometheusRegistry metrics(RaftNode store, Liveness liveness) {
        PrometheusRegistry registry = new PrometheusRegistry();
        MasterMetrics workers = new MasterMetrics(store::state, liveness::alive);
        // only the leader hears keepalives: a follower would report every worker offline
        registry.register(() -> store.isLeader() ? workers.collect() : new io.prometheus.metrics.model.snapshots.MetricSnapshots());
        registry.register(new io.dm4j.master.ha.HaMetrics(store));
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

    /** This master's copy of the replicated cluster state. */
    io.dm4j.master.state.ClusterState state() {
        return store.state();
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
        loop.close();
        rpc.close();
        gate.close();
        driver.close();
        store.close();
        LOG.info("dm-master stopped");
    }
}
