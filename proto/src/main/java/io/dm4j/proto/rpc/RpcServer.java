package io.dm4j.proto.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClass;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.http.HttpConnectionHandler;
import io.dm4j.proto.http.HttpEndpoint;
import io.dm4j.proto.http.HttpRoutes;
import io.dm4j.proto.http.ProtocolSniffer;
import io.dm4j.proto.tls.TlsContexts;
import io.dm4j.proto.wire.Envelope;
import io.dm4j.proto.wire.EnvelopeDecoder;
import io.dm4j.proto.wire.EnvelopeEncoder;
import io.dm4j.proto.wire.FrameDecoder;
import io.dm4j.proto.wire.WireErrors;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves registered methods on one host:port. Requests are decoded on Netty's event loops and run on a bounded
 * handler pool; a full pool answers SERVER_BUSY instead of queueing without limit.
 * <p>
 * The same port answers HTTP/1.x GET requests for the paths added with {@link #http} (e.g. {@code /metrics}): the
 * first bytes of each connection (after TLS) decide whether it speaks HTTP or RPC.
 *
 * <pre>
 * RpcServer server = new RpcServer(RpcServerConfig.of("0.0.0.0", 8261))
 *         .register(START_TASK, (request, call) -> startTask(request))
 *         .start();
 * ...
 * server.close(); // stops accepting, lets running handlers answer, then closes connections
 * </pre>
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final RpcServerConfig config;
    private final MethodTable methods = new MethodTable();
    private final HttpRoutes httpRoutes = new HttpRoutes();
    private IoEventLoopGroup group;
    private ThreadPoolExecutor handlerPool;
    private ChannelGroup connections;
    private Channel listener;
    private volatile boolean closing;
    private boolean started;

    public RpcServer(RpcServerConfig config) {
        this.config = config;
    }

    /** Adds a method; may be called before or after {@link #start()}. */
    public <Q, R> RpcServer register(RpcMethod<Q, R> method, RpcHandler<Q, R> handler) {
        methods.register(method, handler);
        return this;
    }

    public <Q, R> RpcServer register(String method, Class<Q> requestType, Class<R> responseType,
                                     RpcHandler<Q, R> handler) {
        return register(RpcMethod.of(method, requestType, responseType), handler);
    }

    /** Serves HTTP GET/HEAD of exactly {@code path} on the same port; may be called before or after start. */
    public RpcServer http(String path, HttpEndpoint endpoint) {
        httpRoutes.register(path, endpoint);
        return this;
    }

    /** Names of the served methods, sorted. */
    public List<String> methods() {
        return methods.names();
    }

    /**
     * Binds and starts serving.
     *
     * @throws DmException {@link RpcErrors#BIND} when the address cannot be bound, {@link RpcErrors#TLS_CONFIG}
     *                     when the TLS files are unusable
     */
    public synchronized RpcServer start() {
        if (started) {
            throw new IllegalStateException("RPC server already started");
        }
        SslContext ssl = TlsContexts.forServer(config.tls());
        started = true;
        group = RpcThreads.eventLoops(config.ioThreads(), "server-io");
        connections = new DefaultChannelGroup("rpc-connections", group.next());
        handlerPool = new ThreadPoolExecutor(config.handlerThreads(), config.handlerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.handlerQueueCapacity()), RpcThreads.named("server-handler"));
        handlerPool.allowCoreThreadTimeOut(true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            SslHandler tls = ssl.newHandler(ch.alloc());
                            p.addLast("tls", tls);
                            p.addLast("peer-check", new PeerCertificateCheck(config.tls().allowedCommonNames()));
                        }
                        p.addLast("idle", KeepaliveHandler.idleDetector(config.keepalive()));
                        p.addLast("keepalive", new KeepaliveHandler(config.keepalive(), false));
                        p.addLast("protocol", new ProtocolSniffer(RpcServer.this::installRpc,
                                http -> HttpConnectionHandler.install(http, httpRoutes, handlerPool,
                                        () -> closing)));
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            closing = true;
            shutdownThreads();
            throw RpcErrors.BIND.wrap(bound.cause(), config.host() + ":" + config.port(),
                    ChannelAttrs.describe(bound.cause()));
        }
        listener = bound.channel();
        LOG.info("RPC server listening on {}{}", localAddress(), ssl == null ? "" : " (TLS"
                + (config.tls().caFile() != null ? ", client certificates required)" : ")"));
        return this;
    }

    private void installRpc(ChannelPipeline p) {
        p.addLast("frame-decoder", new FrameDecoder(config.maxFrameBytes()));
        p.addLast("frame-encoder", new LengthFieldPrepender(4));
        p.addLast("envelope-decoder", new EnvelopeDecoder());
        p.addLast("rpc", new ServerConnectionHandler(this));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The bound port (the chosen one when configured with port 0). */
    public int port() {
        return localAddress().getPort();
    }

    /** Closes with the configured grace period. */
    @Override
    public void close() {
        close(config.closeGracePeriod());
    }

    /**
     * Stops accepting connections and calls (new calls get SERVER_CLOSING), waits up to {@code grace} for running
     * handlers and their responses, then closes every connection and stops all threads. Must not be called from
     * a handler (it waits for the handlers).
     */
    public synchronized void close(Duration grace) {
        if (!started || closing) {
            return;
        }
        closing = true;
        listener.close().awaitUninterruptibly();
        handlerPool.shutdown();
        try {
            if (!handlerPool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("RPC handlers still running after {} ms; interrupting them", grace.toMillis());
                handlerPool.shutdownNow();
                handlerPool.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handlerPool.shutdownNow();
        }
        for (Channel ch : connections) {
            // an empty write from the head completes after every response already written: then close
            ch.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        connections.newCloseFuture().awaitUninterruptibly(grace.toMillis() + 1000);
        shutdownThreads();
        LOG.info("RPC server on {} closed", listener.localAddress());
    }

    private void shutdownThreads() {
        handlerPool.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }

    /** Called on the event loop for each request: queue it for a handler thread, or refuse at once. */
    void dispatch(Channel ch, Envelope request, long receivedNanos) {
        if (closing) {
            replyError(ch, request.id(), request.method(), RpcErrors.SERVER_CLOSING.error(request.method()));
            return;
        }
        try {
            handlerPool.execute(() -> serve(ch, request, receivedNanos));
        } catch (RejectedExecutionException full) {
            DmException refused = closing ? RpcErrors.SERVER_CLOSING.error(request.method())
                    : RpcErrors.SERVER_BUSY.error(request.method(), handlerPool.getQueue().size());
            replyError(ch, request.id(), request.method(), refused);
        }
    }

    private void serve(Channel ch, Envelope request, long receivedNanos) {
        String method = request.method();
        Long timeoutMs = request.timeoutMs();
        long deadline = timeoutMs == null ? Long.MAX_VALUE : receivedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        RpcCall call = new RpcCall(method, request.id(), ch.remoteAddress(), ch.attr(ChannelAttrs.PEER_CN).get(),
                deadline);
        byte[] response;
        try {
            if (call.expired()) {
                // the caller has given up already: do not run work nobody waits for
                throw RpcErrors.TIMEOUT.error(method, String.valueOf(ch.localAddress()), timeoutMs);
            }
            MethodTable.Entry<?, ?> entry = methods.find(method);
            if (entry == null) {
                List<String> known = methods.names();
                throw RpcErrors.UNKNOWN_METHOD.error(method, known.isEmpty() ? "(none)" : String.join(", ", known));
            }
            JsonNode result = entry.invoke(request.payload(), call);
            response = EnvelopeEncoder.encode(Envelope.response(request.id(), method, result),
                    config.maxFrameBytes(), "response to " + method);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            DmException error = ErrorClassifier.toDm(t);
            if (error.code().errorClass() == ErrorClass.NOT_SET) {
                LOG.warn("RPC {} from {} failed", method, ch.remoteAddress(), t);
            } else {
                LOG.debug("RPC {} from {} failed: {}", method, ch.remoteAddress(), error.getMessage());
            }
            response = encodeError(request.id(), method, error);
        }
        write(ch, response);
    }

    void reply(Channel ch, Envelope envelope) {
        write(ch, EnvelopeEncoder.encode(envelope, config.maxFrameBytes(), envelope.kind().name().toLowerCase()));
    }

    void replyError(Channel ch, long id, String method, DmException error) {
        write(ch, encodeError(id, method, error));
    }

    private byte[] encodeError(long id, String method, DmException error) {
        String what = "error response to " + method;
        try {
            return EnvelopeEncoder.encode(Envelope.errorResponse(id, method, WireErrors.toWire(error)),
                    config.maxFrameBytes(), what);
        } catch (DmException tooLarge) {
            // the error text itself is huge: send that fact instead
            return EnvelopeEncoder.encode(Envelope.errorResponse(id, method, WireErrors.toWire(tooLarge)),
                    Integer.MAX_VALUE, what);
        }
    }

    private static void write(Channel ch, byte[] body) {
        ch.writeAndFlush(Unpooled.wrappedBuffer(body)).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("cannot answer {}: {}", ch.remoteAddress(), ChannelAttrs.describe(f.cause()));
            }
        });
    }
}
