package io.dm4j.proto.rpc;

import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.tls.TlsConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RpcServer}.
 *
 * @param host                 interface to bind ("0.0.0.0" for all)
 * @param port                 port; 0 picks a free one (see {@link RpcServer#port()})
 * @param ioThreads            Netty event-loop threads (accept + I/O)
 * @param handlerThreads       threads running handlers
 * @param handlerQueueCapacity calls that may wait for a handler thread; beyond it calls fail with SERVER_BUSY
 * @param maxFrameBytes        largest envelope accepted or sent
 * @param keepalive            a client silent for {@code keepalive.silenceLimit()} is disconnected
 * @param tls                  TLS settings, {@link TlsConfig#NONE} for plain TCP
 * @param closeGracePeriod     how long {@link RpcServer#close()} lets running handlers finish
 */
public record RpcServerConfig(String host, int port, int ioThreads, int handlerThreads, int handlerQueueCapacity,
                              int maxFrameBytes, KeepaliveConfig keepalive, TlsConfig tls, Duration closeGracePeriod) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    public RpcServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(closeGracePeriod, "closeGracePeriod");
        positive("io threads", ioThreads);
        positive("handler threads", handlerThreads);
        positive("handler queue capacity", handlerQueueCapacity);
        positive("max frame bytes", maxFrameBytes);
        if (port < 0 || port > 65535) {
            throw RpcErrors.INVALID_OPTION.error("port", port, "must be within 0-65535");
        }
    }

    public static RpcServerConfig of(String host, int port) {
        return new RpcServerConfig(host, port, 2, 16, 1024, DEFAULT_MAX_FRAME_BYTES, KeepaliveConfig.DEFAULT,
                TlsConfig.NONE, Duration.ofSeconds(5));
    }

    public RpcServerConfig withThreads(int newIoThreads, int newHandlerThreads, int newQueueCapacity) {
        return new RpcServerConfig(host, port, newIoThreads, newHandlerThreads, newQueueCapacity, maxFrameBytes,
                keepalive, tls, closeGracePeriod);
    }

    public RpcServerConfig withMaxFrameBytes(int bytes) {
        return new RpcServerConfig(host, port, ioThreads, handlerThreads, handlerQueueCapacity, bytes, keepalive,
                tls, closeGracePeriod);
    }

    public RpcServerConfig withKeepalive(KeepaliveConfig k) {
        return new RpcServerConfig(host, port, ioThreads, handlerThreads, handlerQueueCapacity, maxFrameBytes, k,
                tls, closeGracePeriod);
    }

    public RpcServerConfig withTls(TlsConfig t) {
        return new RpcServerConfig(host, port, ioThreads, handlerThreads, handlerQueueCapacity, maxFrameBytes,
                keepalive, t, closeGracePeriod);
    }

    public RpcServerConfig withCloseGracePeriod(Duration d) {
        return new RpcServerConfig(host, port, ioThreads, handlerThreads, handlerQueueCapacity, maxFrameBytes,
                keepalive, tls, d);
    }

    static void positive(String option, int value) {
        if (value < 1) {
            throw RpcErrors.INVALID_OPTION.error(option, value, "must be at least 1");
        }
    }
}
