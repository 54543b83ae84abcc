package io.dm4j.proto.rpc;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.ThreadFactory;

/** Thread naming for the RPC layer: every thread starts with {@code dm4j-rpc-} and is a daemon. */
final class RpcThreads {
    static final String PREFIX = "dm4j-rpc-";

    private RpcThreads() {
    }

    static ThreadFactory named(String pool) {
        return new DefaultThreadFactory(PREFIX + pool, true);
    }

    static IoEventLoopGroup eventLoops(int threads, String pool) {
        return new MultiThreadIoEventLoopGroup(threads, named(pool), NioIoHandler.newFactory());
    }
}
