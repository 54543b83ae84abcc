package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code binlog}, {@code handle-error} and {@code binlog-schema} against a stand-in master: arguments and requests. */
class BinlogCommandsTest {
    @TempDir
    Path dir;

    StandInMaster master;

    @BeforeEach
    void startMaster() {
        master = new StandInMaster()
                .on(MasterMethods.BINLOG, r -> new SourcesResponse(true, "", List.of(SourceResult.ok("s1", "w1"))))
                .on(MasterMethods.BINLOG_SCHEMA, r -> new SourcesResponse(false, "", List.of(SourceResult.failed("s1", "w1", "not paused"))))
                .start();
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    @Test
    void binlogSendsOperationPositionSourcesAndStatements() {
        assertEquals(0, master.run("binlog", "replace", "t1", "-b", "mysql-bin.000001:2345", "-s", "s1", "ALTER TABLE a ADD c INT; ALTER TABLE a ADD d INT"));
        BinlogOperateRequest r = (BinlogOperateRequest) master.lastRequest();
        assertEquals("replace", r.op());
        assertEquals("t1", r.task());
        assertEquals("mysql-bin.000001:2345", r.binlogPos());
        assertEquals(List.of("s1"), r.sources());
        assertEquals(List.of("ALTER TABLE a ADD c INT; ALTER TABLE a ADD d INT"), r.sqls());
        assertTrue(master.text().contains("\"source\": \"s1\""), master.text());

        assertEquals(0, master.run("binlog", "skip", "t1"));
        assertEquals("", ((BinlogOperateRequest) master.lastRequest()).binlogPos());
        assertEquals(0, master.run("binlog", "list", "t1"));
        assertEquals(0, master.run("binlog", "revert", "t1", "-b", "f.000001:4"));
    }

    @Test
    void handleErrorIsTheOlderSpellingOfBinlog() {
        assertEquals(0, master.run("handle-error", "t1", "-b", "mysql-bin.000001:2345", "replace", "ALTER TABLE a ADD c INT"));
        BinlogOperateRequest r = (BinlogOperateRequest) master.lastRequest();
        assertEquals("replace", r.op());
        assertEquals("mysql-bin.000001:2345", r.binlogPos());
        assertEquals(1, master.run("handle-error", "t1", "inject", "SELECT 1"));
        assertTrue(master.text().contains("skip, replace or revert"), master.text());
    }

    @Test
    void badBinlogArgumentsAreRefusedBeforeAnyCall() {
        assertEquals(1, master.run("binlog", "replace", "t1"));
        assertTrue(master.text().contains("needs the statements"), master.text());
        assertEquals(1, master.run("binlog", "skip", "t1", "SELECT 1"));
        assertTrue(master.text().contains("takes no statements"), master.text());
        assertEquals(1, master.run("binlog", "inject", "t1", "SELECT 1"));
        assertTrue(master.text().contains("needs -b"), master.text());
        assertEquals(1, master.run("binlog", "drop", "t1"));
        assertTrue(master.text().contains("skip, replace, inject, revert or list"), master.text());
        assertNull(master.lastRequest());
    }

    @Test
    void binlogSchemaUpdateSendsTheFileAndChecksItsSource() throws Exception {
        Path f = dir.resolve("t.sql");
        Files.writeString(f, "CREATE TABLE t (id INT PRIMARY KEY)");
        assertEquals(1, master.run("binlog-schema", "update", "t1", "db", "t", f.toString(), "-s", "s1"));
        BinlogSchemaRequest r = (BinlogSchemaRequest) master.lastRequest();
        assertEquals("update", r.op());
        assertEquals("db", r.database());
        assertEquals("t", r.table());
        assertEquals("CREATE TABLE t (id INT PRIMARY KEY)", r.schema());
        assertTrue(master.text().contains("not paused"), master.text());

        assertEquals(1, master.run("binlog-schema", "update", "t1", "db", "t"));
        assertTrue(master.text().contains("exactly one of SCHEMA-FILE, --from-source and --from-target"), master.text());
        assertNull(master.lastRequest());
        assertEquals(1, master.run("binlog-schema", "update", "t1", "db", "t", "--from-source"));
        assertTrue(((BinlogSchemaRequest) master.lastRequest()).fromSource());
        assertEquals(1, master.run("binlog-schema", "list", "t1", "db", "t", "--from-target"));
        assertTrue(master.text().contains("takes no schema file"), master.text());
    }
}
