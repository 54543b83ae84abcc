package io.dm4j.proto.http;

import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcTestKit;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import io.dm4j.proto.rpc.RpcTestKit.EchoReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP GET and RPC calls share one port: the first bytes of a connection choose the protocol. */
class HttpOnRpcPortTest {
    private final RpcTestKit kit = new RpcTestKit();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeAll() throws Exception {
        kit.closeAll();
    }

    private RpcServer server() {
        RpcServer server = kit.echoServer(RpcTestKit.localServer());
        server.http("/hello", q -> HttpReply.text(200, "hello " + q.parameters().getOrDefault("name", List.of())));
        server.http("/broken", q -> {
            throw new IllegalStateException("status source gone");
        });
        return server;
    }

    private HttpResponse<String> get(RpcServer server, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String echo(RpcClient client, String text) {
        return client.callBlocking(RpcTestKit.ECHO, new Echo(text, 0), RpcTestKit.SHORT).text();
    }

    @Test
    void httpGetAndRpcCallsOnTheSamePort() throws Exception {
        RpcServer server = server();
        RpcClient client = kit.client(RpcTestKit.clientFor(server));

        assertEquals("before", echo(client, "before"));
        HttpResponse<String> response = get(server, "/hello?name=dm");
        assertEquals(200, response.statusCode());
        assertEquals("hello [dm]", response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        // a second request on the kept-alive connection, then RPC again on its own connection
        assertEquals("hello [x]", get(server, "/hello?name=x").body());
        assertEquals("after", echo(client, "after"));
    }

    @Test
    void unknownPathIs404NamingTheServedPaths() throws Exception {
        HttpResponse<String> response = get(server(), "/nope");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("/nope") && response.body().contains("/hello"), response.body());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        RpcServer server = server();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();

        assertEquals(405, http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void failingEndpointIs500WithTheReason() throws Exception {
        HttpResponse<String> response = get(server(), "/broken");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("status source gone"), response.body());
    }

    @Test
    void http10RequestIsAnsweredAndClosed() throws IOException {
        RpcServer server = server();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // sent in two pieces: the protocol is decided only once four bytes have arrived
            out.write("GE".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write("T /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // ends when the server closes
            assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
            assertTrue(answer.endsWith("hello []"), answer);
        }
    }

    /** An endpoint for a path prefix that accepts writes: echoes method, path, a header and the body. */
    private static final class EchoWrites implements HttpEndpoint {
        @Override
        public HttpReply handle(HttpQuery q) {
            return HttpReply.text(200, q.method() + " " + q.path() + " " + q.headers().getOrDefault("x-test", "-") + " "
                    + q.bodyText());
        }

        @Override
        public boolean acceptsWrites() {
            return true;
        }
    }

    @Test
    void prefixEndpointGetsMethodPathHeadersAndBody() throws Exception {
        RpcServer server = server();
        server.http("/api/*", new EchoWrites());
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/tasks/t1");
        HttpRequest put = HttpRequest.newBuilder(uri).header("X-Test", "yes")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build();
        HttpRequest delete = HttpRequest.newBuilder(uri).DELETE().build();

        assertEquals("PUT /api/v1/tasks/t1 yes {\"a\":1}", http.send(put, HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("DELETE /api/v1/tasks/t1 - ", http.send(delete, HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("GET /api - ", get(server, "/api").body());
        assertEquals(404, get(server, "/apiv1").statusCode()); // a prefix matches whole path segments only
        assertEquals("hello []", get(server, "/hello").body()); // exact paths are unaffected
    }

    @Test
    void exactPathWinsOverPrefixAndLongerPrefixOverShorter() {
        HttpRoutes routes = new HttpRoutes();
        HttpEndpoint all = q -> HttpReply.text(200, "all");
        HttpEndpoint api = q -> HttpReply.text(200, "api");
        HttpEndpoint exact = q -> HttpReply.text(200, "exact");
        routes.register("/*", all);
        routes.register("/api/*", api);
        routes.register("/api/docs", exact);

        assertEquals(exact, routes.find("/api/docs"));
        assertEquals(api, routes.find("/api/docs/x"));
        assertEquals(all, routes.find("/other"));
        assertEquals(List.of("/*", "/api/*", "/api/docs"), routes.paths());
    }
}
