package io.dm4j.proto.rpc;

import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.tls.TlsConfig;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link RpcClient}.
 *
 * @param addresses           tried in order on every (re)connect round
 * @param connectTimeout      per attempt, TCP connect and TLS handshake each
 * @param maxFrameBytes       largest envelope sent or accepted
 * @param keepalive           ping interval and how many silent intervals close the connection
 * @param reconnectMinDelay   pause after the first round in which no address answered; doubles per failed round
 * @param reconnectMaxDelay   upper bound of that pause
 * @param tls                 TLS settings, {@link TlsConfig#NONE} for plain TCP
 */
public record RpcClientConfig(List<InetSocketAddress> addresses, Duration connectTimeout, int maxFrameBytes,
                              KeepaliveConfig keepalive, Duration reconnectMinDelay, Duration reconnectMaxDelay,
                              TlsConfig tls) {

    public RpcClientConfig {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw RpcErrors.INVALID_ADDRESS.error("\"\"", "no address given");
        }
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(tls, "tls");
        atLeastOneMilli("connect timeout", connectTimeout);
        atLeastOneMilli("reconnect min delay", reconnectMinDelay);
        atLeastOneMilli("reconnect max delay", reconnectMaxDelay);
        if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw RpcErrors.INVALID_OPTION.error("reconnect max delay", reconnectMaxDelay,
                    "must not be below the min delay " + reconnectMinDelay);
        }
        RpcServerConfig.positive("max frame bytes", maxFrameBytes);
    }

    /** Defaults for {@code host1:port1,host2:port2}: 3 s connect timeout, 16 MiB frames, 100 ms → 5 s backoff. */
    public static RpcClientConfig of(String addresses) {
        return new RpcClientConfig(PeerAddresses.parseList(addresses), Duration.ofSeconds(3),
                RpcServerConfig.DEFAULT_MAX_FRAME_BYTES, KeepaliveConfig.DEFAULT, Duration.ofMillis(100),
                Duration.ofSeconds(5), TlsConfig.NONE);
    }

    public RpcClientConfig withConnectTimeout(Duration d) {
        return new RpcClientConfig(addresses, d, maxFrameBytes, keepalive, reconnectMinDelay, reconnectMaxDelay, tls);
    }

    public RpcClientConfig withMaxFrameBytes(int bytes) {
        return new RpcClientConfig(addresses, connectTimeout, bytes, keepalive, reconnectMinDelay, reconnectMaxDelay,
                tls);
    }

    public RpcClientConfig withKeepalive(KeepaliveConfig k) {
        return new RpcClientConfig(addresses, connectTimeout, maxFrameBytes, k, reconnectMinDelay, reconnectMaxDelay,
                tls);
    }

    public RpcClientConfig withReconnectDelays(Duration min, Duration max) {
        return new RpcClientConfig(addresses, connectTimeout, maxFrameBytes, keepalive, min, max, tls);
    }

    public RpcClientConfig withTls(TlsConfig t) {
        return new RpcClientConfig(addresses, connectTimeout, maxFrameBytes, keepalive, reconnectMinDelay,
                reconnectMaxDelay, t);
    }

    /** The addresses as the user wrote them, for messages. */
    public String addressList() {
        return String.join(",", addresses.stream().map(PeerAddresses::format).toList());
    }

    private static void atLeastOneMilli(String option, Duration d) {
        if (d == null || d.toMillis() < 1) {
            throw RpcErrors.INVALID_OPTION.error(option, d, "must be at least 1 ms");
        }
    }
}
