package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
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

/** {@code binlog}, {@code handle-error} and {@code binlog-schema} against a stand-in master: arguments and requests. */
class BinlogCommandsTest {
    @TempDir
    Path dir;

    RpcServer master;
    final AtomicReference<Object> lastRequest = new AtomicReference<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void startMaster() {
        master = new RpcServer(RpcServerConfig.of("127.0.0.1", 0))
                .register(MasterMethods.BINLOG, (r, c) -> {
                    lastRequest.set(r);
                    return new SourcesResponse(true, "", List.of(SourceResult.ok("s1", "w1")));
                })
                .register(MasterMethods.BINLOG_SCHEMA, (r, c) -> {
                    lastRequest.set(r);
                    return new SourcesResponse(false, "", List.of(SourceResult.failed("s1", "w1", "not paused")));
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
    void binlogSendsOperationPositionSourcesAndStatements() {
        assertEquals(0, run("binlog", "replace", "t1", "-b", "mysql-bin.000001:2345", "-s", "s1", "ALTER TABLE a ADD c INT; ALTER TABLE a ADD d INT"));
        BinlogOperateRequest r = (BinlogOperateRequest) lastRequest.get();
        assertEquals("replace", r.op());
        assertEquals("t1", r.task());
        assertEquals("mysql-bin.000001:2345", r.binlogPos());
        assertEquals(List.of("s1"), r.sources());
        assertEquals(List.of("ALTER TABLE a ADD c INT; ALTER TABLE a ADD d INT"), r.sqls());
        assertTrue(text().contains("\"source\": \"s1\""), text());

        assertEquals(0, run("binlog", "skip", "t1"));
        assertEquals("", ((BinlogOperateRequest) lastRequest.get()).binlogPos());
        assertEquals(0, run("binlog", "list", "t1"));
        assertEquals(0, run("binlog", "revert", "t1", "-b", "f.000001:4"));
    }

    @Test
    void handleErrorIsTheOlderSpellingOfBinlog() {
        assertEquals(0, run("handle-error", "t1", "-b", "mysql-bin.000001:2345", "replace", "ALTER TABLE a ADD c INT"));
        BinlogOperateRequest r = (BinlogOperateRequest) lastRequest.get();
        assertEquals("replace", r.op());
        assertEquals("mysql-bin.000001:2345", r.binlogPos());
        assertEquals(1, run("handle-error", "t1", "inject", "SELECT 1"));
        assertTrue(text().contains("skip, replace or revert"), text());
    }

    @Test
    void badBinlogArgumentsAreRefusedBeforeAnyCall() {
        assertEquals(1, run("binlog", "replace", "t1"));
        assertTrue(text().contains("needs the statements"), text());
        assertEquals(1, run("binlog", "skip", "t1", "SELECT 1"));
        assertTrue(text().contains("takes no statements"), text());
        assertEquals(1, run("binlog", "inject", "t1", "SELECT 1"));
        assertTrue(text().contains("needs -b"), text());
        assertEquals(1, run("binlog", "drop", "t1"));
        assertTrue(text().contains("skip, replace, inject, revert or list"), text());
        assertNull(lastRequest.get());
    }

    @Test
    void binlogSchemaUpdateSendsTheFileAndChecksItsSource() throws Exception {
        Path f = dir.resolve("t.sql");
        Files.writeString(f, "CREATE TABLE t (id INT PRIMARY KEY)");
        assertEquals(1, run("binlog-schema", "update", "t1", "db", "t", f.toString(), "-s", "s1"));
        BinlogSchemaRequest r = (BinlogSchemaRequest) lastRequest.get();
        assertEquals("update", r.op());
        assertEquals("db", r.database());
        assertEquals("t", r.table());
        assertEquals("CREATE TABLE t (id INT PRIMARY KEY)", r.schema());
        assertTrue(text().contains("not paused"), text());

        assertEquals(1, run("binlog-schema", "update", "t1", "db", "t"));
        assertTrue(text().contains("exactly one of SCHEMA-FILE, --from-source and --from-target"), text());
        assertNull(lastRequest.get());
        assertEquals(1, run("binlog-schema", "update", "t1", "db", "t", "--from-source"));
        assertTrue(((BinlogSchemaRequest) lastRequest.get()).fromSource());
        assertEquals(1, run("binlog-schema", "list", "t1", "db", "t", "--from-target"));
        assertTrue(text().contains("takes no schema file"), text());
    }
}
