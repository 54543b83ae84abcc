package io.dm4j.proto.rpc;

import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClass;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.ErrorLevel;
import io.dm4j.common.errors.ErrorScope;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import io.dm4j.proto.rpc.RpcTestKit.EchoReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.dm4j.proto.rpc.RpcTestKit.ECHO;
import static io.dm4j.proto.rpc.RpcTestKit.SHORT;
import static io.dm4j.proto.rpc.RpcTestKit.clientFor;
import static io.dm4j.proto.rpc.RpcTestKit.failure;
import static io.dm4j.proto.rpc.RpcTestKit.localServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls over a real loopback connection: results, correlation, deadlines and every kind of error. */
class RpcCallTest {
    private final RpcTestKit kit = new RpcTestKit();

    @AfterEach
    void closeAll() throws Exception {
        kit.closeAll();
    }

    @Test
    void roundTripReturnsTheHandlersRecord() {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = kit.client(clientFor(server));

        EchoReply reply = client.callBlocking(ECHO, new Echo("hello ☃", 0), SHORT);

        assertEquals("hello ☃", reply.text());
        assertTrue(reply.callId() > 0);
        assertEquals(List.of("Echo"), server.methods());
    }

    @Test
    void stringMethodFormAndCommonResponse() {
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("OperateThing", Echo.class, CommonResponse.class,
                (request, call) -> request.text().isEmpty() ? CommonResponse.failed("empty") : CommonResponse.ok());
        server.start();
        RpcClient client = kit.client(clientFor(server));

        assertEquals(CommonResponse.ok(), client.callBlocking("OperateThing", new Echo("x", 0), CommonResponse.class, SHORT));
        assertEquals(new CommonResponse(false, "empty"),
                client.callBlocking("OperateThing", new Echo("", 0), CommonResponse.class, SHORT));
    }

    @Test
    void nullRequestAndNullResponseTravel() {
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Nothing", Echo.class, Void.class, (request, call) -> {
            assertNull(request);
            return null;
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        assertNull(client.callBlocking("Nothing", null, Void.class, SHORT));
    }

    @Test
    void thousandConcurrentCallsFromEightThreadsAreCorrelated() throws Exception {
        RpcServer server = kit.echoServer(localServer().withThreads(2, 16, 2048));
        RpcClient client = kit.client(clientFor(server));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(callers.submit(() -> {
                    Map<String, CompletableFuture<EchoReply>> calls = new ConcurrentHashMap<>();
                    for (int i = 0; i < 125; i++) {
                        String text = "t" + thread + "-" + i;
                        calls.put(text, client.call(ECHO, new Echo(text, ThreadLocalRandom.current().nextInt(3)),
                                Duration.ofSeconds(20)));
                    }
                    for (Map.Entry<String, CompletableFuture<EchoReply>> c : calls.entrySet()) {
                        assertEquals(c.getKey(), c.getValue().get(30, TimeUnit.SECONDS).text());
                    }
                    return calls.size();
                }));
            }
            int total = 0;
            for (Future<Integer> f : threads) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(1000, total);
        } finally {
            callers.shutdownNow();
            assertTrue(callers.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void callPastItsDeadlineFailsWithTimeoutAndItsLateResponseIsDropped() throws Exception {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = kit.client(clientFor(server));

        CompletableFuture<EchoReply> slow = client.call(ECHO, new Echo("slow", 400), Duration.ofMillis(100));
        DmException timeout = failure(slow, RpcErrors.TIMEOUT);
        assertTrue(timeout.detail().contains("Echo") && timeout.detail().contains("100 ms"), timeout.detail());
        assertTrue(timeout.retryable());

        // the late response arrives on the same connection and must not disturb the next calls
        Thread.sleep(500);
        assertEquals("after", client.callBlocking(ECHO, new Echo("after", 0), SHORT).text());
        assertTrue(client.isConnected());
    }

    @Test
    void handlerDmExceptionArrivesWithEveryField() {
        // a code no catalogue registers: rebuilt from the transported fields
        ErrorCode custom = new ErrorCode(36999, "ErrTestSyncThing", ErrorClass.SYNC_UNIT, ErrorScope.DOWNSTREAM,
                ErrorLevel.LOW, "table %s is broken", "Repair table %s and resume.", true);
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Fail", Echo.class, EchoReply.class, (request, call) -> {
            throw custom.wrap(new SQLException("Duplicate entry '1' for key 'PRIMARY'"), "`db`.`t`")
                    .withWorkaround("Fix `db`.`t` by hand.");
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        DmException e = assertThrows(DmException.class,
                () -> client.callBlocking("Fail", new Echo("", 0), EchoReply.class, SHORT));

        assertEquals(36999, e.code().code());
        assertEquals("ErrTestSyncThing", e.code().name());
        assertEquals(ErrorClass.SYNC_UNIT, e.code().errorClass());
        assertEquals(ErrorScope.DOWNSTREAM, e.code().scope());
        assertEquals(ErrorLevel.LOW, e.code().level());
        assertEquals("table `db`.`t` is broken", e.detail());
        assertEquals("Duplicate entry '1' for key 'PRIMARY'", e.rawCause());
        assertEquals("Fix `db`.`t` by hand.", e.workaround());
        assertTrue(e.retryable());
        assertEquals("[code=36999:class=sync-unit:scope=downstream:level=low], Message: table `db`.`t` is broken,"
                + " RawCause: Duplicate entry '1' for key 'PRIMARY', Workaround: Fix `db`.`t` by hand.", e.getMessage());
    }

    @Test
    void registeredCodeComesBackAsTheSameConstant() {
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Fail", Echo.class, EchoReply.class, (request, call) -> {
            throw RpcErrors.INVALID_ADDRESS.error("x", "because");
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        DmException e = assertThrows(DmException.class,
                () -> client.callBlocking("Fail", new Echo("", 0), EchoReply.class, SHORT));

        assertSame(RpcErrors.INVALID_ADDRESS, e.code());
        assertEquals("invalid address x: because", e.detail());
        assertEquals(RpcErrors.INVALID_ADDRESS.workaround(), e.workaround());
    }

    @Test
    void otherHandlerExceptionsArriveAsUnknown() {
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Boom", Echo.class, EchoReply.class, (request, call) -> {
            throw new IllegalStateException("state is bad");
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        DmException e = assertThrows(DmException.class,
                () -> client.callBlocking("Boom", new Echo("", 0), EchoReply.class, SHORT));

        assertSame(CommonErrors.UNKNOWN, e.code());
        assertEquals("state is bad", e.detail());
        assertEquals("state is bad", e.rawCause());
    }

    @Test
    void unknownMethodNamesItAndTheKnownOnes() {
        RpcServer server = kit.echoServer(localServer());
        server.register("Other", Echo.class, EchoReply.class, (request, call) -> null);
        RpcClient client = kit.client(clientFor(server));

        DmException e = failure(client.call("StartTask", new Echo("", 0), EchoReply.class, SHORT),
                RpcErrors.UNKNOWN_METHOD);

        assertEquals("method StartTask is not served here; known methods: Echo, Other", e.detail());
        assertFalse(e.retryable());
    }

    @Test
    void requestThatDoesNotFitTheTypeIsABadPayload() {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = kit.client(clientFor(server));

        DmException e = failure(client.call("Echo", Map.of("delayMs", "soon"), EchoReply.class, SHORT),
                RpcErrors.BAD_PAYLOAD);

        assertTrue(e.detail().startsWith("the request of method Echo cannot be read as "), e.detail());
    }

    @Test
    void oversizeRequestFailsBeforeSendingAndTheConnectionStaysUsable() {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = kit.client(clientFor(server).withMaxFrameBytes(1024));

        DmException e = failure(client.call(ECHO, new Echo("x".repeat(2000), 0), SHORT), RpcErrors.FRAME_TOO_LARGE);

        assertTrue(e.detail().startsWith("request Echo of 20"), e.detail());
        assertTrue(e.detail().endsWith("exceeds the maximum frame size of 1024 bytes"), e.detail());
        assertEquals("ok", client.callBlocking(ECHO, new Echo("ok", 0), SHORT).text());
    }

    @Test
    void oversizeFrameReceivedByTheServerFailsThatCallOnly() {
        RpcServer server = kit.echoServer(localServer().withMaxFrameBytes(1024));
        RpcClient client = kit.client(clientFor(server));

        DmException e = failure(client.call(ECHO, new Echo("x".repeat(5000), 0), SHORT), RpcErrors.FRAME_TOO_LARGE);

        assertTrue(e.detail().startsWith("received message of 50"), e.detail());
        assertEquals("ok", client.callBlocking(ECHO, new Echo("ok", 0), SHORT).text());
    }

    @Test
    void oversizeResponseReceivedByTheClientFailsThatCallOnly() {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = kit.client(clientFor(server).withMaxFrameBytes(1024));
        server.register("Big", Echo.class, EchoReply.class, (request, call) -> new EchoReply("y".repeat(4000), 0));

        failure(client.call("Big", new Echo("", 0), EchoReply.class, SHORT), RpcErrors.FRAME_TOO_LARGE);

        assertEquals("ok", client.callBlocking(ECHO, new Echo("ok", 0), SHORT).text());
    }

    @Test
    void fullHandlerQueueAnswersServerBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        RpcServer server = kit.track(new RpcServer(localServer().withThreads(1, 1, 1)));
        server.register("Block", Echo.class, EchoReply.class, (request, call) -> {
            started.countDown();
            release.await(5, TimeUnit.SECONDS);
            return new EchoReply("done", call.id());
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        CompletableFuture<EchoReply> running = client.call("Block", new Echo("", 0), EchoReply.class, SHORT);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        CompletableFuture<EchoReply> queued = client.call("Block", new Echo("", 0), EchoReply.class, SHORT);
        // same connection, so the server reads the third call after the second has taken the only queue slot
        DmException busy = failure(client.call("Block", new Echo("", 0), EchoReply.class, SHORT),
                RpcErrors.SERVER_BUSY);
        release.countDown();

        assertTrue(busy.retryable());
        assertEquals("done", running.get(5, TimeUnit.SECONDS).text());
        assertEquals("done", queued.get(5, TimeUnit.SECONDS).text());
    }

    @Test
    void handlerSeesTheCallersDeadline() {
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Remaining", Echo.class, Long.class, (request, call) -> call.remaining().toMillis());
        server.start();
        RpcClient client = kit.client(clientFor(server));

        long remaining = client.callBlocking("Remaining", new Echo("", 0), Long.class, Duration.ofSeconds(3));

        assertTrue(remaining > 0 && remaining <= 3000, "remaining " + remaining);
    }

    @Test
    void closeLetsRunningHandlersAnswer() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        RpcServer server = kit.track(new RpcServer(localServer()));
        server.register("Slow", Echo.class, EchoReply.class, (request, call) -> {
            started.countDown();
            Thread.sleep(300);
            return new EchoReply("finished", call.id());
        });
        server.start();
        RpcClient client = kit.client(clientFor(server));

        CompletableFuture<EchoReply> slow = client.call("Slow", new Echo("", 0), EchoReply.class, SHORT);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        server.close();

        assertEquals("finished", slow.get(5, TimeUnit.SECONDS).text());
    }

    @Test
    void closedClientRefusesCalls() throws Exception {
        RpcServer server = kit.echoServer(localServer());
        RpcClient client = RpcClient.connect(clientFor(server));
        assertTrue(client.awaitConnected(SHORT));
        client.close();

        failure(client.call(ECHO, new Echo("late", 0), SHORT), RpcErrors.CLIENT_CLOSED);
        RpcTestKit.assertNoThreadsLeft(RpcThreads.PREFIX + "client-");
    }

    @Test
    void bindingABusyPortIsATypedError() {
        RpcServer first = kit.echoServer(localServer());
        RpcServer second = new RpcServer(RpcServerConfig.of("127.0.0.1", first.port()));

        DmException e = assertThrows(DmException.class, second::start);

        assertSame(RpcErrors.BIND, e.code());
        assertTrue(e.detail().startsWith("cannot listen on 127.0.0.1:" + first.port()), e.detail());
        second.close();
    }

    @Test
    void duplicateRegistrationIsRefused() {
        RpcServer server = kit.echoServer(localServer());
        assertThrows(IllegalStateException.class,
                () -> server.register(ECHO, (request, call) -> new EchoReply("again", 0)));
    }
}
