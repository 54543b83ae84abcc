package io.dm4j.worker.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.WorkerConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.message.QueryWorkerStatusRequest;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.rpc.RpcCall;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker takes control calls only from its master's address, on every connection. */
class MasterOnlyCallsTest {
    static RpcCall from(String ip) {
        return new RpcCall("BindSource", 1, new InetSocketAddress(ip, 40000), null, Long.MAX_VALUE);
    }

    @Test
    void onlyTheJoinAddressMayCall() {
        MasterOnlyCalls remoteMaster = new MasterOnlyCalls(List.of("192.0.2.10:8261"));
        assertDoesNotThrow(() -> remoteMaster.check(from("192.0.2.10")));
        DmException e = assertThrows(DmException.class, () -> remoteMaster.check(from("127.0.0.1")));
        assertEquals(WorkerErrors.CALLER_NOT_MASTER, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("192.0.2.10:8261"), e.getMessage());
        assertThrows(DmException.class, () -> remoteMaster.check(from("192.0.2.11")));
    }

    @Test
    void aMasterOnThisHostMayCallFromAnyLocalAddressButNotFromElsewhere() {
        MasterOnlyCalls localMaster = new MasterOnlyCalls(List.of("127.0.0.1:8261"));
        assertDoesNotThrow(() -> localMaster.check(from("127.0.0.1")));
        assertThrows(DmException.class, () -> localMaster.check(from("192.0.2.99")));
    }

    @Test
    void aRunningWorkerRefusesCallsFromAnotherAddressThanItsMaster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the master is elsewhere (unreachable TEST-NET address); this test calls from 127.0.0.1
        WorkerConfig cfg = WorkerConfig.parse("", "(test)", Map.of("name", "w-guard", "worker-addr", "127.0.0.1:" + port,
                "join", "192.0.2.10:8261"));
        try (WorkerServer server = WorkerServer.start(cfg, new DefaultUnitFactory());
             RpcClient stranger = RpcClient.connect("127.0.0.1:" + port)) {
            DmException e = assertThrows(DmException.class, () -> stranger.callBlocking(WorkerMethods.QUERY_WORKER_STATUS,
                    new QueryWorkerStatusRequest("w-guard"), Duration.ofSeconds(20)));
            assertEquals(WorkerErrors.CALLER_NOT_MASTER.code(), e.code().code(), e.getMessage());
        }
    }
}
