package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One dm-master and one dm-worker started from bin/, driven with bin/dmctl: a source and an {@code all} task,
 * pause/resume/stop/start, --remove-meta, the errors that must leave nothing behind, and SIGTERM.
 */
@ExtendWith(DatabasesExtension.class)
class ControlPlaneIT {
    static final String SOURCE = "cp-src";
    static Cluster cluster;
    static Cluster.Proc worker;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        cluster = new Cluster(Files.createTempDirectory("dm4j-cp-it"));
        cluster.startMaster();
        worker = cluster.startWorker("worker1", 5);
        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()));
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
        Ctl c = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, c.exit(), c.out());
        assertEquals("worker1", c.json().get("sources").get(0).get("worker").asText(), c.out());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    String startTask(TestDatabases dbs, String name, String schema, String... flags) throws Exception {
        Path task = cluster.writeFile(name + ".yaml", Samples.task(name, "all", SOURCE, schema, dbs.downstream()));
        String[] args = new String[flags.length + 2];
        args[0] = "start-task";
        System.arraycopy(flags, 0, args, 1, flags.length);
        args[args.length - 1] = task.toString();
        Ctl c = cluster.dmctl(args);
        assertEquals(0, c.exit(), c.out());
        assertEquals("Start", c.json().get("op").asText());
        return task.toString();
    }

    static long count(TestDatabases dbs, boolean up, String table) throws Exception {
        var rows = up ? dbs.queryUp("SELECT COUNT(*) FROM " + table) : dbs.queryDown("SELECT COUNT(*) FROM " + table);
        return Long.parseLong(rows.get(0).get(0));
    }

    static boolean sameCount(TestDatabases dbs, String table) {
        try {
            return count(dbs, true, table) == count(dbs, false, table);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void allTaskReplicatesAndPauseResumeStopStartWork(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("cp_all");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(32), ts DATETIME(3))",
                "INSERT INTO " + t + " VALUES (1, 'a', '2024-01-01 00:00:00.123'), (2, 'b', NULL)");
        String file = startTask(dbs, "cpall", db);
        dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c', NOW(3))", "UPDATE " + t + " SET v = 'bb' WHERE id = 2",
                "DELETE FROM " + t + " WHERE id = 1");
        cluster.awaitSynced("cpall", Duration.ofSeconds(60));
        awaitTrue("rows arrived", Duration.ofSeconds(30), () -> sameCount(dbs, t));
        TableChecksum.assertSameContent(dbs, t);
        JsonNode summary = cluster.dmctl("query-status").json().get("tasks");
        assertEquals("cpall", summary.get(0).get("taskName").asText());
        assertEquals("Running", summary.get(0).get("taskStatus").asText());

        // pause: writes upstream do not arrive
        Ctl p = cluster.dmctl("pause-task", "cpall");
        assertEquals(0, p.exit(), p.out());
        JsonNode sub = cluster.subtask("cpall");
        assertEquals("Paused", sub.get("stage").asText());
        assertTrue(sub.get("result").get("isCanceled").asBoolean());
        dbs.execUp("INSERT INTO " + t + " VALUES (10, 'while paused', NULL)");
        Cluster.sleep(3000);
        assertEquals(2, count(dbs, false, t), "a paused task applies nothing");
        assertEquals("Paused", cluster.dmctl("query-status").json().get("tasks").get(0).get("taskStatus").asText());

        // resume: catches up
        assertEquals(0, cluster.dmctl("resume-task", "cpall").exit());
        cluster.awaitSynced("cpall", Duration.ofSeconds(60));
        awaitTrue("caught up", Duration.ofSeconds(30), () -> sameCount(dbs, t));
        TableChecksum.assertSameContent(dbs, t);

        // stop: the task is gone; start again: it continues from its checkpoint
        Ctl s = cluster.dmctl("stop-task", file);
        assertEquals(0, s.exit(), s.out());
        Ctl q = cluster.dmctl("query-status", "cpall");
        assertEquals(1, q.exit(), "a stopped task is removed: " + q.out());
        assertTrue(q.msg().contains("does not exist"), q.out());
        dbs.execUp("INSERT INTO " + t + " VALUES (11, 'while stopped', NULL)");
        startTask(dbs, "cpall", db);
        dbs.execUp("INSERT INTO " + t + " VALUES (12, 'after restart', NULL)");
        cluster.awaitSynced("cpall", Duration.ofSeconds(60));
        awaitTrue("caught up after stop/start", Duration.ofSeconds(30), () -> sameCount(dbs, t));
        TableChecksum.assertSameContent(dbs, t);

        // --remove-meta on a running task name is refused (duplicate); after stop it starts fresh
        assertEquals(0, cluster.dmctl("stop-task", "cpall").exit());
        if (!Cluster.REAL_UNITS) {
            dbs.execDown("CREATE DATABASE IF NOT EXISTS dm_meta",
                    "CREATE TABLE IF NOT EXISTS dm_meta.cpall_syncer_checkpoint (id VARCHAR(32) PRIMARY KEY)",
                    "INSERT IGNORE INTO dm_meta.cpall_syncer_checkpoint VALUES ('marker')");
            startTask(dbs, "cpall", db, "--remove-meta");
            var left = dbs.queryDown("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'dm_meta'"
                    + " AND table_name = 'cpall_syncer_checkpoint'");
            assertEquals("0", left.get(0).get(0), "--remove-meta dropped the task's checkpoint table");
        } else {
            // The real sync unit's checkpoint row must be dropped and created anew by the fresh start.
            String before = dbs.queryDown("SELECT create_time FROM dm_meta.cpall_syncer_checkpoint WHERE is_global = 1")
                    .get(0).get(0);
            Cluster.sleep(1100);
            startTask(dbs, "cpall", db, "--remove-meta");
            awaitTrue("checkpoint recreated", Duration.ofSeconds(60), () -> {
                try {
                    var rows = dbs.queryDown("SELECT create_time FROM dm_meta.cpall_syncer_checkpoint WHERE is_global = 1");
                    return !rows.isEmpty() && rows.get(0).get(0).compareTo(before) > 0;
                } catch (java.sql.SQLException e) {
                    return false;
                }
            });
        }
        cluster.awaitSynced("cpall", Duration.ofSeconds(60));
        awaitTrue("fresh start copied everything", Duration.ofSeconds(30), () -> sameCount(dbs, t));
        TableChecksum.assertSameContent(dbs, t);
        assertEquals(0, cluster.dmctl("stop-task", "cpall").exit());
    }

    @Test
    void mistakesGiveClearErrorsAndLeaveNothingBehind(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("cp_err");
        // a task file with a mistake: the validator's message, unchanged
        Path bad = cluster.writeFile("bad.yaml", Samples.task("cpbad", "all", SOURCE, db, dbs.downstream()) + "bogus-key: 1\n");
        Ctl c = cluster.dmctl("start-task", bad.toString());
        assertEquals(1, c.exit(), c.out());
        assertFalse(c.json().get("result").asBoolean());
        assertTrue(c.msg().contains("code=20003") && c.msg().contains("unknown key `bogus-key`") && c.msg().contains(bad.toString()), c.msg());
        Ctl check = cluster.dmctl("check-task", bad.toString());
        assertEquals(1, check.exit());
        assertEquals(c.msg(), check.msg(), "check-task and start-task run the same validation");

        // an unknown source-id
        Path unknown = cluster.writeFile("unknown.yaml", Samples.task("cpunknown", "all", "no-such-source", db, dbs.downstream()));
        c = cluster.dmctl("start-task", unknown.toString());
        assertEquals(1, c.exit());
        assertTrue(c.msg().contains("code=38002") && c.msg().contains("`no-such-source` does not exist"), c.msg());

        // a duplicate task name
        startTask(dbs, "cpdup", db);
        c = cluster.dmctl("start-task", cluster.dir.resolve("cpdup.yaml").toString());
        assertEquals(1, c.exit());
        assertTrue(c.msg().contains("code=38004") && c.msg().contains("task `cpdup` already exists"), c.msg());
        assertEquals(0, cluster.dmctl("stop-task", "cpdup").exit());

        // an unreachable upstream
        int closedPort = Cluster.freePort();
        Path badSource = cluster.writeFile("bad-source.yaml", Samples.source("cp-unreachable", dbs.upstream())
                .replace("port: " + dbs.upstream().port(), "port: " + closedPort));
        c = cluster.dmctl("operate-source", "create", badSource.toString());
        assertEquals(1, c.exit(), c.out());
        assertTrue(c.msg().contains("code=38006") && c.msg().contains("cannot connect to the upstream of source `cp-unreachable`"), c.msg());

        // an unreachable downstream
        Path badTarget = cluster.writeFile("bad-target.yaml", Samples.task("cpnodown", "all", SOURCE, db, dbs.downstream())
                .replace("port: " + dbs.downstream().port(), "port: " + closedPort));
        c = cluster.dmctl("start-task", badTarget.toString());
        assertEquals(1, c.exit());
        assertTrue(c.msg().contains("code=38007"), c.msg());

        // nothing of the above was stored
        JsonNode sources = cluster.dmctl("operate-source", "show").json().get("sources");
        assertEquals(1, sources.size(), sources.toString());
        assertEquals(SOURCE, sources.get(0).get("source").asText());
        for (String task : List.of("cpbad", "cpunknown", "cpnodown", "cpdup")) {
            assertEquals(1, cluster.dmctl("query-status", task).exit(), task + " must not exist");
            assertEquals(1, cluster.dmctl("config", "task", task).exit());
        }
        assertEquals(1, cluster.dmctl("pause-task", "cpbad").exit());
        // stopping a source that tasks use is refused
        startTask(dbs, "cpkeep", db);
        c = cluster.dmctl("operate-source", "stop", SOURCE);
        assertEquals(1, c.exit());
        assertTrue(c.msg().contains("still used by task(s) [cpkeep]"), c.msg());
        assertEquals(0, cluster.dmctl("stop-task", "cpkeep").exit());
        assertEquals(1, cluster.dmctl("offline-member", "--worker", "--name", "worker1").exit(), "a live worker stays");
    }

    @Test
    void configShowsTheStoredFiles(TestDatabases dbs) throws Exception {
        Ctl c = cluster.dmctl("config", "source", SOURCE);
        assertEquals(0, c.exit());
        String shown = c.json().get("cfg").asText();
        // the stored file, with the password masked as DM shows it
        assertTrue(shown.contains("source-id: cp-src") && shown.contains("port: " + dbs.upstream().port()), shown);
        assertTrue(shown.contains("password: '******'"), shown);
        assertFalse(shown.contains("password: \"" + dbs.upstream().password() + "\""), shown);
        assertEquals(shown, cluster.dmctl("get-config", "source", SOURCE).json().get("cfg").asText(), "DM's older name");

        Ctl w = cluster.dmctl("config", "worker", "worker1");
        assertEquals(0, w.exit(), w.out());
        String workerToml = w.json().get("cfg").asText();
        assertTrue(workerToml.contains("name = \"worker1\"") && workerToml.contains("join = \"" + cluster.master.addr() + "\""),
                workerToml);
        assertEquals(1, cluster.dmctl("config", "worker", "nope").exit());
        assertEquals(1, cluster.dmctl("config", "source", "nope").exit());
    }
}
