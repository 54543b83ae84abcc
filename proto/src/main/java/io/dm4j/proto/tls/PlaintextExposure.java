package io.dm4j.proto.tls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Tells when a server listens beyond this host without TLS: then anyone who reaches the port reads passwords in
 * source and task definitions and can issue commands. DM configs without TLS keep working; the log says so.
 */
public final class PlaintextExposure {
    private PlaintextExposure() {
    }

    /** The warning to log, or null when the address is loopback-only or TLS is on. */
    public static String warning(String process, SocketAddress listening, TlsConfig tls) {
        if (tls.enabled() || !(listening instanceof InetSocketAddress isa)) {
            return null;
        }
        InetAddress a = isa.getAddress();
        if (a != null && a.isLoopbackAddress()) {
            return null;
        }
        return process + " serves " + isa.getHostString() + ":" + isa.getPort() + " without TLS: whoever can reach"
                + " this port can read the sources' and tasks' passwords and issue commands. Firewall the port to the"
                + " cluster's hosts, or set ssl-ca, ssl-cert, ssl-key and cert-allowed-cn (docs/operations.md, Security)";
    }
}
