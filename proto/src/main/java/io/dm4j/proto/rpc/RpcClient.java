package io.dm4j.proto.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.tls.TlsContexts;
import io.dm4j.proto.wire.Envelope;
import io.dm4j.proto.wire.EnvelopeDecoder;
import io.dm4j.proto.wire.EnvelopeEncoder;
import io.dm4j.proto.wire.FrameDecoder;
import io.dm4j.proto.wire.Payloads;
import io.dm4j.proto.wire.UnreadableFrame;
import io.dm4j.proto.wire.WireErrors;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A connection to one server (the first reachable of several addresses) carrying many concurrent calls, each
 * correlated by id and bounded by its own timeout.
 *
 * <p>Connection life: the client connects at once and keeps reconnecting when the connection drops, trying the
 * addresses in order per round and pausing between failed rounds (doubling from the configured min to max delay).
 * Calls made while a round is in progress wait for it (up to their timeout); calls made while the client is
 * pausing after a failed round fail at once with {@link RpcErrors#UNAVAILABLE}. Calls in flight when the
 * connection drops fail with {@link RpcErrors#CONNECTION_LOST}.
 *
 * <p>Threads: one event-loop thread owns all connection state; futures are completed and listeners called on a
 * separate pool, so callbacks may block. Always {@link #close()} the client.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);

    private enum State { CONNECTING, READY, BACKOFF, CLOSED }

    private final RpcClientConfig config;
    private final SslContext ssl;
    private final IoEventLoopGroup group;
    private final EventLoop loop;
    private final ExecutorService callbacks;
    private final Executor listenerEvents;
    private final List<RpcConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object readyMonitor = new Object();

    // Owned by the event loop.
    private State state = State.CONNECTING;
    private long attempt;
    private Channel channel;
    private int addressIndex;
    private long readySinceNanos;
    private long nextDelayMs;
    private boolean warnedThisOutage;
    private String lastError = "no connection attempt finished yet";
    private ScheduledFuture<?> reconnect;
    private final Map<Long, PendingCall<?>> inFlight = new HashMap<>();
    private final Map<Long, PendingCall<?>> waiting = new LinkedHashMap<>();

    private volatile InetSocketAddress connectedPeer;
    private volatile boolean closed;

    private RpcClient(RpcClientConfig config) {
        this.config = config;
        this.ssl = TlsContexts.forClient(config.tls());
        this.nextDelayMs = config.reconnectMinDelay().toMillis();
        this.group = RpcThreads.eventLoops(1, "client-io");
        this.loop = group.next();
        this.callbacks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                RpcThreads.named("client-callback"));
        this.listenerEvents = new SerialExecutor(callbacks);
    }

    /**
     * Creates the client and starts connecting in the background; does not wait for the connection.
     *
     * @throws DmException {@link RpcErrors#TLS_CONFIG} when the TLS files are unusable
     */
    public static RpcClient connect(RpcClientConfig config) {
        RpcClient client = new RpcClient(config);
        client.loop.execute(client::startRound);
        return client;
    }

    /** Shorthand for {@code connect(RpcClientConfig.of(addresses))}. */
    public static RpcClient connect(String addresses) {
        return connect(RpcClientConfig.of(addresses));
    }

    /** Adds a listener for later up/down events; the current state is {@link #isConnected()}. */
    public void addListener(RpcConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(RpcConnectionListener listener) {
        listeners.remove(listener);
    }

    public boolean isConnected() {
        return connectedPeer != null;
    }

    /** The address of the current connection. */
    public Optional<InetSocketAddress> connectedAddress() {
        return Optional.ofNullable(connectedPeer);
    }

    /** Waits until a connection is up; false after {@code timeout} or when the client is closed. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readyMonitor) {
            while (connectedPeer == null && !closed) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return false;
                }
                readyMonitor.wait(leftMs);
            }
            return connectedPeer != null;
        }
    }

    /**
     * Calls {@code method}. The future completes with the response, or exceptionally with a {@link DmException}:
     * the server's own error rebuilt with all its fields, or an RPC error ({@link RpcErrors#TIMEOUT},
     * {@link RpcErrors#CONNECTION_LOST}, {@link RpcErrors#UNAVAILABLE}, {@link RpcErrors#FRAME_TOO_LARGE}, ...).
     * A response arriving after the timeout is dropped.
     */
    public <R> CompletableFuture<R> call(String method, Object request, Class<R> responseType, Duration timeout) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(responseType, "responseType");
        long timeoutMs = Math.max(1, timeout.toMillis());
        long id = ids.incrementAndGet();
        CompletableFuture<R> future = new CompletableFuture<>();
        byte[] body;
        try {
            body = EnvelopeEncoder.encode(Envelope.request(id, method, timeoutMs, Payloads.toTree(request)),
                    config.maxFrameBytes(), "request " + method);
        } catch (DmException e) {
            future.completeExceptionally(e);
            return future;
        }
        PendingCall<R> call = new PendingCall<>(id, method, responseType, future, timeoutMs, body);
        if (closed || !runOnLoop(() -> submit(call))) {
            future.completeExceptionally(RpcErrors.CLIENT_CLOSED.error(method, config.addressList()));
            return future;
        }
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                runOnLoop(() -> forget(call));
            }
        });
        return future;
    }

    public <Q, R> CompletableFuture<R> call(RpcMethod<Q, R> method, Q request, Duration timeout) {
        return call(method.name(), request, method.responseType(), timeout);
    }

    /** Blocking form of {@link #call(String, Object, Class, Duration)}; throws the call's {@link DmException}. */
    public <R> R callBlocking(String method, Object request, Class<R> responseType, Duration timeout) {
        CompletableFuture<R> future = call(method, request, responseType, timeout);
        try {
            // the call's own timer completes the future; the margin only guards against a stuck client
            return future.get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw ErrorClassifier.toDm(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw CommonErrors.UNKNOWN.wrap(e, "interrupted while waiting for call " + method);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw RpcErrors.TIMEOUT.error(method, config.addressList(), timeout.toMillis());
        }
    }

    public <Q, R> R callBlocking(RpcMethod<Q, R> method, Q request, Duration timeout) {
        return callBlocking(method.name(), request, method.responseType(), timeout);
    }

    /** Fails every outstanding call with CLIENT_CLOSED, closes the connection and stops the client's threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (!runOnLoop(() -> {
            shutdownOnLoop();
            stopped.complete(null);
        })) {
            stopped.complete(null);
        }
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("RPC client for {} did not stop cleanly: {}", config.addressList(), e.toString());
        }
        synchronized (readyMonitor) {
            readyMonitor.notifyAll();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- everything below runs on the event loop ----

    private void submit(PendingCall<?> call) {
        switch (state) {
            case CLOSED -> fail(call, RpcErrors.CLIENT_CLOSED.error(call.method, config.addressList()));
            case BACKOFF -> fail(call, RpcErrors.UNAVAILABLE.error(call.method, config.addressList(), lastError));
            case CONNECTING -> {
                waiting.put(call.id, call);
                startTimer(call);
            }
            case READY -> {
                startTimer(call);
                send(call);
            }
        }
    }

    private void startTimer(PendingCall<?> call) {
        call.timer = loop.schedule(() -> expire(call), call.timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void send(PendingCall<?> call) {
        inFlight.put(call.id, call);
        InetSocketAddress peer = connectedPeer;
        channel.writeAndFlush(Unpooled.wrappedBuffer(call.takeBody())).addListener(f -> {
            if (!f.isSuccess() && inFlight.remove(call.id) == call) {
                call.cancelTimer();
                fail(call, RpcErrors.CONNECTION_LOST.wrap(f.cause(), PeerAddresses.format(peer), call.method,
                        ChannelAttrs.describe(f.cause())));
            }
        });
    }

    private void expire(PendingCall<?> call) {
        if (inFlight.remove(call.id) == call) {
            fail(call, RpcErrors.TIMEOUT.error(call.method, PeerAddresses.format(connectedPeerOr()), call.timeoutMs));
        } else if (waiting.remove(call.id) == call) {
            fail(call, RpcErrors.TIMEOUT.error(call.method, config.addressList() + " (still connecting; last error: "
                    + lastError + ")", call.timeoutMs));
        }
    }

    private InetSocketAddress connectedPeerOr() {
        InetSocketAddress peer = connectedPeer;
        return peer != null ? peer : config.addresses().get(0);
    }

    private void forget(PendingCall<?> call) {
        inFlight.remove(call.id, call);
        waiting.remove(call.id, call);
        call.cancelTimer();
    }

    private void startRound() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        addressIndex = 0;
        connectNext();
    }

    private void connectNext() {
        InetSocketAddress address = config.addresses().get(addressIndex);
        long thisAttempt = ++attempt;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (thisAttempt == attempt) {
                            channel = ch;
                        }
                        buildPipeline(ch.pipeline(), address, thisAttempt);
                    }
                });
        LOG.debug("connecting to {}", PeerAddresses.format(address));
        ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                attemptFailed(thisAttempt, address, ChannelAttrs.describe(f.cause()));
            }
        });
    }

    private void buildPipeline(ChannelPipeline p, InetSocketAddress address, long thisAttempt) {
        if (ssl != null) {
            SslHandler tls = ssl.newHandler(p.channel().alloc(), address.getHostString(), address.getPort());
            tls.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            p.addLast("tls", tls);
            p.addLast("peer-check", new PeerCertificateCheck(config.tls().allowedCommonNames()));
        }
        p.addLast("idle", KeepaliveHandler.idleDetector(config.keepalive()));
        p.addLast("keepalive", new KeepaliveHandler(config.keepalive(), true));
        p.addLast("frame-decoder", new FrameDecoder(config.maxFrameBytes()));
        p.addLast("frame-encoder", new LengthFieldPrepender(4));
        p.addLast("envelope-decoder", new EnvelopeDecoder());
        p.addLast("rpc", new ConnectionHandler(address, thisAttempt));
    }

    private void onReady(long thisAttempt, Channel ch, InetSocketAddress address) {
        if (thisAttempt != attempt || state == State.CLOSED) {
            ch.close();
            return;
        }
        channel = ch;
        state = State.READY;
        readySinceNanos = System.nanoTime();
        warnedThisOutage = false;
        synchronized (readyMonitor) {
            connectedPeer = address;
            readyMonitor.notifyAll();
        }
        LOG.info("RPC connection to {} is up", PeerAddresses.format(address));
        fire(l -> l.connected(address));
        List<PendingCall<?>> queued = new ArrayList<>(waiting.values());
        waiting.clear();
        queued.forEach(this::send);
    }

    private void attemptFailed(long thisAttempt, InetSocketAddress address, String reason) {
        if (thisAttempt != attempt || state != State.CONNECTING) {
            return;
        }
        channel = null;
        lastError = PeerAddresses.format(address) + ": " + reason;
        LOG.debug("cannot connect to {}", lastError);
        if (++addressIndex < config.addresses().size()) {
            connectNext();
            return;
        }
        List<PendingCall<?>> queued = new ArrayList<>(waiting.values());
        waiting.clear();
        for (PendingCall<?> call : queued) {
            call.cancelTimer();
            fail(call, RpcErrors.UNAVAILABLE.error(call.method, config.addressList(), lastError));
        }
        if (!warnedThisOutage) {
            LOG.warn("cannot connect to any of {} (last error: {}); retrying with backoff up to {} ms",
                    config.addressList(), lastError, config.reconnectMaxDelay().toMillis());
            warnedThisOutage = true;
        }
        scheduleRound();
    }

    private void connectionLost(long thisAttempt, InetSocketAddress address, String reason) {
        if (thisAttempt != attempt || state != State.READY) {
            return;
        }
        channel = null;
        synchronized (readyMonitor) {
            connectedPeer = null;
        }
        lastError = PeerAddresses.format(address) + ": " + reason;
        LOG.warn("RPC connection to {} lost: {}", PeerAddresses.format(address), reason);
        List<PendingCall<?>> lost = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (PendingCall<?> call : lost) {
            call.cancelTimer();
            fail(call, RpcErrors.CONNECTION_LOST.error(PeerAddresses.format(address), call.method, reason));
        }
        fire(l -> l.disconnected(address, reason));
        // A connection that lived long enough resets the backoff; one dropped right away (e.g. refused by the
        // server's certificate check) keeps growing it, so a bad peer is not hammered.
        long livedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readySinceNanos);
        if (livedMs >= config.reconnectMaxDelay().toMillis()) {
            nextDelayMs = config.reconnectMinDelay().toMillis();
            startRound();
        } else {
            scheduleRound();
        }
    }

    private void scheduleRound() {
        state = State.BACKOFF;
        long delay = nextDelayMs;
        nextDelayMs = Math.min(nextDelayMs * 2, config.reconnectMaxDelay().toMillis());
        reconnect = loop.schedule(this::startRound, delay, TimeUnit.MILLISECONDS);
    }

    private void onEnvelope(Channel ch, Envelope e) {
        switch (e.kind()) {
            case RESPONSE -> {
                PendingCall<?> call = inFlight.remove(e.id());
                if (call == null) {
                    if (e.error() != null && e.id() == 0) {
                        LOG.warn("server {} reported: {}", ch.remoteAddress(),
                                WireErrors.fromWire(e.error()).getMessage());
                    } else {
                        LOG.debug("dropping late response {} ({})", e.id(), e.method());
                    }
                    return;
                }
                call.cancelTimer();
                if (e.error() != null) {
                    fail(call, WireErrors.fromWire(e.error()));
                } else {
                    complete(call, e.payload());
                }
            }
            case PING -> ch.writeAndFlush(Unpooled.wrappedBuffer(
                    EnvelopeEncoder.encode(Envelope.pong(e.id()), Integer.MAX_VALUE, "pong")));
            case REQUEST -> ch.writeAndFlush(Unpooled.wrappedBuffer(EnvelopeEncoder.encode(
                    Envelope.errorResponse(e.id(), e.method(), WireErrors.toWire(RpcErrors.UNKNOWN_METHOD.error(
                            e.method(), "(none: this endpoint is a client)"))), Integer.MAX_VALUE, "error")));
            default -> { }
        }
    }

    private void onUnreadable(Channel ch, UnreadableFrame frame) {
        PendingCall<?> call = inFlight.remove(frame.id());
        if (call != null) {
            call.cancelTimer();
            fail(call, frame.error());
        } else {
            LOG.warn("unreadable message {} from {}: {}", frame.id(), ch.remoteAddress(), frame.error().getMessage());
        }
    }

    private void shutdownOnLoop() {
        State previous = state;
        state = State.CLOSED;
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        List<PendingCall<?>> all = new ArrayList<>(inFlight.values());
        all.addAll(waiting.values());
        inFlight.clear();
        waiting.clear();
        for (PendingCall<?> call : all) {
            call.cancelTimer();
            fail(call, RpcErrors.CLIENT_CLOSED.error(call.method, config.addressList()));
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        InetSocketAddress peer = connectedPeer;
        connectedPeer = null;
        if (previous == State.READY && peer != null) {
            fire(l -> l.disconnected(peer, "client closed"));
        }
    }

    // ---- completion, off the event loop ----

    private <R> void complete(PendingCall<R> call, JsonNode payload) {
        deliver(() -> {
            try {
                call.future.complete(Payloads.read(payload, call.responseType, "response", call.method));
            } catch (DmException e) {
                call.future.completeExceptionally(e);
            }
        });
    }

    private void fail(PendingCall<?> call, DmException error) {
        deliver(() -> call.future.completeExceptionally(error));
    }

    private void deliver(Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException shutDown) {
            completion.run();
        }
    }

    private void fire(Consumer<RpcConnectionListener> event) {
        for (RpcConnectionListener l : listeners) {
            listenerEvents.execute(() -> event.accept(l));
        }
    }

    private boolean runOnLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    /** Last handler of a client connection; all its callbacks run on the client's event loop. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress address;
        private final long thisAttempt;
        private boolean ready;
        /** Whether the peer sent anything on this connection; a TLS server closes a plain one before it does. */
        private boolean heardFromPeer;

        ConnectionHandler(InetSocketAddress address, long thisAttempt) {
            this.address = address;
            this.thisAttempt = thisAttempt;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (ssl == null) {
                ready = true;
                onReady(thisAttempt, ctx.channel(), address);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelReady.INSTANCE) {
                ready = true;
                onReady(thisAttempt, ctx.channel(), address);
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            heardFromPeer = true;
            if (msg instanceof Envelope e) {
                onEnvelope(ctx.channel(), e);
            } else if (msg instanceof UnreadableFrame f) {
                onUnreadable(ctx.channel(), f);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            boolean closedByPeer = ctx.channel().attr(ChannelAttrs.CLOSE_REASON).get() == null;
            String reason = ChannelAttrs.closeReason(ctx.channel());
            if (ssl == null && !heardFromPeer && closedByPeer) {
                reason += " before sending anything; this client does not use TLS, so if the peer requires TLS,"
                        + " give ssl-ca, ssl-cert and ssl-key";
            } else if (ssl != null && !heardFromPeer && closedByPeer) {
                // a peer that refuses the certificate's CN closes right after the handshake, without a word
                reason += " right after the TLS handshake; the peer may not accept this client's certificate: check"
                        + " that the CN of ssl-cert is in the peer's cert-allowed-cn (the peer's log names the CN)";
            }
            if (ready) {
                connectionLost(thisAttempt, address, reason);
            } else {
                attemptFailed(thisAttempt, address, reason);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String reason = ChannelAttrs.describe(cause);
            LOG.debug("closing RPC connection to {}: {}", PeerAddresses.format(address), reason);
            ChannelAttrs.closeWithReason(ctx.channel(), reason);
        }
    }

    /** One outstanding call. Fields other than the future are touched on the event loop only. */
    private static final class PendingCall<R> {
        final long id;
        final String method;
        final Class<R> responseType;
        final CompletableFuture<R> future;
        final long timeoutMs;
        private byte[] body;
        ScheduledFuture<?> timer;

        PendingCall(long id, String method, Class<R> responseType, CompletableFuture<R> future, long timeoutMs,
                    byte[] body) {
            this.id = id;
            this.method = method;
            this.responseType = responseType;
            this.future = future;
            this.timeoutMs = timeoutMs;
            this.body = body;
        }

        byte[] takeBody() {
            byte[] b = body;
            body = null;
            return b;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
