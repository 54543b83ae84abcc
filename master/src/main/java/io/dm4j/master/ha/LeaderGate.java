package io.dm4j.master.ha;

import io.dm4j.common.errors.HaErrors;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcHandler;
import io.dm4j.proto.rpc.RpcMethod;
import io.dm4j.proto.tls.TlsConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only the leader serve requests: on the leader a request runs here; on a follower it is sent on to the
 * leader's advertise-addr and the leader's answer (or error) is returned as is. While an election runs the request
 * waits for a leader, up to {@code electionWait}, then fails with {@link HaErrors#NO_LEADER} (dmctl and workers try
 * another master then).
 */
public final class LeaderGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderGate.class);

    private final RaftNode node;
    private final TlsConfig tls;
    private final Duration electionWait;
    private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();

    public LeaderGate(RaftNode node, TlsConfig tls, Duration electionWait) {
        this.node = node;
        this.tls = tls;
        this.electionWait = electionWait;
    }

    public <Q, R> RpcHandler<Q, R> leaderOnly(RpcMethod<Q, R> method, RpcHandler<Q, R> local) {
        return (request, call) -> {
            long waitUntil = System.nanoTime() + Math.min(electionWait.toNanos(), Math.max(0, call.remaining().toNanos() / 2));
            while (true) {
                if (node.activeTerm() >= 0) {
                    return local.handle(request, call);
                }
                String leader = node.leader().orElse("");
                String addr = leader.isEmpty() || leader.equals(node.name()) ? null : node.leaderAddress().orElse(null);
                if (addr != null) {
                    long left = call.remaining().toMillis() - 200;
                    LOG.debug("{} forwarded to the leader {} at {}", method.name(), leader, addr);
                    return client(addr).callBlocking(method, request, Duration.ofMillis(Math.max(1000, Math.min(left, 600_000))));
                }
                if (System.nanoTime() > waitUntil) {
                    throw HaErrors.NO_LEADER.error(node.name(), leader.isEmpty() ? " (an election is running)"
                            : " (the leader " + leader + " has not published its advertise-addr yet)");
                }
                Thread.sleep(100);
            }
        };
    }

    /** Registers {@code local} on the server behind {@link #leaderOnly}. */
    public <Q, R> LeaderGate serve(io.dm4j.proto.rpc.RpcServer rpc, RpcMethod<Q, R> method, RpcHandler<Q, R> local) {
        rpc.register(method, leaderOnly(method, local));
        return this;
    }

    /** A handler that serves {@code local} when the request matches {@code when}, else {@code otherwise}. */
    public static <Q, R> RpcHandler<Q, R> unless(java.util.function.Predicate<Q> when, RpcHandler<Q, R> local, RpcHandler<Q, R> otherwise) {
        return (request, call) -> when.test(request) ? local.handle(request, call) : otherwise.handle(request, call);
    }

    private RpcClient client(String addr) {
        return clients.computeIfAbsent(addr, a -> RpcClient.connect(RpcClientConfig.of(a).withTls(tls)
                .withReconnectDelays(Duration.ofMillis(100), Duration.ofSeconds(1))));
    }

    @Override
    public void close() {
        clients.values().forEach(RpcClient::close);
        clients.clear();
    }
}
