package io.dm4j.proto.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Serves the {@link HttpRoutes} on a connection that {@link ProtocolSniffer} found to speak HTTP/1.x. Endpoints run
 * on the given executor (not the event loop); one request at a time per connection, so answers keep their order.
 */
public final class HttpConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionHandler.class);
    /** The largest request body accepted (a task or source sent to the OpenAPI is a few KiB). */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final HttpRoutes routes;
    private final Executor executor;
    private final BooleanSupplier closing;

    HttpConnectionHandler(HttpRoutes routes, Executor executor, BooleanSupplier closing) {
        this.routes = routes;
        this.executor = executor;
        this.closing = closing;
    }

    /** Adds the HTTP codec and this handler at the end of {@code pipeline}. */
    public static void install(ChannelPipeline pipeline, HttpRoutes routes, Executor executor,
                               BooleanSupplier closing) {
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
        pipeline.addLast("http", new HttpConnectionHandler(routes, executor, closing));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            send(ctx, HttpReply.text(400, "malformed HTTP request\n"), false, false);
            return;
        }
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        HttpEndpoint endpoint = routes.find(uri.path());
        boolean read = head || HttpMethod.GET.equals(method);
        if (!read && (endpoint == null || !endpoint.acceptsWrites())) {
            send(ctx, HttpReply.text(405, method + " is not allowed; use GET\n"), false, keepAlive);
            return;
        }
        if (endpoint == null) {
            send(ctx, HttpReply.text(404, "no such path " + uri.path() + "; served: "
                    + String.join(", ", routes.paths()) + "\n"), head, keepAlive);
            return;
        }
        if (closing.getAsBoolean()) {
            send(ctx, HttpReply.text(503, "server is shutting down\n"), head, false);
            return;
        }
        HttpQuery query = new HttpQuery(method.name(), uri.path(), uri.parameters(), headers(request),
                ByteBufUtil.getBytes(request.content()));
        ctx.channel().config().setAutoRead(false); // the next request waits for this answer
        try {
            executor.execute(() -> send(ctx, answer(endpoint, query), head, keepAlive));
        } catch (RejectedExecutionException busy) {
            send(ctx, HttpReply.text(503, "server busy; retry later\n"), head, keepAlive);
        }
    }

    private static Map<String, String> headers(FullHttpRequest request) {
        Map<String, String> out = new HashMap<>();
        request.headers().forEach(h -> out.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return out;
    }

    private static HttpReply answer(HttpEndpoint endpoint, HttpQuery query) {
        try {
            return endpoint.handle(query);
        } catch (Exception e) {
            LOG.warn("HTTP {} {} failed", query.method(), query.path(), e);
            return HttpReply.text(500, query.method() + " " + query.path() + " failed: " + e + "\n");
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpReply reply, boolean head, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess() || !keepAlive) {
                ctx.channel().close();
            } else {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing HTTP connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
