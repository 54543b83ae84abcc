package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The precheck through the real processes: an upstream with {@code binlog_format=STATEMENT}, a source user without
 * REPLICATION SLAVE and a table without a key gives exactly those findings from {@code check-task}, refuses
 * {@code start-task}, and {@code ignore-checking-items} lets the task pass with the warning only.
 */
@ExtendWith(DatabasesExtension.class)
class PrecheckIT {
    static final String SOURCE = "pc-src";
    static final String USER = "dm4j_pc_norepl";
    static final String PASSWORD = "pc-secret";
    static Cluster cluster;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        dbs.execUp("DROP USER IF EXISTS '" + USER + "'@'%'", "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                // everything a dump and sync need except REPLICATION SLAVE
                "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'");
        cluster = new Cluster(Files.createTempDirectory("dm4j-pc-it"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
        DbEndpoint up = dbs.upstream();
        String source = Samples.source(SOURCE, up).replace("user: \"" + up.user() + "\"", "user: \"" + USER + "\"")
                .replace("password: \"" + up.password() + "\"", "password: \"" + PASSWORD + "\"");
        Path src = cluster.writeFile("source.yaml", source);
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
        Ctl c = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, c.exit(), c.out());
    }

    @AfterAll
    static void stop(TestDatabases dbs) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        dbs.execUp("DROP USER IF EXISTS '" + USER + "'@'%'");
    }

    /** "state item" of every finding that is not a success. */
    static Set<String> problems(JsonNode answer) {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : answer.get("results")) {
            if (!r.get("state").asText().equals("success")) {
                out.add(r.get("state").asText() + " " + r.get("item").asText());
            }
        }
        return out;
    }

    @Test
    void reportsExactlyTheProblemsAndRefusesStartTask(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("pc");
        dbs.execUp("CREATE TABLE " + db + ".keyed (id INT PRIMARY KEY, v VARCHAR(10))",
                "CREATE TABLE " + db + ".keyless (a INT, b VARCHAR(10))");
        dbs.execUp("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            Path task = cluster.writeFile("pc.yaml", Samples.task("pc", "all", SOURCE, db, dbs.downstream()));
            Ctl check = cluster.dmctl("check-task", task.toString());
            assertEquals(1, check.exit(), check.out());
            assertFalse(check.json().get("result").asBoolean());
            assertEquals(Set.of("fail binlog_format", "fail replication_privilege", "warn table_schema"), problems(check.json()),
                    check.out());
            assertTrue(check.msg().startsWith("pre-check failed: 2 failed, 1 warning(s)"), check.msg());
            assertTrue(check.msg().contains("| fail | binlog_format | source " + SOURCE), check.msg());
            assertTrue(check.msg().contains("`" + db + "`.`keyless`") || check.msg().contains(db + ".keyless"), check.msg());
            assertTrue(check.msg().contains("REPLICATION SLAVE"), check.msg());
            JsonNode summary = check.json().get("summary");
            assertEquals(2, summary.get("failed").asInt());
            assertEquals(1, summary.get("warning").asInt());
            assertTrue(summary.get("successful").asInt() >= 8, summary.toString());

            Ctl start = cluster.dmctl("start-task", task.toString());
            assertEquals(1, start.exit(), start.out());
            assertTrue(start.msg().contains("code=26550") && start.msg().contains("| fail | binlog_format |")
                    && start.msg().contains("| fail | replication_privilege |"), start.msg());
            assertEquals(1, cluster.dmctl("query-status", "pc").exit(), "a refused task is not stored");

            // the failing items ignored: the warning remains, the task passes
            Path ignoring = cluster.writeFile("pc-ignore.yaml", Samples.task("pcign", "all", SOURCE, db, dbs.downstream())
                    + "ignore-checking-items: [\"binlog_format\", \"replication_privilege\"]\n");
            Ctl passed = cluster.dmctl("check-task", ignoring.toString());
            assertEquals(0, passed.exit(), passed.out());
            assertEquals(Set.of("warn table_schema"), problems(passed.json()), passed.out());
            assertTrue(passed.msg().startsWith("pre-check is passed. 1 warning(s)"), passed.msg());
            assertTrue(passed.json().get("results").findValuesAsText("item").stream().noneMatch(i -> i.equals("binlog_format")),
                    "an ignored item is not checked");
        } finally {
            dbs.execUp("SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void mergedShardsThatDifferAndATargetTableMissingAColumn(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("pcshard");
        dbs.execUp("CREATE TABLE " + db + ".s1 (id INT PRIMARY KEY, v VARCHAR(10))",
                "CREATE TABLE " + db + ".s2 (id INT PRIMARY KEY, v VARCHAR(10), extra INT)");
        dbs.execDown("CREATE DATABASE IF NOT EXISTS " + db, "CREATE TABLE " + db + ".merged (id INT PRIMARY KEY)");
        // a full task: the sync items (binlog, replication privilege) do not apply, the source user may dump
        String yaml = Samples.task("pcshard", "full", SOURCE, db, dbs.downstream())
                .replace("    block-allow-list: \"only\"\n", "    block-allow-list: \"only\"\n    route-rules: [\"merge\"]\n")
                + "routes:\n  merge:\n    schema-pattern: \"" + db + "\"\n    table-pattern: \"s*\"\n"
                + "    target-schema: \"" + db + "\"\n    target-table: \"merged\"\n";
        Ctl check = cluster.dmctl("check-task", cluster.writeFile("pcshard.yaml", yaml).toString());
        assertEquals(1, check.exit(), check.out());
        assertEquals(Set.of("fail target_table_structure", "warn schema_of_shard_tables"), problems(check.json()), check.out());
        assertTrue(check.msg().contains("without column(s) v"), check.msg());
        assertTrue(check.msg().contains("extra int"), check.msg());
        assertTrue(check.json().get("results").findValuesAsText("item").stream().noneMatch(i -> i.startsWith("binlog_")),
                "a full task does not check binlog settings");
    }

    @Test
    void anOnlineSchemaChangeInProgressAtTheFirstStart(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("pcghost");
        dbs.execUp("CREATE TABLE " + db + ".t (id INT PRIMARY KEY)", "CREATE TABLE " + db + "._t_gho (id INT PRIMARY KEY, c INT)",
                "CREATE TABLE " + db + "._t_ghc (id INT)");
        Path task = cluster.writeFile("pcghost.yaml", Samples.task("pcghost", "full", SOURCE, db, dbs.downstream()));
        Ctl check = cluster.dmctl("check-task", task.toString());
        assertEquals(1, check.exit(), check.out());
        // the keyless changelog table _t_ghc is the tool's: no table_schema warning for it
        assertEquals(Set.of("fail online_ddl"), problems(check.json()), check.out());
        assertTrue(check.msg().contains("_t_gho") && check.msg().contains("(for " + db + ".t)"), check.msg());
    }

    @Test
    void settingsThatFailOrWarn(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("pcvars");
        dbs.execUp("CREATE TABLE " + db + ".t (id INT PRIMARY KEY)");
        String upPacket = dbs.queryUp("SELECT @@GLOBAL.max_allowed_packet").get(0).get(0);
        String downPacket = dbs.queryDown("SELECT @@GLOBAL.max_allowed_packet").get(0).get(0);
        String expire = dbs.queryUp("SELECT @@GLOBAL.binlog_expire_logs_seconds").get(0).get(0);
        dbs.execUp("SET GLOBAL binlog_row_image = 'MINIMAL'", "SET GLOBAL binlog_expire_logs_seconds = 86400",
                "SET GLOBAL max_allowed_packet = 33554432");
        dbs.execDown("SET GLOBAL max_allowed_packet = 1048576");
        try {
            // the source user's missing REPLICATION SLAVE is known from the first test: ignored here
            Path task = cluster.writeFile("pcvars.yaml", Samples.task("pcvars", "all", SOURCE, db, dbs.downstream())
                    + "ignore-checking-items: [\"replication_privilege\"]\ntimezone: \"+05:45\"\n");
            Ctl check = cluster.dmctl("check-task", "-w", "0", task.toString());
            assertEquals(1, check.exit(), check.out());
            assertEquals(Set.of("fail binlog_row_image", "warn binlog_retention", "warn max_allowed_packet", "warn timezone"),
                    problems(check.json()), check.out());
            assertTrue(check.msg().contains("binlogs are purged after 1 day(s)"), check.msg());
            assertTrue(check.msg().contains("downstream max_allowed_packet 1048576 is smaller than upstream 33554432"), check.msg());
            assertTrue(check.msg().contains("the task's timezone `+05:45`"), check.msg());
        } finally {
            dbs.execUp("SET GLOBAL binlog_row_image = 'FULL'", "SET GLOBAL binlog_expire_logs_seconds = " + expire,
                    "SET GLOBAL max_allowed_packet = " + upPacket);
            dbs.execDown("SET GLOBAL max_allowed_packet = " + downPacket);
        }
    }
}
