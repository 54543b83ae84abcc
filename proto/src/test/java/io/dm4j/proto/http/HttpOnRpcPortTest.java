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
}
