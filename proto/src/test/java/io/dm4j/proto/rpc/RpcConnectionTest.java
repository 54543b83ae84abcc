package io.dm4j.proto.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.dm4j.proto.rpc.RpcTestKit.ECHO;
import static io.dm4j.proto.rpc.RpcTestKit.SHORT;
import static io.dm4j.proto.rpc.RpcTestKit.clientFor;
import static io.dm4j.proto.rpc.RpcTestKit.eventually;
import static io.dm4j.proto.rpc.RpcTestKit.failure;
import static io.dm4j.proto.rpc.RpcTestKit.localServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection life: reconnects, lost connections, several addresses, keepalive, and raw protocol violations. */
class RpcConnectionTest {
    private final RpcTestKit kit = new RpcTestKit();

    @AfterEach
    void closeAll() throws Exception {
        kit.closeAll();
    }

    /** Records listener events as strings. */
    static final class Events implements RpcConnectionListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void connected(InetSocketAddress peer) {
            seen.add("up " + peer.getPort());
        }

        @Override
        public void disconnected(InetSocketAddress peer, String reason) {
            seen.add("down " + peer.getPort() + " " + reason);
        }
    }

    @Test
    void serverRestartClientReconnectsAndLaterCallsSucceed() throws Exception {
        RpcServer first = kit.echoServer(localServer());
        int port = first.port();
        RpcClient client = kit.client(clientFor(first));
        Events events = new Events();
        client.addListener(events);
        assertEquals("before", client.callBlocking(ECHO, new Echo("before", 0), SHORT).text());

        first.close();
        eventually("the client noticed the restart", () -> !client.isConnected());
        // while nothing listens, calls fail fast instead of waiting for their timeout
        DmException down = failure(client.call(ECHO, new Echo("during", 0), Duration.ofSeconds(30)),
                RpcErrors.UNAVAILABLE);
        assertTrue(down.detail().contains("127.0.0.1:" + port), down.detail());

        kit.echoServer(RpcServerConfig.of("127.0.0.1", port));
        assertTrue(client.awaitConnected(SHORT));
        assertEquals("after", client.callBlocking(ECHO, new Echo("after", 0), SHORT).text());
        // a "down" for the old server, then an "up" for the new one (an initial "up" may precede them)
        eventually("down then up events: " + events.seen, () -> {
            List<String> seen = List.copyOf(events.seen);
            int firstDown = -1;
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).startsWith("down " + port + " ")) {
                    firstDown = i;
                    break;
                }
            }
            return firstDown >= 0 && seen.subList(firstDown + 1, seen.size()).contains("up " + port);
        });
    }

    @Test
    void callsInFlightFailFastWhenTheConnectionDrops() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RpcClient client = kit.client(RpcClientConfig.of("127.0.0.1:" + fake.getLocalPort())
                    .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200)));
            CompletableFuture<RpcTestKit.EchoReply> call = client.call(ECHO, new Echo("x", 0), Duration.ofSeconds(30));
            try (Socket peer = fake.accept()) {
                peer.setSoTimeout(5000);
                JsonNode request = readFrame(new DataInputStream(peer.getInputStream()));
                assertEquals("Echo", request.get("method").asText());
            } // dropped without an answer

            DmException lost = failure(call, RpcErrors.CONNECTION_LOST);
            assertTrue(lost.detail().contains("Echo"), lost.detail());
            assertTrue(lost.retryable());
        }
    }

    @Test
    void addressesAreTriedInOrder() throws Exception {
        RpcServer server = kit.echoServer(localServer());
        int deadPort = freePort();
        RpcClient client = kit.client(RpcClientConfig.of("127.0.0.1:" + deadPort + ", 127.0.0.1:" + server.port()));

        assertEquals("hi", client.callBlocking(ECHO, new Echo("hi", 0), SHORT).text());
        assertEquals(server.port(), client.connectedAddress().orElseThrow().getPort());
    }

    @Test
    void nothingListeningIsUnavailableNamingTheAddresses() throws Exception {
        int a = freePort();
        int b = freePort();
        RpcClient client = kit.client(RpcClientConfig.of("127.0.0.1:" + a + ",127.0.0.1:" + b));

        DmException e = failure(client.call(ECHO, new Echo("x", 0), Duration.ofSeconds(30)), RpcErrors.UNAVAILABLE);

        assertTrue(e.detail().startsWith("cannot send call Echo: no connection to any of 127.0.0.1:" + a
                + ",127.0.0.1:" + b + " (last error: 127.0.0.1:" + b + ": "), e.detail());
        assertFalse(client.isConnected());
    }

    @Test
    void keepaliveClosesAPeerThatNeverAnswers() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RpcClient client = kit.client(RpcClientConfig.of("127.0.0.1:" + fake.getLocalPort())
                    .withKeepalive(new KeepaliveConfig(Duration.ofMillis(100), 3))
                    .withReconnectDelays(Duration.ofSeconds(5), Duration.ofSeconds(5)));
            Events events = new Events();
            client.addListener(events);
            try (Socket silent = fake.accept()) {
                silent.setSoTimeout(5000);
                assertTrue(client.awaitConnected(SHORT));
                CompletableFuture<RpcTestKit.EchoReply> call = client.call(ECHO, new Echo("x", 0), Duration.ofSeconds(30));

                DmException lost = failure(call, RpcErrors.CONNECTION_LOST);

                assertTrue(lost.detail().contains("peer silent for 300 ms"), lost.detail());
                // The listener may be added after the first "up" was delivered, so look for the event, not an index.
                eventually("the listener heard of the keepalive close: " + events.seen,
                        () -> events.seen.stream().anyMatch(e -> e.startsWith("down ") && e.contains("keepalive")));
                // the client pinged before giving up
                JsonNode first = readFrame(new DataInputStream(silent.getInputStream()));
                assertEquals("request", first.get("kind").asText());
                JsonNode ping = readFrame(new DataInputStream(silent.getInputStream()));
                assertEquals("ping", ping.get("kind").asText());
            }
        }
    }

    @Test
    void serverClosesAClientThatStaysSilent() throws Exception {
        RpcServer server = kit.echoServer(localServer().withKeepalive(new KeepaliveConfig(Duration.ofMillis(100), 3)));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            silent.setSoTimeout(5000);
            assertEquals(-1, silent.getInputStream().read(), "the server should close the silent connection");
        }
    }

    @Test
    void serverAnswersPingWithPong() throws Exception {
        RpcServer server = kit.echoServer(localServer());
        try (Socket raw = rawSocket(server)) {
            writeFrame(raw, "{\"v\":1,\"id\":42,\"kind\":\"ping\"}");
            JsonNode pong = readFrame(new DataInputStream(raw.getInputStream()));
            assertEquals("pong", pong.get("kind").asText());
            assertEquals(42, pong.get("id").asLong());
        }
    }

    @Test
    void unknownEnvelopeVersionGetsAnErrorResponseAndTheConnectionSurvives() throws Exception {
        RpcServer server = kit.echoServer(localServer());
        try (Socket raw = rawSocket(server)) {
            DataInputStream in = new DataInputStream(raw.getInputStream());
            writeFrame(raw, "{\"v\":2,\"id\":7,\"kind\":\"request\",\"method\":\"Echo\",\"payload\":{\"text\":\"x\"}}");
            JsonNode answer = readFrame(in);
            assertEquals(7, answer.get("id").asLong());
            assertEquals(RpcErrors.UNSUPPORTED_VERSION.code(), answer.get("error").get("code").asInt());
            assertEquals("envelope version 2 is not supported; this process speaks version 1",
                    answer.get("error").get("message").asText());

            writeFrame(raw, "{\"v\":1,\"id\":8,\"kind\":\"request\",\"method\":\"Echo\",\"payload\":{\"text\":");
            JsonNode malformed = readFrame(in);
            assertEquals(8, malformed.get("id").asLong());
            assertEquals(RpcErrors.MALFORMED_MESSAGE.code(), malformed.get("error").get("code").asInt());

            writeFrame(raw, "{\"v\":1,\"id\":9,\"kind\":\"gossip\"}");
            JsonNode badKind = readFrame(in);
            assertEquals(9, badKind.get("id").asLong());
            assertEquals(RpcErrors.MALFORMED_MESSAGE.code(), badKind.get("error").get("code").asInt());

            writeFrame(raw, "{\"v\":1,\"id\":10,\"kind\":\"request\",\"method\":\"Echo\","
                    + "\"payload\":{\"text\":\"still here\",\"delayMs\":0,\"addedInV3\":true},\"futureField\":1}");
            JsonNode ok = readFrame(in);
            assertEquals(10, ok.get("id").asLong());
            assertEquals("response", ok.get("kind").asText());
            assertEquals("still here", ok.get("payload").get("text").asText());
        }
    }

    @Test
    void clientAnswersServerPings() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RpcClient client = kit.client(RpcClientConfig.of("127.0.0.1:" + fake.getLocalPort()));
            try (Socket peer = fake.accept()) {
                peer.setSoTimeout(5000);
                assertTrue(client.awaitConnected(SHORT));
                writeFrame(peer, "{\"v\":1,\"id\":5,\"kind\":\"ping\"}");
                JsonNode pong = readFrame(new DataInputStream(peer.getInputStream()));
                assertEquals("pong", pong.get("kind").asText());
                assertEquals(5, pong.get("id").asLong());
            }
        }
    }

    private static Socket rawSocket(RpcServer server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(5000);
        return s;
    }

    static void writeFrame(Socket s, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    static JsonNode readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return ProtoJson.mapper().readTree(body);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
