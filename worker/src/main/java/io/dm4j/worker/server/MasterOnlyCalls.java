package io.dm4j.worker.server;

import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.rpc.PeerAddresses;
import io.dm4j.proto.rpc.RpcCall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control calls are taken only from the worker's master: the caller's IP must be one of the addresses its {@code join}
 * names resolve to. With TLS this comes on top of the certificate check; without TLS it keeps a stranger who reaches
 * port 8262 from binding sources or stopping subtasks. When the master runs on this host (a loopback {@code join}),
 * any address of this host is the master's.
 */
final class MasterOnlyCalls {
    private static final Logger LOG = LoggerFactory.getLogger(MasterOnlyCalls.class);

    private final List<String> joinAddrs;
    private volatile Set<InetAddress> allowed = Set.of();
    private volatile boolean masterIsLocal;

    MasterOnlyCalls(List<String> joinAddrs) {
        this.joinAddrs = List.copyOf(joinAddrs);
        resolve();
    }

    /** Throws {@link WorkerErrors#CALLER_NOT_MASTER} unless {@code call} comes from the master's address. */
    void check(RpcCall call) {
        if (!(call.remoteAddress() instanceof InetSocketAddress isa) || isa.getAddress() == null) {
            throw refused(call, String.valueOf(call.remoteAddress()));
        }
        InetAddress from = isa.getAddress();
        if (accepts(from)) {
            return;
        }
        resolve(); // the master's name may point elsewhere now
        if (accepts(from)) {
            return;
        }
        throw refused(call, from.getHostAddress());
    }

    private RuntimeException refused(RpcCall call, String from) {
        var e = WorkerErrors.CALLER_NOT_MASTER.error(call.method(), from, String.join(",", joinAddrs));
        LOG.warn("{}", e.getMessage());
        return e;
    }

    private boolean accepts(InetAddress from) {
        return allowed.contains(from) || (masterIsLocal && isLocal(from));
    }

    private void resolve() {
        Set<InetAddress> out = new HashSet<>();
        boolean local = false;
        for (String addr : joinAddrs) {
            for (InetSocketAddress isa : PeerAddresses.parseList(addr)) {
                try {
                    for (InetAddress a : InetAddress.getAllByName(isa.getHostString())) {
                        out.add(a);
                        local |= a.isLoopbackAddress() || a.isAnyLocalAddress();
                    }
                } catch (UnknownHostException e) {
                    LOG.debug("cannot resolve master address {}: {}", isa.getHostString(), e.getMessage());
                }
            }
        }
        allowed = Set.copyOf(out);
        masterIsLocal = local;
    }

    private static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
