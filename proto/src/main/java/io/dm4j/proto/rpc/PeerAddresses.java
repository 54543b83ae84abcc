package io.dm4j.proto.rpc;

import io.dm4j.common.errors.RpcErrors;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses DM-style addresses: {@code host:port}, {@code [v6addr]:port}, several separated by commas
 * ({@code master1:8261,master2:8261}). Host names stay unresolved until each connection attempt.
 */
public final class PeerAddresses {
    private PeerAddresses() {
    }

    /** A non-empty comma-separated list of dialable addresses. */
    public static List<InetSocketAddress> parseList(String addresses) {
        if (addresses == null || addresses.isBlank()) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + addresses + "\"", "no address given");
        }
        List<InetSocketAddress> result = new ArrayList<>();
        for (String part : addresses.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                result.add(parse(trimmed, false));
            }
        }
        if (result.isEmpty()) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + addresses + "\"", "no address given");
        }
        return List.copyOf(result);
    }

    /** One dialable {@code host:port}. */
    public static InetSocketAddress parse(String address) {
        return parse(address, false);
    }

    /** A listen address; an empty host ({@code :8261}) means all interfaces, as in DM. */
    public static InetSocketAddress parseListen(String address) {
        return parse(address, true);
    }

    private static InetSocketAddress parse(String address, boolean emptyHostAllowed) {
        String a = address == null ? "" : address.trim();
        int colon = a.lastIndexOf(':');
        if (colon < 0) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + address + "\"", "the port is missing");
        }
        String host = a.substring(0, colon);
        String portText = a.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + address + "\"", "write an IPv6 address in brackets, e.g. [::1]:8261");
        }
        if (host.isEmpty()) {
            if (!emptyHostAllowed) {
                throw RpcErrors.INVALID_ADDRESS.error("\"" + address + "\"", "the host is missing");
            }
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + address + "\"", "port \"" + portText + "\" is not a number");
        }
        if (port < 0 || port > 65535 || (port == 0 && !emptyHostAllowed)) {
            throw RpcErrors.INVALID_ADDRESS.error("\"" + address + "\"", "port " + port + " is outside 1-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port} as a user wrote it. */
    public static String format(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
