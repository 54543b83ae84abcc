package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.config.Encryptor;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.message.CheckTaskRequest;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateSourceResponse;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.ProcessResult;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.TaskSummary;
import io.dm4j.proto.message.TransferSourceRequest;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dmctl against a stand-in master: argument parsing, the requests sent, output shape and exit status. */
class DmctlMainTest {
    @TempDir
    Path dir;

    RpcServer master;
    final AtomicReference<Object> lastRequest = new AtomicReference<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void startMaster() {
        master = new RpcServer(RpcServerConfig.of("127.0.0.1", 0))
                .register(MasterMethods.START_TASK, (r, c) -> {
                    lastRequest.set(r);
                    if (r.task().contains("duplicate")) {
                        throw MasterErrors.TASK_EXISTS.error("t1", List.of("s1"));
                    }
                    return new OperateTaskResponse("Start", true, "", List.of(SourceResult.ok("s1", "w1")));
                })
                .register(MasterMethods.OPERATE_TASK, (r, c) -> {
                    lastRequest.set(r);
                    return new OperateTaskResponse(r.op(), false, "", List.of(SourceResult.failed("s1", "w1", "worker unreachable")));
                })
                .register(MasterMethods.OPERATE_SOURCE, (r, c) -> {
                    lastRequest.set(r);
                    return new OperateSourceResponse(true, "", List.of(SourceResult.ok("s1", "w1")));
                })
                .register(MasterMethods.QUERY_STATUS, (r, c) -> {
                    lastRequest.set(r);
                    if (r.name().isEmpty()) {
                        return new QueryStatusListResponse(true, "", null, List.of(
                                new TaskSummary("t1", "Error - Some error occurred in subtask", List.of("s1")),
                                new TaskSummary("t2", "Running", List.of("s1"))));
                    }
                    SubTaskStatus st = new SubTaskStatus("t1", Stage.PAUSED, "Sync", new ProcessResult(false,
                            List.of(ProcessError.of(MasterErrors.TASK_NOT_FOUND.error("x", ""))), null), "", null, null,
                            ProtoJson.mapper().createObjectNode().put("synced", false).put("totalEvents", "12"), null);
                    return new QueryStatusListResponse(true, "", List.of(new SourceStatusEntry(true, "",
                            new SourceStatus("s1", "w1", null, null), List.of(st))), null);
                })
                .register(MasterMethods.CHECK_TASK, (r, c) -> {
                    lastRequest.set(r);
                    return new io.dm4j.proto.message.CheckTaskResponse(true, "pre-check is passed. ", new io.dm4j.proto.message.CheckSummary(true, 0, 0, 0, 0), java.util.List.of());
                })
                .register(MasterMethods.LIST_MEMBER, (r, c) -> {
                    lastRequest.set(r);
                    return new ListMemberResponse(true, "", List.of(new ListMemberResponse.Members(null, null,
                            new ListMemberResponse.WorkerList("", List.of(new ListMemberResponse.WorkerInfo("w1", "h:8262", "bound", "s1"))))));
                })
                .register(MasterMethods.TRANSFER_SOURCE, (r, c) -> {
                    lastRequest.set(r);
                    return CommonResponse.ok();
                })
                .register(MasterMethods.OFFLINE_MEMBER, (r, c) -> {
                    lastRequest.set(r);
                    return CommonResponse.ok();
                })
                .start();
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    int run(String... args) {
        out.reset();
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = "127.0.0.1:" + master.port();
        System.arraycopy(args, 0, all, 2, args.length);
        return DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, all);
    }

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() throws Exception {
        return ProtoJson.mapper().readTree(text());
    }

    Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void queryStatusAsTableAndWatched() {
        assertEquals(0, run("query-status", "-o", "table"));
        assertTrue(text().startsWith("TASK  STATUS"), text());
        assertTrue(text().lines().anyMatch(l -> l.matches("t2 +Running +s1")), text());

        assertEquals(0, run("query-status", "t1", "--output", "TABLE"));
        assertTrue(text().contains("t1    s1      w1      Paused  Sync"), text());
        assertTrue(text().contains("workaround: "), text());

        assertEquals(0, run("query-status", "t1", "-o", "table", "--watch", "100ms", "--watch-count", "2"));
        assertEquals(2, text().lines().filter(l -> l.startsWith("--- Every 0.1s: query-status")).count(), text());
        assertEquals(2, text().lines().filter(l -> l.startsWith("TASK  SOURCE")).count(), text());

        assertEquals(0, run("query-status", "--watch", "--watch-count", "1"));
        assertTrue(text().startsWith("--- Every 2.0s: query-status"), text());
        assertTrue(text().contains("\"taskName\": \"t2\""), "JSON by default: " + text());

        assertEquals(2, run("query-status", "-o", "yaml"));
    }

    @Test
    void startTaskSendsTheFileAndFlags() throws Exception {
        Path task = file("task.yaml", "name: t1\n");
        assertEquals(0, run("start-task", task.toString(), "--remove-meta", "--start-time", "2021-10-21 00:01:00", "-s", "s1"));
        StartTaskRequest r = (StartTaskRequest) lastRequest.get();
        assertEquals("name: t1\n", r.task());
        assertEquals(task.toString(), r.origin());
        assertTrue(r.removeMeta());
        assertEquals("2021-10-21 00:01:00", r.startTime());
        assertEquals(List.of("s1"), r.sources());
        JsonNode j = json();
        assertEquals("Start", j.get("op").asText());
        assertTrue(j.get("result").asBoolean());
        assertEquals("w1", j.get("sources").get(0).get("worker").asText());
        assertTrue(text().startsWith("{\n    \"op\": \"Start\",\n    \"result\": true,"), "DM's layout: 4 spaces, no space before the colon:\n" + text());
    }

    @Test
    void failedCallPrintsResultFalseWithTheErrorAndExitsNonZero() throws Exception {
        Path task = file("dup.yaml", "name: duplicate\n");
        assertEquals(1, run("start-task", task.toString()));
        JsonNode j = json();
        assertFalse(j.get("result").asBoolean());
        assertTrue(j.get("msg").asText().startsWith("[code=38004:class=dm-master:scope=internal:level=medium], Message: task `t1` already exists"),
                j.get("msg").asText());
    }

    @Test
    void missingFileIsALocalError() throws Exception {
        assertEquals(1, run("start-task", dir.resolve("nope.yaml").toString()));
        assertTrue(json().get("msg").asText().contains("no such file"), text());
        assertEquals(null, lastRequest.get(), "nothing was sent");
    }

    @Test
    void badStartTimeIsRefusedLocally() throws Exception {
        Path task = file("task.yaml", "name: t1\n");
        assertEquals(1, run("start-task", task.toString(), "--start-time", "yesterday"));
        assertTrue(json().get("msg").asText().contains("start-time `yesterday` is not a time"), text());
    }

    @Test
    void taskOperationsTakeANameOrAFileAndFailWhenASourceFails() throws Exception {
        assertEquals(1, run("pause-task", "t1"));
        assertEquals(new OperateTaskRequest("Pause", "t1", List.of()), lastRequest.get());
        assertFalse(json().get("sources").get(0).get("result").asBoolean());
        Path task = file("t.yaml", "name: fromfile\ntask-mode: all\ntarget-database:\n  host: h\n  user: u\nmysql-instances:\n  - source-id: s1\n");
        run("resume-task", task.toString(), "-s", "s1");
        assertEquals(new OperateTaskRequest("Resume", "fromfile", List.of("s1")), lastRequest.get());
        run("stop-task", "-s", "s1");
        assertEquals(new OperateTaskRequest("Stop", "", List.of("s1")), lastRequest.get());
        assertEquals(1, run("stop-task"));
        assertTrue(json().get("msg").asText().contains("needs a task name"));
    }

    @Test
    void queryStatusKeepsDmsShape() throws Exception {
        assertEquals(0, run("query-status", "t1"));
        JsonNode sub = json().get("sources").get(0).get("subTaskStatus").get(0);
        assertEquals("Paused", sub.get("stage").asText());
        assertEquals("Sync", sub.get("unit").asText());
        assertFalse(sub.get("result").get("isCanceled").asBoolean());
        JsonNode err = sub.get("result").get("errors").get(0);
        assertEquals(38005, err.get("ErrCode").asInt());
        for (String k : List.of("ErrClass", "ErrScope", "ErrLevel", "Message", "RawCause", "Workaround")) {
            assertTrue(err.has(k), k);
        }
        assertEquals("12", sub.get("sync").get("totalEvents").asText());
        assertFalse(sub.has("dump"), "unset unit statuses are left out");
        assertTrue(json().get("sources").get(0).get("sourceStatus").has("relayStatus"));
        assertEquals("", sub.get("unresolvedDDLLockID").asText());
        assertFalse(json().has("tasks"));
    }

    @Test
    void queryStatusSummaryAddsTheHint() throws Exception {
        assertEquals(0, run("query-status"));
        JsonNode tasks = json().get("tasks");
        assertEquals("Error - Some error occurred in subtask. Please run `query-status t1` to get more details.",
                tasks.get(0).get("taskStatus").asText());
        assertEquals("Running", tasks.get(1).get("taskStatus").asText());
        assertFalse(json().has("sources"));
    }

    @Test
    void operateSourceCreateReadsFilesStopTakesIdsOrFiles() throws Exception {
        Path src = file("source.yaml", "source-id: s1\n");
        assertEquals(0, run("operate-source", "create", src.toString()));
        OperateSourceRequest r = (OperateSourceRequest) lastRequest.get();
        assertEquals(List.of("source-id: s1\n"), r.configs());
        assertEquals(List.of(src.toString()), r.origins());
        run("operate-source", "stop", "s1", src.toString());
        r = (OperateSourceRequest) lastRequest.get();
        assertEquals(List.of("s1"), r.sourceIds());
        assertEquals(1, r.configs().size());
        run("operate-source", "show", "-s", "s1");
        assertEquals(List.of("s1"), ((OperateSourceRequest) lastRequest.get()).sourceIds());
        assertEquals(1, run("operate-source", "destroy"));
    }

    @Test
    void membersAndTransfers() throws Exception {
        assertEquals(0, run("list-member", "--worker"));
        assertEquals(new ListMemberRequest(false, false, true, List.of()), lastRequest.get());
        assertEquals("bound", json().get("members").get(0).get("worker").get("workers").get(0).get("stage").asText());
        assertEquals(0, run("transfer-source", "s1", "w2"));
        assertEquals(new TransferSourceRequest("s1", "w2"), lastRequest.get());
        assertEquals(0, run("offline-member", "--worker", "--name", "w3"));
        assertEquals(new OfflineMemberRequest("worker", "w3"), lastRequest.get());
        assertEquals(1, run("offline-member", "--name", "w3"));
    }

    @Test
    void checkTaskAndGlobalFlagAfterTheCommand() throws Exception {
        Path task = file("task.yaml", "name: t1\n");
        out.reset();
        int status = DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in,
                "check-task", task.toString(), "--master-addr", "127.0.0.1:" + master.port(), "-w", "3");
        assertEquals(0, status);
        assertEquals(3, ((CheckTaskRequest) lastRequest.get()).warnCnt());
        assertEquals("pre-check is passed. ", json().get("msg").asText());
    }

    @Test
    void unreachableMasterIsAClearError() throws Exception {
        out.reset();
        int status = DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in,
                "--master-addr", "127.0.0.1:1", "--rpc-timeout", "3s", "query-status");
        assertEquals(1, status);
        assertTrue(json().get("msg").asText().contains("11202"), text());
    }

    @Test
    void encryptIsLocal() {
        out.reset();
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, "encrypt", "secret"));
        String cipher = text().strip();
        assertEquals("secret", Encryptor.resolve(null).decrypt(cipher).orElseThrow());
    }

    @Test
    void encryptReadsThePasswordFromStandardInputAndDecryptReversesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path key = dir.resolve("secret.key");
        java.nio.file.Files.writeString(key, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
        out.reset();
        var stdin = new java.io.ByteArrayInputStream("from stdin pw\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), stdin, "encrypt", "--secret-key-path", key.toString()));
        String cipher = text().strip();
        assertTrue(Encryptor.looksEncrypted(cipher), cipher);
        assertFalse(cipher.contains("from stdin pw"));

        out.reset();
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, "decrypt", "--secret-key-path", key.toString(), cipher));
        assertEquals("from stdin pw", text().strip());

        out.reset();
        var cipherIn = new java.io.ByteArrayInputStream((cipher + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), cipherIn, "decrypt", "--secret-key-path", key.toString()));
        assertEquals("from stdin pw", text().strip());

        out.reset();
        assertEquals(1, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, "decrypt", "--secret-key-path", key.toString(), "plain-password"));
        assertTrue(json().get("msg").asText().contains("not a password encrypted"), text());

        out.reset();
        var empty = new java.io.ByteArrayInputStream(new byte[0]);
        assertEquals(1, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), empty, "encrypt"));
        assertTrue(json().get("msg").asText().contains("standard input"), text());
    }

    @Test
    void aCommandLineGetsOnlyTheCommandItNames() {
        assertEquals(Commands.StartTask.class,
                DmctlMain.commandNamed(new String[] {"--master-addr", "start-task", "start-task", "t.yaml"}));
        assertEquals(Commands.StartTask.class, DmctlMain.commandNamed(new String[] {"--master-addr=h:1", "start-task"}));
        assertEquals(Commands.Config.class, DmctlMain.commandNamed(new String[] {"get-config", "task", "t1"}));
        assertEquals(null, DmctlMain.commandNamed(new String[] {"--master-addr", "h:1"}));
        assertEquals(null, DmctlMain.commandNamed(new String[] {"help", "start-task"}));
        assertEquals(null, DmctlMain.commandNamed(new String[] {"strat-task"}));
        var cl = DmctlMain.newCommandLine(System.out, System.in, "--master-addr", "h:1", "query-status");
        assertEquals(List.of("query-status"), List.copyOf(cl.getSubcommands().keySet()));
        assertEquals(DmctlMain.COMMANDS.size() + 1, // config's alias is a second key
                DmctlMain.newCommandLine(System.out, System.in, "--help").getSubcommands().size());
    }

    @Test
    void helpListsEveryCommandAndDescribesOne() {
        out.reset();
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, "--help"));
        for (String name : List.of("operate-source", "start-task", "query-status", "binlog-schema", "purge-relay")) {
            assertTrue(text().contains(name), text());
        }
        out.reset();
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in,
                "help", "start-task"));
        assertTrue(text().contains("--remove-meta"), text());
        out.reset();
        assertEquals(0, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in,
                "pause-task", "--help"));
        assertTrue(text().contains("dmctl pause-task"), text());
    }

    @Test
    void aMistypedCommandIsRefusedWithTheClosestName() {
        var err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in,
                    "--master-addr", "127.0.0.1:" + master.port(), "strat-task", "t.yaml"));
        } finally {
            System.setErr(stderr);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("strat-task") && message.contains("start-task"), message);
    }

    @Test
    void interactiveLineSplitting() {
        assertEquals(List.of("start-task", "my task.yaml", "--start-time", "2021-10-21 00:01:00"),
                DmctlMain.split("start-task \"my task.yaml\"  --start-time '2021-10-21 00:01:00'"));
    }
}
