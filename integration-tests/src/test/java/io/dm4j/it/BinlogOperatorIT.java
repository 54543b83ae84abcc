package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code binlog skip|replace|inject|revert|list} and {@code binlog-schema} through dmctl, dm-master and dm-worker:
 * a DDL the downstream rejects pauses the task with its statement and position, and each command gets past it.
 */
@ExtendWith(DatabasesExtension.class)
class BinlogOperatorIT {
    static final String SOURCE = "bo-src";
    static Cluster cluster;
    static Cluster.Proc worker;

    @BeforeAll
    static void start(TestDatabases dbs) throws Exception {
        Assumptions.assumeTrue(Cluster.REAL_UNITS, "needs the real sync unit");
        cluster = new Cluster(Files.createTempDirectory("dm4j-binlog-it"));
        cluster.startMaster();
        worker = cluster.startWorker("worker1", 5);
        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()));
        awaitTrue("worker registered", Duration.ofSeconds(30), () -> cluster.workerStages().containsKey("worker1"));
        Ctl c = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, c.exit(), c.out());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void startTask(TestDatabases dbs, String name, String schema) throws Exception {
        Path task = cluster.writeFile(name + ".yaml", Samples.task(name, "all", SOURCE, schema, dbs.downstream()));
        Ctl c = cluster.dmctl("start-task", task.toString());
        assertEquals(0, c.exit(), c.out());
        cluster.awaitSynced(name, Duration.ofSeconds(90));
    }

    /** The first error of the task's subtask once it is paused by one. */
    private static JsonNode awaitError(String task) {
        awaitTrue("task " + task + " paused by an error", Duration.ofSeconds(60), () -> {
            JsonNode sub = cluster.subtask(task);
            return sub != null && "Paused".equals(sub.get("stage").asText()) && sub.get("result") != null
                    && !sub.get("result").get("errors").isEmpty();
        });
        return cluster.subtask(task).get("result").get("errors").get(0);
    }

    /** Where the upstream statement containing {@code text} starts in the binlog: "file:pos". */
    private static String positionOf(TestDatabases dbs, String text) throws Exception {
        String found = null;
        for (List<String> log : dbs.queryUp("SHOW BINARY LOGS")) {
            for (List<String> ev : dbs.queryUp("SHOW BINLOG EVENTS IN '" + log.get(0) + "'")) {
                if ("Query".equals(ev.get(2)) && ev.get(5).contains(text)) {
                    found = ev.get(0) + ":" + ev.get(1);
                }
            }
        }
        assertTrue(found != null, "no binlog event with " + text);
        return found;
    }

    private static String showCreateDown(TestDatabases dbs, String table) throws Exception {
        return dbs.queryDown("SHOW CREATE TABLE " + table).get(0).get(1);
    }

    private static boolean arrived(TestDatabases dbs, String table, int id) {
        try {
            return !dbs.queryDown("SELECT 1 FROM " + table + " WHERE id = " + id).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void rejectedDdlIsReplacedSkippedInjectedAndReverted(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("bo_ddl");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(16))", "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
        startTask(dbs, "boddl", db);
        // a row only the downstream has makes a unique key on v fail there
        dbs.execDown("INSERT INTO " + t + " VALUES (1000, 'a')");

        // 1. a rejected DDL pauses the task with the statement, its position and the commands to run
        dbs.execUp("ALTER TABLE " + t + " ADD COLUMN c INT, ADD UNIQUE KEY uk_v (v)");
        String at = positionOf(dbs, "ADD UNIQUE KEY uk_v");
        JsonNode err = awaitError("boddl");
        String message = err.get("Message").asText();
        assertTrue(message.contains("ADD UNIQUE KEY uk_v"), message);
        assertTrue(message.contains("startLocation: [position: (" + at.replace(":", ", ") + ")"), message + " / " + at);
        assertTrue(err.get("RawCause").asText().contains("Duplicate entry"), err.toString());
        assertTrue(err.get("Workaround").asText().contains("binlog skip boddl -b " + at), err.toString());

        // 2. a replacement that fails too names itself; a corrected one at the same position replaces it, and the task
        // continues by itself, with column c tracked
        Ctl bad = cluster.dmctl("binlog", "replace", "boddl", "ALTER TABLE " + t + " ADD COLUMN c INT, ADD UNIQUE KEY uk_w (v)");
        assertEquals(0, bad.exit(), bad.out());
        awaitTrue("the failing replacement is reported", Duration.ofSeconds(60), () -> {
            JsonNode sub = cluster.subtask("boddl");
            return sub != null && sub.get("result") != null && !sub.get("result").get("errors").isEmpty()
                    && sub.get("result").get("errors").get(0).get("ErrCode").asInt() == 22505;
        });
        assertTrue(cluster.subtask("boddl").get("result").get("errors").get(0).get("Message").asText().contains("uk_w"));
        Ctl r = cluster.dmctl("binlog", "replace", "boddl", "ALTER TABLE " + t + " ADD COLUMN c INT, ADD KEY k_v (v)");
        assertEquals(0, r.exit(), r.out());
        dbs.execUp("INSERT INTO " + t + " VALUES (3, 'c', 33)");
        awaitTrue("row after replace arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 3));
        assertEquals("33", dbs.queryDown("SELECT c FROM " + t + " WHERE id = 3").get(0).get(0));
        String down = showCreateDown(dbs, t);
        assertTrue(down.contains("KEY `k_v`") && !down.contains("uk_v"), down);

        // 3. a second rejected DDL, skipped without -b
        dbs.execUp("ALTER TABLE " + t + " ADD UNIQUE KEY uk_v2 (v)");
        String at2 = positionOf(dbs, "uk_v2");
        JsonNode err2 = awaitError("boddl");
        assertTrue(err2.get("Message").asText().contains("uk_v2"), err2.toString());
        Ctl s = cluster.dmctl("binlog", "skip", "boddl");
        assertEquals(0, s.exit(), s.out());
        dbs.execUp("INSERT INTO " + t + " VALUES (4, 'd', 44)");
        awaitTrue("row after skip arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 4));
        assertTrue(!showCreateDown(dbs, t).contains("uk_v2"));
        assertEquals("no pending binlog operator", cluster.dmctl("binlog", "list", "boddl").json().get("sources").get(0).get("msg").asText());

        // 4. inject ahead of a known position (set while paused, survives a worker restart), then revert another
        assertEquals(0, cluster.dmctl("pause-task", "boddl").exit());
        dbs.execUp("ALTER TABLE " + t + " ADD COLUMN d INT DEFAULT 5", "ALTER TABLE " + t + " ADD COLUMN e INT DEFAULT 6");
        String atD = positionOf(dbs, "ADD COLUMN d");
        String atE = positionOf(dbs, "ADD COLUMN e");
        Ctl inj = cluster.dmctl("binlog", "inject", "boddl", "-b", atD, "CREATE TABLE " + db + ".injected (id INT PRIMARY KEY)");
        assertEquals(0, inj.exit(), inj.out());
        assertEquals(0, cluster.dmctl("binlog", "skip", "boddl", "-b", atE).exit());
        String listed = cluster.dmctl("binlog", "list", "boddl").json().get("sources").get(0).get("msg").asText();
        assertTrue(listed.contains("inject at " + atD) && listed.contains("skip at " + atE), listed);
        Ctl rv = cluster.dmctl("binlog", "revert", "boddl", "-b", atE);
        assertEquals(0, rv.exit(), rv.out());
        assertEquals(1, cluster.dmctl("binlog", "revert", "boddl", "-b", atE).exit(), "nothing left to revert");
        listed = cluster.dmctl("binlog", "list", "boddl").json().get("sources").get(0).get("msg").asText();
        assertTrue(listed.contains("inject at " + atD) && !listed.contains("skip at"), listed);

        // the pending operator is stored downstream: it survives a worker killed with SIGKILL
        cluster.kill9(worker);
        worker = cluster.restartWorker(worker, 5);
        awaitTrue("the restarted worker has the paused subtask again", Duration.ofSeconds(60), () -> {
            JsonNode sub = cluster.subtask("boddl");
            return sub != null && "Paused".equals(sub.get("stage").asText());
        });
        awaitTrue("the inject is still pending after the restart", Duration.ofSeconds(30), () -> cluster.dmctl("binlog", "list", "boddl")
                .json().get("sources").get(0).get("msg").asText().contains("inject at " + atD));

        assertEquals(0, cluster.dmctl("resume-task", "boddl").exit());
        dbs.execUp("INSERT INTO " + t + " (id, v) VALUES (5, 'e')");
        awaitTrue("row after inject arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 5));
        assertEquals(1, dbs.queryDown("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'injected'", db)
                .size());
        assertEquals(List.of("5", "6"), dbs.queryDown("SELECT d, e FROM " + t + " WHERE id = 5").get(0),
                "the injected statement ran before ADD COLUMN d, and the reverted skip let ADD COLUMN e through");
        assertEquals("no pending binlog operator", cluster.dmctl("binlog", "list", "boddl").json().get("sources").get(0).get("msg").asText());
        dbs.execDown("DELETE FROM " + t + " WHERE id = 1000");
        TableChecksum.assertSameContent(dbs, t);
        assertEquals(0, cluster.dmctl("stop-task", "boddl").exit());
    }

    @Test
    void binlogSchemaUpdateRepairsATrackerThatDisagreesWithTheRows(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("bo_schema");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(16))", "INSERT INTO " + t + " VALUES (1, 'a')");
        startTask(dbs, "boschema", db);
        dbs.execUp("INSERT INTO " + t + " VALUES (2, 'b')");
        awaitTrue("row 2 arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 2));

        // skip an ADD COLUMN: the tracker no longer matches the rows that follow
        assertEquals(0, cluster.dmctl("pause-task", "boschema").exit());
        Ctl list = cluster.dmctl("binlog-schema", "list", "boschema", db, "t");
        assertEquals(0, list.exit(), list.out());
        assertTrue(list.json().get("sources").get(0).get("msg").asText().startsWith("CREATE TABLE"), list.out());
        dbs.execUp("ALTER TABLE " + t + " ADD COLUMN x INT", "INSERT INTO " + t + " VALUES (3, 'c', 30)");
        assertEquals(0, cluster.dmctl("binlog", "skip", "boschema", "-b", positionOf(dbs, "ADD COLUMN x")).exit());
        assertEquals(0, cluster.dmctl("resume-task", "boschema").exit());
        JsonNode err = awaitError("boschema");
        assertTrue(err.get("Workaround").asText().contains("binlog-schema update"), err.toString());

        // repair: the downstream gets the column, the tracker the upstream's structure
        dbs.execDown("ALTER TABLE " + t + " ADD COLUMN x INT");
        Path file = cluster.writeFile("t.sql", dbs.queryUp("SHOW CREATE TABLE " + t).get(0).get(1));
        Ctl u = cluster.dmctl("binlog-schema", "update", "boschema", db, "t", file.toString());
        assertEquals(0, u.exit(), u.out());
        assertTrue(u.json().get("sources").get(0).get("msg").asText().contains("`x`"), u.out());
        assertEquals(0, cluster.dmctl("resume-task", "boschema").exit());
        dbs.execUp("INSERT INTO " + t + " VALUES (4, 'd', 40)");
        awaitTrue("rows after the repair arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 4));
        TableChecksum.assertSameContent(dbs, t);

        // a running task refuses binlog-schema
        Ctl refused = cluster.dmctl("binlog-schema", "delete", "boschema", db, "t");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("pause-task"), refused.out());

        // --from-target takes the downstream's structure; delete makes the next rows load the upstream's
        assertEquals(0, cluster.dmctl("pause-task", "boschema").exit());
        Ctl fromTarget = cluster.dmctl("binlog-schema", "update", "boschema", db, "t", "--from-target");
        assertEquals(0, fromTarget.exit(), fromTarget.out());
        assertTrue(fromTarget.json().get("sources").get(0).get("msg").asText().contains("`x`"), fromTarget.out());
        assertEquals(0, cluster.dmctl("binlog-schema", "delete", "boschema", db, "t").exit());
        Ctl gone = cluster.dmctl("binlog-schema", "list", "boschema", db, "t");
        assertEquals(1, gone.exit(), gone.out());
        assertTrue(gone.out().contains("22509"), gone.out());
        assertEquals(0, cluster.dmctl("resume-task", "boschema").exit());
        dbs.execUp("INSERT INTO " + t + " VALUES (5, 'e', 50)");
        awaitTrue("rows after delete arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 5));
        TableChecksum.assertSameContent(dbs, t);
        assertEquals(0, cluster.dmctl("stop-task", "boschema").exit());
    }

    /** The {@code -b} a workaround names. */
    private static String positionIn(String workaround, String op) {
        var m = java.util.regex.Pattern.compile("binlog " + op + " \\S+ -b (\\S+?:\\d+)").matcher(workaround);
        assertTrue(m.find(), workaround);
        return m.group(1);
    }

    @Test
    void rejectedRowTransactionIsSkippedOrReplaced(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("bo_dml");
        String t = db + ".t";
        dbs.execUp("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(16))", "INSERT INTO " + t + " VALUES (1, 'a')");
        startTask(dbs, "bodml", db);
        // only the downstream refuses v = 'bad' (safe mode cannot get around a CHECK constraint)
        dbs.execDown("ALTER TABLE " + t + " ADD CONSTRAINT no_bad CHECK (v <> 'bad')");

        // 1. a rejected transaction of two rows pauses the task with its start position
        dbs.execUp("INSERT INTO " + t + " VALUES (2, 'ok')",
                "START TRANSACTION", "INSERT INTO " + t + " VALUES (3, 'fine')", "INSERT INTO " + t + " VALUES (4, 'bad')", "COMMIT",
                "INSERT INTO " + t + " VALUES (5, 'after')");
        JsonNode err = awaitError("bodml");
        assertEquals(22511, err.get("ErrCode").asInt(), err.toString());
        assertTrue(err.get("RawCause").asText().contains("no_bad"), err.toString());
        String at = positionIn(err.get("Workaround").asText(), "skip");
        assertTrue(err.get("Message").asText().contains(at.replace(":", ", ")), err.toString());
        assertTrue(arrived(dbs, t, 2), "the transaction before the rejected one is applied");

        // 2. skip: the replay drops the transaction's rows and the task continues by itself. A downstream commit
        // ends only where an upstream transaction ends, so row 3 was never committed without row 4.
        Ctl s = cluster.dmctl("binlog", "skip", "bodml");
        assertEquals(0, s.exit(), s.out());
        awaitTrue("row after the skipped transaction arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 5));
        assertTrue(!arrived(dbs, t, 4), "the rejected row is dropped");
        assertTrue(!arrived(dbs, t, 3), "no row of the skipped transaction stays downstream");

        // 3. replace runs other statements instead of the rejected transaction, and none of its rows stay
        dbs.execUp("START TRANSACTION", "INSERT INTO " + t + " VALUES (8, 'part')", "INSERT INTO " + t + " VALUES (6, 'bad')",
                "COMMIT", "INSERT INTO " + t + " VALUES (7, 'later')");
        JsonNode err2 = awaitError("bodml");
        String at2 = positionIn(err2.get("Workaround").asText(), "replace");
        Ctl r = cluster.dmctl("binlog", "replace", "bodml", "-b", at2, "INSERT INTO " + t + " VALUES (6, 'fixed')");
        assertEquals(0, r.exit(), r.out());
        // row 7 may have been committed by another queue already: wait for the replacement itself
        awaitTrue("the replacement ran", Duration.ofSeconds(60), () -> {
            try {
                return dbs.queryDown("SELECT v FROM " + t + " WHERE id = 6").equals(List.of(List.of("fixed")));
            } catch (Exception e) {
                return false;
            }
        });
        awaitTrue("row after the replaced transaction arrived", Duration.ofSeconds(60), () -> arrived(dbs, t, 7));
        awaitTrue("the operator is gone once the checkpoint passed it", Duration.ofSeconds(30), () -> "no pending binlog operator"
                .equals(cluster.dmctl("binlog", "list", "bodml").json().get("sources").get(0).get("msg").asText()));
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("5"), List.of("6"), List.of("7")),
                dbs.queryDown("SELECT id FROM " + t + " ORDER BY id"));
        assertEquals(0, cluster.dmctl("stop-task", "bodml").exit());
    }
}
