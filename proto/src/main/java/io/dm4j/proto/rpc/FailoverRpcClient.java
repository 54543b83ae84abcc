package io.dm4j.proto.rpc;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.common.errors.RpcErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one of several equivalent servers (the dm-masters of a cluster): sticks to the one that answered last, and
 * moves on to the next address when a call cannot reach it (not connected, connection lost, timed out) or when it
 * answers that no leader is known yet, until the call's whole timeout is spent (or at once when every address
 * failed to answer at all). Any master serves any request
 * (followers forward to the leader), so moving on never changes what a request does.
 */
public final class FailoverRpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverRpcClient.class);

    private final List<String> addresses;
    private final Function<String, RpcClient> connect;
    private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();
    private volatile int current;
    private volatile boolean closed;

    /** @param config settings for every address (its own address list is replaced by one address each) */
    public FailoverRpcClient(RpcClientConfig config) {
        this(config.addresses().stream().map(PeerAddresses::format).toList(),
                addr -> RpcClient.connect(new RpcClientConfig(PeerAddresses.parseList(addr), config.connectTimeout(),
                        config.maxFrameBytes(), config.keepalive(), config.reconnectMinDelay(), config.reconnectMaxDelay(), config.tls())));
    }

    FailoverRpcClient(List<String> addresses, Function<String, RpcClient> connect) {
        if (addresses.isEmpty()) {
            throw RpcErrors.INVALID_ADDRESS.error("\"\"", "no address given");
        }
        this.addresses = List.copyOf(addresses);
        this.connect = connect;
    }

    /** The address calls go to first. */
    public String current() {
        return addresses.get(current);
    }

    /** Makes {@code address} the first to try when it is one of the list (e.g. the leader a master named). */
    public void prefer(String address) {
        int i = addresses.indexOf(address);
        if (i >= 0) {
            current = i;
        }
    }

    /**
     * Calls the method, moving through the addresses as described above.
     *
     * @param attempt the most one address may take to answer
     * @param total   the most the whole call may take
     */
    public <Q, R> R callBlocking(RpcMethod<Q, R> method, Q request, Duration attempt, Duration total) {
        long deadline = System.nanoTime() + total.toNanos();
        DmException last = null;
        int failedInRow = 0;
        java.util.Set<Integer> unreachable = new java.util.HashSet<>();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && last != null) {
                throw last;
            }
            int index = current;
            String addr = addresses.get(index);
            Duration timeout = Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(), Math.min(attempt.toNanos(), left)));
            try {
                return client(addr).callBlocking(method, request, timeout);
            } catch (DmException e) {
                if (!movesOn(e)) {
                    throw e;
                }
                last = e;
                if (e.code().code() == HaErrors.NO_LEADER.code()) {
                    unreachable.remove(index);
                } else if (unreachable.add(index) && unreachable.size() == addresses.size()) {
                    throw e; // none can be reached (all down, or e.g. they require TLS): no use waiting
                }
                if (current == index) {
                    current = (index + 1) % addresses.size();
                }
                LOG.debug("{} via {} failed ({}); next {}", method.name(), addr, e.getMessage(), addresses.get(current));
                if (++failedInRow % addresses.size() == 0) {
                    pause(Math.min(300, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                }
                if (deadline - System.nanoTime() <= 0) {
                    throw e;
                }
            }
        }
        throw RpcErrors.CLIENT_CLOSED.error(method.name(), String.join(",", addresses));
    }

    static boolean movesOn(DmException e) {
        int code = e.code().code();
        return code == RpcErrors.TIMEOUT.code() || code == RpcErrors.CONNECTION_LOST.code() || code == RpcErrors.UNAVAILABLE.code()
                || code == HaErrors.NO_LEADER.code();
    }

    private RpcClient client(String addr) {
        return clients.computeIfAbsent(addr, connect);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(RpcClient::close);
        clients.clear();
    }
}
