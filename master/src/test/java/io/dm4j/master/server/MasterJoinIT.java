package io.dm4j.master.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.ListMemberResponse.MasterInfo;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateLeaderRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.rpc.FailoverRpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcMethod;
import io.dm4j.proto.wire.ErrorCodeRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters in one JVM: a second master joins a running one with {@code --join}, requests to either are served
 * (the follower forwards), and {@code operate-leader evict} moves the leadership.
 */
class MasterJoinIT {
    static {
        ErrorCodeRegistry.register(HaErrors.class);
    }

    @TempDir
    Path dir;

    final List<MasterServer> masters = new ArrayList<>();
    final MasterServerTest.Probe probe = new MasterServerTest.Probe();

    @AfterEach
    void stop() {
        masters.forEach(MasterServer::close);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    MasterServer start(Map<String, String> flags) {
        MasterServer m = MasterServer.start(MasterConfig.parse("", "(test)", flags), "", MasterServerTest.FAST, probe);
        masters.add(m);
        return m;
    }

    static void await(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    static <Q, R> R call(String addrs, RpcMethod<Q, R> m, Q req) {
        try (FailoverRpcClient c = new FailoverRpcClient(RpcClientConfig.of(addrs))) {
            return c.callBlocking(m, req, Duration.ofSeconds(20), Duration.ofSeconds(30));
        }
    }

    static List<MasterInfo> masterList(String addr) {
        ListMemberResponse r = call(addr, MasterMethods.LIST_MEMBER, new ListMemberRequest(false, true, false, List.of()));
        return r.members().get(0).master().masters();
    }

    static String leader(String addr) {
        return call(addr, MasterMethods.LIST_MEMBER, new ListMemberRequest(true, false, false, List.of())).members().get(0).leader().name();
    }

    @Test
    void aSecondMasterJoinsServesRequestsAndTakesOverOnEvict() throws Exception {
        int p1 = freePort();
        int p2 = freePort();
        String a1 = "127.0.0.1:" + p1;
        String a2 = "127.0.0.1:" + p2;
        start(Map.of("name", "m1", "master-addr", a1, "data-dir", dir.resolve("m1").toString(),
                "peer-urls", "http://127.0.0.1:" + freePort()));
        await("m1 leads", () -> "m1".equals(leader(a1)));
        start(Map.of("name", "m2", "master-addr", a2, "data-dir", dir.resolve("m2").toString(),
                "peer-urls", "http://127.0.0.1:" + freePort(), "join", a1));
        await("two masters, both alive", () -> {
            List<MasterInfo> ms = masterList(a1);
            return ms.size() == 2 && ms.stream().allMatch(MasterInfo::alive) && ms.stream().allMatch(m -> !m.clientURLs().isEmpty());
        });
        assertEquals(List.of("http://" + a2), masterList(a2).stream().filter(m -> m.name().equals("m2")).findFirst().orElseThrow().clientURLs());

        // a change through the follower is forwarded to the leader and replicated
        var created = call(a2, MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("create",
                List.of(MasterServerTest.source("s1", 3307)), List.of("s1.yaml"), List.of(), ""));
        assertTrue(created.result(), created.toString());
        await("the source on both", () -> masters.stream().allMatch(m -> m.state().sources().containsKey("s1")));

        CommonResponse evicted = call(a2, MasterMethods.OPERATE_LEADER, new OperateLeaderRequest("evict"));
        assertTrue(evicted.result(), evicted.msg());
        await("m2 leads", () -> "m2".equals(leader(a1)));
        assertNotEquals("m1", leader(a2));
        assertTrue(call(a1, MasterMethods.OPERATE_LEADER, new OperateLeaderRequest("cancel-evict")).result());
    }
}
