package io.dm4j.master.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.DbConfig;
import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.CheckTaskRequest;
import io.dm4j.proto.message.GetConfigRequest;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.RegisterWorkerRequest;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.SubTaskSpec;
import io.dm4j.proto.message.TransferSourceRequest;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcMethod;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dm-master in-process with stand-in workers and databases: every operation, its errors, and a restart. */
class MasterServerTest {
    static final MasterServer.Timing FAST = new MasterServer.Timing(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1), 3);

    @TempDir
    Path dataDir;

    /** Databases that answer, except the addresses listed as down. */
    static final class Probe extends DbProbe {
        final Set<Integer> downPorts = ConcurrentHashMap.newKeySet();

        Probe() {
            super(Duration.ofSeconds(1));
        }

        @Override
        public void check(DbConfig db, String section) throws SQLException {
            if (downPorts.contains(db.port())) {
                throw new SQLException("Connection refused");
            }
        }

        @Override
        public java.sql.Connection connect(DbConfig db, String section) throws SQLException {
            throw new SQLException("no database in this test");
        }

        @Override
        public io.dm4j.master.check.TaskPrecheck precheck() {
            return io.dm4j.master.check.TaskPrecheck.none();
        }
    }

    final Probe probe = new Probe();
    MasterServer master;
    RpcClient ctl;
    int port;
    final List<FakeWorker> workers = new java.util.ArrayList<>();

    static String source(String id, int port) {
        return "source-id: " + id + "\nfrom:\n  host: 127.0.0.1\n  port: " + port + "\n  user: dm\n  password: dm\n";
    }

    static String task(String name, int downPort, String... sources) {
        StringBuilder sb = new StringBuilder("name: " + name + "\ntask-mode: all\ntarget-database:\n  host: 127.0.0.1\n  port: "
                + downPort + "\n  user: dm\n  password: dm\nmysql-instances:\n");
        for (String s : sources) {
            sb.append("  - source-id: ").append(s).append('\n');
        }
        return sb.toString();
    }

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        startMaster();
        ctl = RpcClient.connect("127.0.0.1:" + port);
    }

    void startMaster() {
        MasterConfig cfg = MasterConfig.parse("", "(test)", Map.of("name", "m1", "master-addr", "127.0.0.1:" + port,
                "data-dir", dataDir.toString()));
        master = MasterServer.start(cfg, "", FAST, probe);
    }

    @AfterEach
    void stop() {
        workers.forEach(FakeWorker::close);
        ctl.close();
        master.close();
    }

    FakeWorker worker(String name) {
        FakeWorker w = new FakeWorker(name, port);
        workers.add(w);
        return w;
    }

    <Q, R> R call(RpcMethod<Q, R> m, Q req) {
        return ctl.callBlocking(m, req, Duration.ofSeconds(20));
    }

    <Q, R> void fails(ErrorCode code, RpcMethod<Q, R> m, Q req) {
        DmException e = assertThrows(DmException.class, () -> call(m, req));
        assertEquals(code.code(), e.code().code(), e.getMessage());
    }

    static void await(String what, BooleanSupplier c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    OperateSourceRequest create(String yaml) {
        return new OperateSourceRequest("create", List.of(yaml), List.of("s.yaml"), List.of(), "");
    }

    @Test
    void sourceAndTaskLifecycle() {
        FakeWorker w1 = worker("w1");
        var created = call(MasterMethods.OPERATE_SOURCE, create(source("s1", 3307)));
        assertEquals("w1", created.sources().get(0).worker());
        await("w1 got the source", () -> "s1".equals(w1.current.sourceId()));
        fails(MasterErrors.SOURCE_EXISTS, MasterMethods.OPERATE_SOURCE, create(source("s1", 3307)));

        assertTrue(call(MasterMethods.CHECK_TASK, new CheckTaskRequest(task("t1", 3308, "s1"), "t1.yaml", 10, 10, "")).result());
        OperateTaskResponse started = call(MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "s1"), "t1.yaml", List.of(), false,
                "2021-10-21 00:01:00"));
        assertTrue(started.result(), started.toString());
        // the first assignment carrying the subtask (a later re-push may already have cleared the one-off args)
        SubTaskSpec spec = w1.binds.stream().filter(b -> !b.subtasks().isEmpty()).findFirst().orElseThrow().subtasks().get(0);
        assertEquals("t1", spec.name());
        assertEquals(Stage.RUNNING, spec.stage());
        assertEquals("2021-10-21 00:01:00", spec.cliArgs().startTime());
        await("command-line args delivered once, then cleared", () -> w1.binds.stream()
                .anyMatch(b -> !b.subtasks().isEmpty() && b.subtasks().get(0).cliArgs().isEmpty()));
        fails(MasterErrors.TASK_EXISTS, MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "s1"), "t1.yaml", List.of(), false, ""));

        QueryStatusListResponse st = call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("t1", List.of(), false));
        assertEquals("w1", st.sources().get(0).sourceStatus().worker());
        assertEquals("Running", call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("", List.of(), false)).tasks().get(0).taskStatus());

        assertTrue(call(MasterMethods.OPERATE_TASK, new OperateTaskRequest("Pause", "t1", List.of())).result());
        assertEquals("Pause", w1.ops.get(w1.ops.size() - 1).op());
        assertEquals(Stage.PAUSED, w1.ops.get(w1.ops.size() - 1).subtask().stage());
        await("paused", () -> "Paused".equals(call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("", List.of(), false)).tasks().get(0).taskStatus()));
        assertTrue(call(MasterMethods.OPERATE_TASK, new OperateTaskRequest("Resume", "t1", List.of())).result());
        fails(MasterErrors.SOURCE_HAS_TASKS, MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("stop", List.of(), List.of(), List.of("s1"), ""));
        assertTrue(call(MasterMethods.OPERATE_TASK, new OperateTaskRequest("Stop", "t1", List.of())).result());
        assertTrue(w1.current.subtasks().isEmpty());
        fails(MasterErrors.TASK_NOT_FOUND, MasterMethods.QUERY_STATUS, new QueryStatusRequest("t1", List.of(), false));
        assertTrue(call(MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("stop", List.of(), List.of(), List.of("s1"), "")).result());
        assertEquals("", w1.current.sourceId());
        assertTrue(call(MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("show", List.of(), List.of(), List.of(), "")).sources().isEmpty());
    }

    @Test
    void requestsThatDoNotFitStoreNothing() {
        worker("w1");
        probe.downPorts.add(4000);
        fails(MasterErrors.UPSTREAM_UNREACHABLE, MasterMethods.OPERATE_SOURCE, create(source("s1", 4000)));
        DmException parse = assertThrows(DmException.class, () -> call(MasterMethods.OPERATE_SOURCE, create("source-id: s1\nbogus: 1\n")));
        assertTrue(parse.getMessage().contains("bogus"), parse.getMessage());
        assertEquals(0, call(MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("show", List.of(), List.of(), List.of(), "")).sources().size());

        call(MasterMethods.OPERATE_SOURCE, create(source("s1", 3307)));
        fails(MasterErrors.SOURCE_NOT_FOUND, MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "nope"), "t.yaml", List.of(), false, ""));
        fails(MasterErrors.DOWNSTREAM_UNREACHABLE, MasterMethods.START_TASK, new StartTaskRequest(task("t1", 4000, "s1"), "t.yaml", List.of(), false, ""));
        fails(MasterErrors.INVALID_START_TIME, MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "s1"), "t.yaml", List.of(), false, "soon"));
        fails(MasterErrors.SOURCE_NOT_IN_TASK, MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "s1"), "t.yaml", List.of("s9"), false, ""));
        DmException bad = assertThrows(DmException.class, () -> call(MasterMethods.START_TASK,
                new StartTaskRequest(task("t1", 3308, "s1") + "bogus: 1\n", "my-task.yaml", List.of(), false, "")));
        assertTrue(bad.getMessage().contains("my-task.yaml") && bad.getMessage().contains("bogus"), bad.getMessage());
        assertTrue(call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("", List.of(), false)).tasks().isEmpty());
        fails(MasterErrors.TASK_NOT_FOUND, MasterMethods.OPERATE_TASK, new OperateTaskRequest("Pause", "t1", List.of()));
        fails(MasterErrors.INVALID_OPERATION, MasterMethods.OPERATE_TASK, new OperateTaskRequest("Explode", "t1", List.of()));
        fails(MasterErrors.INVALID_OPERATION, MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("destroy", List.of(), List.of(), List.of(), ""));
        fails(MasterErrors.CONFIG_NOT_FOUND, MasterMethods.GET_CONFIG, new GetConfigRequest("task", "t1"));
        String shown = call(MasterMethods.GET_CONFIG, new GetConfigRequest("source", "s1")).cfg();
        assertTrue(shown.contains("source-id: s1") && shown.contains("password: '******'"), shown);
        assertFalse(shown.contains("password: dm"), "config source masks the password as DM does: " + shown);
    }

    @Test
    void membersTransfersAndFailover() {
        FakeWorker w1 = worker("w1");
        call(MasterMethods.OPERATE_SOURCE, create(source("s1", 3307)));
        FakeWorker w2 = worker("w2");
        fails(SchedulerErrors.SAME_WORKER, MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s1", "w1"));
        fails(MasterErrors.WORKER_NOT_FOUND, MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s1", "w9"));
        fails(MasterErrors.SOURCE_NOT_FOUND, MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s9", "w2"));
        fails(MasterErrors.WORKER_STILL_ALIVE, MasterMethods.OFFLINE_MEMBER, new OfflineMemberRequest("worker", "w1"));
        fails(MasterErrors.INVALID_OPERATION, MasterMethods.OFFLINE_MEMBER, new OfflineMemberRequest("master", "m1"));
        fails(MasterErrors.WORKER_NAME_CONFLICT, MasterMethods.REGISTER_WORKER, new RegisterWorkerRequest("w1", "10.0.0.1:1", 1));

        assertTrue(call(MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s1", "w2")).result());
        assertEquals("", w1.current.sourceId(), "the old worker released the source first");
        assertEquals("s1", w2.current.sourceId());
        call(MasterMethods.OPERATE_SOURCE, create(source("s2", 3307)));
        await("s2 on w1", () -> "s2".equals(w1.current.sourceId()));
        fails(SchedulerErrors.WORKER_NOT_FREE, MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s1", "w1"));

        // w2 stops sending keepalives: after its 1 s TTL its source waits for a free worker
        w2.beating = false;
        await("w2 offline", () -> call(MasterMethods.LIST_MEMBER, new ListMemberRequest(false, false, true, List.of()))
                .members().get(0).worker().workers().stream().anyMatch(w -> w.name().equals("w2") && w.stage().equals("offline")));
        await("s1 unbound", () -> call(MasterMethods.OPERATE_SOURCE, new OperateSourceRequest("show", List.of(), List.of(), List.of("s1"), ""))
                .sources().get(0).worker().isEmpty());
        fails(SchedulerErrors.WORKER_OFFLINE, MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest("s2", "w2"));
        // an offline worker's name cannot be taken over from another address (a fake worker would receive its
        // sources and their passwords); offline-member first
        fails(MasterErrors.WORKER_NAME_CONFLICT, MasterMethods.REGISTER_WORKER, new RegisterWorkerRequest("w2", "10.0.0.9:1", 1));
        FakeWorker w3 = worker("w3");
        await("s1 rebound to the new free worker", () -> "s1".equals(w3.current.sourceId()));
        assertTrue(call(MasterMethods.OFFLINE_MEMBER, new OfflineMemberRequest("worker", "w2")).result());
        assertFalse(call(MasterMethods.LIST_MEMBER, new ListMemberRequest(false, false, true, List.of())).members().get(0).worker().workers()
                .stream().anyMatch(w -> w.name().equals("w2")));
        assertTrue(call(MasterMethods.REGISTER_WORKER, new RegisterWorkerRequest("w2", "10.0.0.9:1", 1)).result(),
                "after offline-member the name is free again");
    }

    @Test
    void aWorkerIsJudgedByTheTtlItsKeepaliveAsksForAlsoByANewMaster() {
        FakeWorker w1 = worker("w1");
        assertEquals(1, master.state().workers().get("w1").keepaliveTtlSeconds(), "registered with keepalive-ttl");
        w1.askTtl = 1800; // what a worker pulling a relay log asks for: relay-keepalive-ttl
        await("the relay TTL stored", () -> master.state().workers().get("w1").keepaliveTtlSeconds() == 1800);
        master.close();
        startMaster(); // a restarted (or newly elected) master gives the worker the TTL it asked for last
        assertEquals(1800, master.state().workers().get("w1").keepaliveTtlSeconds());
        w1.askTtl = 1; // the relay stopped: keepalive-ttl again
        await("back to keepalive-ttl", () -> master.state().workers().get("w1").keepaliveTtlSeconds() == 1);
    }

    @Test
    void unboundSourceIsReportedAndARestartedMasterKnowsEverything() {
        call(MasterMethods.OPERATE_SOURCE, create(source("s1", 3307)));
        OperateTaskResponse r = call(MasterMethods.START_TASK, new StartTaskRequest(task("t1", 3308, "s1"), "t1.yaml", List.of(), false, ""));
        assertFalse(r.result(), "no worker: the task is stored but cannot start yet");
        assertTrue(r.sources().get(0).msg().contains("code=46003"), r.sources().get(0).msg());
        var st = call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("t1", List.of(), false));
        assertFalse(st.sources().get(0).result());
        assertTrue(st.sources().get(0).msg().contains("is not bound to any worker"));
        call(MasterMethods.OPERATE_TASK, new OperateTaskRequest("Pause", "t1", List.of()));

        master.close();
        startMaster(); // same data-dir; FAST snapshots every 3 commands, so this replays a snapshot and a log
        FakeWorker w1 = worker("w1");
        await("w1 gets the source with the paused task", () -> "s1".equals(w1.current.sourceId()) && !w1.current.subtasks().isEmpty());
        BindSourceRequest b = w1.current;
        assertEquals(Stage.PAUSED, b.subtasks().get(0).stage());
        assertEquals(task("t1", 3308, "s1"), b.subtasks().get(0).taskYaml());
        assertEquals("Paused", call(MasterMethods.QUERY_STATUS, new QueryStatusRequest("", List.of(), false)).tasks().get(0).taskStatus());
    }
}
