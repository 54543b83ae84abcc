package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS to the databases, end to end: both sandbox servers serve TLS with a certificate of a CA this test makes
 * ({@code scripts/mysql-sandbox.sh tls}); the source logs in with a {@code REQUIRE SSL} account and verifies the
 * server against {@code from.security.ssl-ca}; the task writes with a {@code REQUIRE X509} account that presents
 * {@code target-database.security.ssl-cert}. The cluster itself runs over mutual TLS. An {@code all} task
 * replicates identically (dump, load and the binlog stream all go through TLS, or the server would refuse the
 * accounts). A source or task whose ssl-ca is an unrelated CA is refused with an error naming that file.
 */
@ExtendWith(DatabasesExtension.class)
class DatabaseTlsIT {
    static final String SOURCE = "dbtls-src";
    static Path dir;
    static TestPki dbPki;
    static TestPki otherPki;
    static Cluster cluster;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        dir = Files.createTempDirectory("dm4j-dbtls-it");
        TestPki clusterPki = new TestPki(Files.createDirectory(dir.resolve("cluster-pki")));
        dbPki = new TestPki(Files.createDirectory(dir.resolve("db-pki")));
        otherPki = new TestPki(Files.createDirectory(dir.resolve("other-pki")));
        // the "node" certificate names 127.0.0.1 and localhost: the databases serve it
        sandbox("tls", dbPki.dir.resolve("ca.pem").toString(), dbPki.dir.resolve("node.pem").toString(),
                dbPki.dir.resolve("node.key").toString());
        dbs.execUp("SET SESSION sql_log_bin = 0",
                "DROP USER IF EXISTS 'tls_ssl'@'%'",
                "CREATE USER 'tls_ssl'@'%' IDENTIFIED BY 'ssl-pw' REQUIRE SSL",
                "GRANT SELECT, RELOAD, LOCK TABLES, PROCESS, SHOW VIEW, EVENT, TRIGGER, REPLICATION SLAVE,"
                        + " REPLICATION CLIENT ON *.* TO 'tls_ssl'@'%'");
        dbs.execDown("SET SESSION sql_log_bin = 0",
                "DROP USER IF EXISTS 'tls_x509'@'%'",
                "CREATE USER 'tls_x509'@'%' IDENTIFIED BY 'x509-pw' REQUIRE X509",
                "GRANT ALL PRIVILEGES ON *.* TO 'tls_x509'@'%'");
        cluster = new Cluster(dir, clusterPki.flags("node"), clusterPki.flags("client"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
    }

    @AfterAll
    static void stop(TestDatabases dbs) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        dbs.execUp("SET SESSION sql_log_bin = 0", "DROP USER IF EXISTS 'tls_ssl'@'%'");
        dbs.execDown("SET SESSION sql_log_bin = 0", "DROP USER IF EXISTS 'tls_x509'@'%'");
        sandbox("tls", "off");
    }

    @Test
    void allTaskReplicatesThroughRequireSslAndX509AccountsAndAForeignCaIsRefused(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        String ca = dbPki.dir.resolve("ca.pem").toString();
        String foreignCa = otherPki.dir.resolve("ca.pem").toString();

        // a source whose ssl-ca did not sign the server certificate: refused, naming the file
        Path badSource = cluster.writeFile("bad-source.yaml", source("dbtls-bad", up, "  security:\n    ssl-ca: \"" + foreignCa + "\"\n"));
        Ctl bad = cluster.dmctl("operate-source", "create", badSource.toString());
        assertNotEquals(0, bad.exit(), bad.out());
        assertTrue(bad.out().contains("10601") && bad.out().contains(foreignCa), bad.out());

        Path src = cluster.writeFile("source.yaml", source(SOURCE, up, "  security:\n    ssl-ca: \"" + ca + "\"\n"));
        Ctl create = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, create.exit(), create.out());

        String db = dbs.freshSchema("dbtls");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32), b VARBINARY(16))",
                "INSERT INTO " + t + " VALUES (1, 'dumped', x'00ff'), (2, 'also dumped', NULL)");

        String targetSecurity = "  security:\n    ssl-ca: \"" + ca + "\"\n    ssl-cert: \""
                + dbPki.dir.resolve("client.pem") + "\"\n    ssl-key: \"" + dbPki.dir.resolve("client.key") + "\"\n";
        Path badTask = cluster.writeFile("bad-task.yaml", task("dbtlsbad", db, down,
                "  security:\n    ssl-ca: \"" + foreignCa + "\"\n    ssl-cert: \"" + dbPki.dir.resolve("client.pem")
                        + "\"\n    ssl-key: \"" + dbPki.dir.resolve("client.key") + "\"\n"));
        Ctl refused = cluster.dmctl("start-task", badTask.toString());
        assertNotEquals(0, refused.exit(), refused.out());
        assertTrue(refused.out().contains("10601") && refused.out().contains(foreignCa), refused.out());

        Path file = cluster.writeFile("task.yaml", task("dbtls", db, down, targetSecurity));
        Ctl started = cluster.dmctl("start-task", file.toString());
        assertEquals(0, started.exit(), started.out());
        dbs.execUp("INSERT INTO " + t + " VALUES (3, 'streamed', x'01')", "UPDATE " + t + " SET v = 'changed' WHERE id = 2",
                "DELETE FROM " + t + " WHERE id = 1");
        cluster.awaitSynced("dbtls", Duration.ofSeconds(90));
        awaitTrue("rows arrived", Duration.ofSeconds(30), () -> rows(dbs, t) == 2);
        TableChecksum.assertSameContent(dbs, t);
        assertEquals(0, cluster.dmctl("stop-task", file.toString()).exit());
        assertEquals(0, cluster.dmctl("operate-source", "stop", src.toString()).exit());
    }

    static long rows(TestDatabases dbs, String table) {
        try {
            return Long.parseLong(dbs.queryDown("SELECT COUNT(*) FROM " + table).get(0).get(0));
        } catch (Exception e) {
            return -1;
        }
    }

    /** The source logs in with a password encrypted by dmctl encrypt's (built-in) key: the master and worker decrypt it. */
    static String source(String id, DbEndpoint up, String security) {
        String encrypted = io.dm4j.common.config.Encryptor.builtIn().encrypt("ssl-pw");
        return Samples.source(id, new DbEndpoint(up.host(), up.port(), "tls_ssl", encrypted), security);
    }

    static String task(String name, String schema, DbEndpoint down, String security) {
        return Samples.task(name, "all", SOURCE, schema, new DbEndpoint(down.host(), down.port(), "tls_x509", "x509-pw"),
                security);
    }

    /** Runs scripts/mysql-sandbox.sh with the test's sandbox environment (DM_SANDBOX_DIR, ports). */
    static void sandbox(String... args) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Cluster.repoRoot().resolve("scripts/mysql-sandbox.sh").toString());
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("mysql-sandbox.sh " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
