package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static io.dm4j.it.PrecheckIT.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The failing paths of precheck items that real servers can show: a server started without binary logging
 * ({@code binlog_enable}), two sources with the same server_id ({@code server_id}; MariaDB refuses server_id 0,
 * see {@code FailingItemsTest} for that), a source
 * user without the dump's privileges ({@code dump_privilege}), and privileges granted through a default role, which
 * count (MariaDB {@code CREATE ROLE}, {@code SET DEFAULT ROLE}).
 */
@ExtendWith(DatabasesExtension.class)
class PrecheckFailuresIT {
    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(Files.createTempDirectory("dm4j-pcfail-it"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void createSource(String id, DbEndpoint server, String user, String password) throws Exception {
        String yaml = Samples.source(id, server).replace("user: \"" + server.user() + "\"", "user: \"" + user + "\"")
                .replace("password: \"" + server.password() + "\"", "password: \"" + password + "\"");
        Ctl c = cluster.dmctl("operate-source", "create", cluster.writeFile(id + ".yaml", yaml).toString());
        assertEquals(0, c.exit(), c.out());
    }

    /** A full task whose dump uses FLUSH TABLES WITH READ LOCK (needs RELOAD). */
    private static String flushDumpTask(String name, String source, String db, DbEndpoint down) {
        return Samples.task(name, "full", source, db, down)
                .replace("    syncer-config-name: \"global\"\n", "    syncer-config-name: \"global\"\n    mydumper-config-name: \"flush\"\n")
                + "mydumpers:\n  flush:\n    extra-args: \"--consistency flush\"\n";
    }

    private static Ctl check(String name, String yaml) throws Exception {
        return cluster.dmctl("check-task", "-w", "0", cluster.writeFile(name + ".yaml", yaml).toString());
    }

    @Test
    void aServerStartedWithoutBinlogFailsBinlogEnable(TestDatabases dbs) throws Exception {
        DbEndpoint nobin = dbs.serverWithoutBinlog();
        TestDatabases.exec(nobin, "CREATE DATABASE IF NOT EXISTS pcnobin", "CREATE TABLE IF NOT EXISTS pcnobin.t (id INT PRIMARY KEY)");
        try {
            createSource("pc-nobin", nobin, nobin.user(), nobin.password());
            Ctl c = check("pcnobin", Samples.task("pcnobin", "incremental", "pc-nobin", "pcnobin", dbs.downstream()));
            assertEquals(1, c.exit(), c.out());
            assertEquals(Set.of("fail binlog_enable"), problems(c.json()), c.out());
            assertTrue(c.msg().contains("binary logging is off (log_bin=OFF)"), c.msg());
            Ctl start = cluster.dmctl("start-task", cluster.dir.resolve("pcnobin.yaml").toString());
            assertEquals(1, start.exit(), start.out());
            assertTrue(start.msg().contains("| fail | binlog_enable |"), start.msg());
        } finally {
            cluster.dmctl("operate-source", "stop", "pc-nobin");
        }
    }

    @Test
    void twoSourcesWithTheSameServerIdFailServerId(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint nobin = dbs.serverWithoutBinlog();
        String upId = TestDatabases.query(up, "SELECT @@GLOBAL.server_id").get(0).get(0);
        String before = TestDatabases.query(nobin, "SELECT @@GLOBAL.server_id").get(0).get(0);
        String db = dbs.freshSchema("pcdupid");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        // a copy of the upstream's configuration: the same server_id on another server
        TestDatabases.exec(nobin, "SET GLOBAL server_id = " + upId, "CREATE DATABASE IF NOT EXISTS `" + db + "`",
                "CREATE TABLE IF NOT EXISTS `" + db + "`.t (id INT PRIMARY KEY)");
        try {
            createSource("pc-a", up, up.user(), up.password());
            createSource("pc-b", nobin, nobin.user(), nobin.password());
            String yaml = Samples.task("pcdupid", "incremental", "pc-a", db, dbs.downstream())
                    .replace("block-allow-list:\n", "  - source-id: \"pc-b\"\n    block-allow-list: \"only\"\n"
                            + "    syncer-config-name: \"global\"\nblock-allow-list:\n")
                    + "ignore-checking-items: [\"binlog_enable\"]\n";
            Ctl c = check("pcdupid", yaml);
            assertEquals(1, c.exit(), c.out());
            assertEquals(Set.of("fail server_id"), problems(c.json()), c.out());
            assertTrue(c.msg().contains("server_id " + upId + " is also the server_id of source pc-a"), c.msg());
        } finally {
            TestDatabases.exec(nobin, "SET GLOBAL server_id = " + before);
            cluster.dmctl("operate-source", "stop", "pc-b");
            cluster.dmctl("operate-source", "stop", "pc-a");
        }
    }

    @Test
    void dumpPrivilegesMissingFailAndPrivilegesOfADefaultRoleCount(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        String db = dbs.freshSchema("pcrole");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)",
                "SET SESSION sql_log_bin = 0",
                "DROP USER IF EXISTS 'pc_norole'@'%'", "DROP USER IF EXISTS 'pc_role'@'%'", "DROP ROLE IF EXISTS pc_dumper",
                "CREATE USER 'pc_norole'@'%' IDENTIFIED BY 'pw'", "CREATE USER 'pc_role'@'%' IDENTIFIED BY 'pw'",
                "CREATE ROLE pc_dumper", "GRANT SELECT, RELOAD, LOCK TABLES ON *.* TO pc_dumper",
                // the role is granted to both users; only pc_role has it as default role, so only its sessions use it
                "GRANT pc_dumper TO 'pc_norole'@'%'", "GRANT pc_dumper TO 'pc_role'@'%'",
                "SET DEFAULT ROLE pc_dumper FOR 'pc_role'@'%'");
        try {
            createSource("pc-norole", up, "pc_norole", "pw");
            createSource("pc-role", up, "pc_role", "pw");
            Ctl denied = check("pcnorole", flushDumpTask("pcnorole", "pc-norole", db, dbs.downstream()));
            assertEquals(1, denied.exit(), denied.out());
            assertEquals(Set.of("fail dump_privilege"), problems(denied.json()), denied.out());
            assertTrue(denied.msg().contains("lacks RELOAD (consistency flush)"), denied.msg());
            Ctl viaRole = check("pcrole", flushDumpTask("pcrole", "pc-role", db, dbs.downstream()));
            assertEquals(0, viaRole.exit(), viaRole.out());
            assertEquals(Set.of(), problems(viaRole.json()), viaRole.out());
        } finally {
            cluster.dmctl("operate-source", "stop", "pc-role");
            cluster.dmctl("operate-source", "stop", "pc-norole");
            dbs.execUp("SET SESSION sql_log_bin = 0", "DROP USER IF EXISTS 'pc_norole'@'%'",
                    "DROP USER IF EXISTS 'pc_role'@'%'", "DROP ROLE IF EXISTS pc_dumper");
        }
    }
}
