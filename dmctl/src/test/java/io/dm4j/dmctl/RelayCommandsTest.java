package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** start-relay, stop-relay, pause-relay, resume-relay and purge-relay against a stand-in master: arguments and requests. */
class RelayCommandsTest {
    RpcServer master;
    final AtomicReference<Object> lastRequest = new AtomicReference<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void startMaster() {
        master = new RpcServer(RpcServerConfig.of("127.0.0.1", 0))
                .register(MasterMethods.OPERATE_RELAY, (r, c) -> {
                    lastRequest.set(r);
                    return new OperateTaskResponse(r.op(), true, "", List.of(SourceResult.ok(r.sources().get(0), "w1")));
                })
                .register(MasterMethods.PURGE_RELAY, (r, c) -> {
                    lastRequest.set(r);
                    return new SourcesResponse(false, "", List.of(SourceResult.failed(r.source(), "w1", "needed by subtask t1")));
                })
                .start();
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    int run(String... args) {
        out.reset();
        lastRequest.set(null);
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = "127.0.0.1:" + master.port();
        System.arraycopy(args, 0, all, 2, args.length);
        return DmctlMain.newCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8)).execute(all);
    }

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stageCommandsSendDmsRelayOpWithSourcesAndWorkers() {
        assertEquals(0, run("start-relay", "-s", "s1"));
        OperateRelayRequest r = (OperateRelayRequest) lastRequest.get();
        assertEquals("StartRelay", r.op());
        assertEquals(List.of("s1"), r.sources());
        assertEquals(List.of(), r.workers());
        assertTrue(text().contains("\"op\": \"StartRelay\""), text());

        assertEquals(0, run("stop-relay", "-s", "s1", "w1", "w2"));
        r = (OperateRelayRequest) lastRequest.get();
        assertEquals("StopRelay", r.op());
        assertEquals(List.of("w1", "w2"), r.workers());

        assertEquals(0, run("pause-relay", "-s", "s1", "-s", "s2"));
        r = (OperateRelayRequest) lastRequest.get();
        assertEquals("PauseRelay", r.op());
        assertEquals(List.of("s1", "s2"), r.sources());

        assertEquals(0, run("resume-relay", "--source", "s2"));
        assertEquals("ResumeRelay", ((OperateRelayRequest) lastRequest.get()).op());
    }

    @Test
    void stageCommandsNeedASourceAndOneSourceWithWorkerNames() {
        assertEquals(1, run("start-relay"));
        assertNull(lastRequest.get());
        assertTrue(text().contains("must specify at least one source"), text());
        assertTrue(text().contains("48003"), text());

        assertEquals(1, run("start-relay", "-s", "s1", "-s", "s2", "w1"));
        assertNull(lastRequest.get());
        assertTrue(text().contains("exactly one source"), text());

        // pause-relay and resume-relay take no worker names
        assertEquals(2, run("pause-relay", "-s", "s1", "w1"));
        assertNull(lastRequest.get());
    }

    @Test
    void purgeRelaySendsFileAndSubDirAndPrintsTheWorkersAnswer() {
        assertEquals(1, run("purge-relay", "-s", "s1", "--filename", "mysql-bin.000006", "--sub-dir", "uuid-1.000002"));
        PurgeRelayRequest r = (PurgeRelayRequest) lastRequest.get();
        assertEquals(new PurgeRelayRequest("s1", "mysql-bin.000006", "uuid-1.000002"), r);
        assertTrue(text().contains("needed by subtask t1"), text());

        assertEquals(1, run("purge-relay", "-s", "s1", "-f", "mysql-bin.000002"));
        assertEquals(new PurgeRelayRequest("s1", "mysql-bin.000002", ""), lastRequest.get());
    }

    @Test
    void purgeRelayChecksItsArguments() {
        assertEquals(1, run("purge-relay", "--filename", "mysql-bin.000006"));
        assertTrue(text().contains("exactly one source"), text());
        assertEquals(1, run("purge-relay", "-s", "s1"));
        assertTrue(text().contains("--filename"), text());
        assertEquals(1, run("purge-relay", "-s", "s1", "-f", "../x/mysql-bin.000001"));
        assertTrue(text().contains("not paths"), text());
        assertNull(lastRequest.get());
    }
}
