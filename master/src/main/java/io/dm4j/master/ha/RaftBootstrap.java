package io.dm4j.master.ha;

import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.JoinMasterRequest;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.rpc.FailoverRpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts this master's Raft member from DM's flags: a new cluster from {@code initial-cluster}, a restart from the
 * group stored in data-dir (flags about the group are then ignored, as DM does), or a new member of a running
 * cluster with {@code --join}. Then it publishes this master's advertise-addr in the replicated state, so that the
 * others can forward requests to it when it leads.
 */
public final class RaftBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(RaftBootstrap.class);

    private RaftBootstrap() {
    }

    public static RaftNode start(MasterConfig cfg, RaftNode.Settings settings, TlsConfig tls) {
        Path dataDir = Path.of(cfg.dataDir());
        String name = cfg.name();
        String advertisePeer = PeerUrls.hostPort(cfg.advertisePeerUrls());
        boolean existing = RaftNode.initialised(dataDir);
        boolean joining = !existing && !cfg.joinAddrs().isEmpty();
        Map<String, String> peers;
        if (joining) {
            peers = currentMembers(cfg, tls);
            if (peers.containsKey(name)) {
                throw HaErrors.JOIN_FAILED.error(name, cfg.join(), "a master of that name is a member already; give this one"
                        + " another --name, or remove the old one with `offline-member --master --name " + name + "`");
            }
            peers.put(name, advertisePeer);
        } else {
            peers = PeerUrls.initialCluster(cfg.initialCluster());
            String mine = peers.get(name);
            if (mine == null) {
                throw HaErrors.BAD_INITIAL_CLUSTER.error(cfg.initialCluster(), "this master's --name `" + name + "` is not in it");
            }
            if (!existing && !mine.equals(advertisePeer)) {
                throw HaErrors.BAD_INITIAL_CLUSTER.error(cfg.initialCluster(), "it gives " + name + " the address " + mine
                        + " but advertise-peer-urls is " + advertisePeer);
            }
        }
        Optional<ClusterState> legacy = existing ? Optional.empty() : LegacyState.find(dataDir);
        if (legacy.isPresent() && (joining || peers.size() > 1)) {
            throw HaErrors.LEGACY_STATE.error(dataDir, joining ? "it cannot join another cluster with it"
                    : "it cannot start a cluster of " + peers.size() + " masters with it");
        }
        String listen = listenAddress(cfg, peers.size() == 1 && !joining);
        RaftNode node = RaftNode.start(name, listen, peers, dataDir, settings, tls);
        try {
            legacy.ifPresent(s -> migrate(node, s, dataDir));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        Thread t = new Thread(() -> {
            announce(node, cfg, joining, tls);
            migrateOpenApi(node, dataDir);
        }, "dm4j-ha-announce");
        t.setDaemon(true);
        t.start();
        return node;
    }

    /**
     * Where the Raft transport listens: peer-urls. A master alone with the default peer-urls listens on a free
     * loopback port instead, so that single masters (and their tests) on one host do not fight over port 8291; such
     * a master cannot take joiners: give it --peer-urls to grow it into a cluster.
     */
    static String listenAddress(MasterConfig cfg, boolean alone) {
        String listen = PeerUrls.hostPort(cfg.peerUrls());
        boolean defaultUrls = cfg.peerUrls().equals("http://127.0.0.1:8291") && cfg.advertisePeerUrls().equals(cfg.peerUrls());
        return alone && defaultUrls ? "127.0.0.1:0" : listen;
    }

    private static void migrate(RaftNode node, ClusterState old, Path dataDir) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.activeTerm() < 0) {
            if (System.nanoTime() > deadline) {
                throw HaErrors.LEGACY_STATE.error(dataDir, "this master did not become the leader of its group of one within 30 s");
            }
            sleep(100);
        }
        node.submit(new RaftEntry.Restore(old), Duration.ofSeconds(30));
        LegacyState.retire(dataDir);
        LOG.info("migrated the single-master state of {} into the replicated log: cluster index {}, {} sources, {} tasks;"
                + " the old files are kept as *.migrated", dataDir, old.index(), old.sources().size(), old.tasks().size());
    }

    /** name → peer address of the running cluster, asked from the masters of --join. */
    private static Map<String, String> currentMembers(MasterConfig cfg, TlsConfig tls) {
        try (FailoverRpcClient c = new FailoverRpcClient(RpcClientConfig.of(String.join(",", cfg.joinAddrs())).withTls(tls))) {
            ListMemberResponse r = c.callBlocking(MasterMethods.LIST_MEMBER, new ListMemberRequest(false, true, false, List.of()),
                    Duration.ofSeconds(5), Duration.ofSeconds(30));
            Map<String, String> out = new LinkedHashMap<>();
            for (var m : r.members()) {
                if (m.master() != null) {
                    for (var info : m.master().masters()) {
                        out.put(info.name(), PeerUrls.hostPort(String.join(",", info.peerURLs())));
                    }
                }
            }
            if (out.isEmpty()) {
                throw HaErrors.JOIN_FAILED.error(cfg.name(), cfg.join(), "the cluster named no masters");
            }
            return out;
        } catch (DmException e) {
            if (e.code() == HaErrors.JOIN_FAILED) {
                throw e;
            }
            throw HaErrors.JOIN_FAILED.wrap(e, cfg.name(), cfg.join(), e.getMessage());
        }
    }

    /** Until it is done: join (with --join), then publish this master's advertise-addr. */
    private static void announce(RaftNode node, MasterConfig cfg, boolean joining, TlsConfig tls) {
        String peer = PeerUrls.hostPort(cfg.advertisePeerUrls());
        boolean joined = !joining;
        while (!node.isClosed()) {
            try {
                if (!joined) {
                    try (FailoverRpcClient c = new FailoverRpcClient(RpcClientConfig.of(String.join(",", cfg.joinAddrs())).withTls(tls))) {
                        CommonResponse r = c.callBlocking(MasterMethods.JOIN_MASTER, new JoinMasterRequest(cfg.name(), peer, cfg.advertiseAddr()),
                                Duration.ofSeconds(60), Duration.ofSeconds(60));
                        if (!r.result()) {
                            throw HaErrors.JOIN_FAILED.error(cfg.name(), cfg.join(), r.msg());
                        }
                    }
                    joined = true;
                    LOG.info("master {} joined the cluster of {}", cfg.name(), cfg.join());
                }
                if (cfg.advertiseAddr().equals(node.replicated().masters().get(cfg.name()))) {
                    return;
                }
                if (!node.submitAnywhere(new RaftEntry.MasterAddress(cfg.name(), cfg.advertiseAddr()), Duration.ofSeconds(15))) {
                    sleep(200); // an election is running
                    continue;
                }
                LOG.info("master {} published its advertise-addr {}", cfg.name(), cfg.advertiseAddr());
                return;
            } catch (DmException e) {
                LOG.warn("master {}: {} failed, retrying: {}", cfg.name(), joined ? "publishing the advertise-addr" : "joining", e.getMessage());
                sleep(2000);
            } catch (RuntimeException e) {
                if (node.isClosed()) {
                    return;
                }
                LOG.warn("master {}: announcing failed, retrying: {}", cfg.name(), e.toString());
                sleep(2000);
            }
        }
    }

    /** Moves an earlier release's data-dir/openapi into the replicated state, through whichever master leads. */
    private static void migrateOpenApi(RaftNode node, Path dataDir) {
        while (!node.isClosed() && Files.isDirectory(LegacyOpenApi.dir(dataDir))) {
            try {
                List<RaftEntry.OpenApiText> entries = LegacyOpenApi.find(dataDir);
                int done = 0;
                while (done < entries.size() && !node.isClosed()) {
                    if (node.submitAnywhere(entries.get(done), Duration.ofSeconds(15))) {
                        done++;
                    } else {
                        sleep(200); // an election is running
                    }
                }
                if (done == entries.size()) {
                    LegacyOpenApi.retire(dataDir);
                    LOG.info("moved {} OpenAPI tasks and templates of {} into the replicated state; the old directory is kept as"
                            + " openapi.migrated", entries.size(), LegacyOpenApi.dir(dataDir));
                }
                return;
            } catch (java.io.IOException | DmException e) {
                LOG.warn("moving {} into the replicated state failed, retrying: {}", LegacyOpenApi.dir(dataDir), e.getMessage());
                sleep(2000);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
