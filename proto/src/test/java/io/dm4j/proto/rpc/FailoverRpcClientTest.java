package io.dm4j.proto.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import io.dm4j.proto.rpc.RpcTestKit.EchoReply;
import io.dm4j.proto.wire.ErrorCodeRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls through a list of masters: dead or leaderless ones are skipped, real answers and errors come back as they are. */
class FailoverRpcClientTest {
    private final RpcTestKit kit = new RpcTestKit();

    static {
        ErrorCodeRegistry.register(HaErrors.class);
    }

    @AfterEach
    void cleanUp() throws Exception {
        kit.closeAll();
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private RpcServer failingServer(DmException error) {
        RpcServer server = kit.track(new RpcServer(RpcTestKit.localServer()));
        server.register(RpcTestKit.ECHO, (request, call) -> {
            throw error;
        });
        return server.start();
    }

    private FailoverRpcClient client(String addresses) {
        return kit.track(new FailoverRpcClient(RpcClientConfig.of(addresses).withConnectTimeout(Duration.ofSeconds(2))
                .withReconnectDelays(Duration.ofMillis(20), Duration.ofMillis(200))));
    }

    @Test
    void aDeadAddressIsSkippedAndTheLiveOneStaysCurrent() throws Exception {
        RpcServer live = kit.echoServer(RpcTestKit.localServer());
        String liveAddr = "127.0.0.1:" + live.port();
        FailoverRpcClient c = client("127.0.0.1:" + closedPort() + "," + liveAddr);
        EchoReply r = c.callBlocking(RpcTestKit.ECHO, new Echo("hi", 0), Duration.ofSeconds(5), Duration.ofSeconds(20));
        assertEquals("hi", r.text());
        assertEquals(liveAddr, c.current());
    }

    @Test
    void aMasterWithoutLeaderIsSkipped() throws Exception {
        RpcServer noLeader = failingServer(HaErrors.NO_LEADER.error("m1", " (an election is running)"));
        RpcServer live = kit.echoServer(RpcTestKit.localServer());
        FailoverRpcClient c = client("127.0.0.1:" + noLeader.port() + ",127.0.0.1:" + live.port());
        assertEquals("x", c.callBlocking(RpcTestKit.ECHO, new Echo("x", 0), Duration.ofSeconds(5), Duration.ofSeconds(20)).text());
    }

    @Test
    void anAnswerThatIsAnErrorIsReturnedWithoutTryingOthers() throws Exception {
        RpcServer refusing = failingServer(RpcErrors.INVALID_OPTION.error("x", "y", "z"));
        RpcServer live = kit.echoServer(RpcTestKit.localServer());
        FailoverRpcClient c = client("127.0.0.1:" + refusing.port() + ",127.0.0.1:" + live.port());
        DmException e = assertThrows(DmException.class,
                () -> c.callBlocking(RpcTestKit.ECHO, new Echo("x", 0), Duration.ofSeconds(5), Duration.ofSeconds(20)));
        assertEquals(RpcErrors.INVALID_OPTION.code(), e.code().code());
        assertEquals("127.0.0.1:" + refusing.port(), c.current());
    }

    @Test
    void noneReachableFailsWithTheLastReason() throws Exception {
        FailoverRpcClient c = client("127.0.0.1:" + closedPort() + ",127.0.0.1:" + closedPort());
        long t0 = System.nanoTime();
        DmException e = assertThrows(DmException.class,
                () -> c.callBlocking(RpcTestKit.ECHO, new Echo("x", 0), Duration.ofSeconds(5), Duration.ofSeconds(60)));
        assertEquals(true, FailoverRpcClient.movesOn(e), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos(), "gave up after one round, not at the deadline");
    }
}
