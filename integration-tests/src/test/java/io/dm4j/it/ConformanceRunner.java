package io.dm4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dm4j.common.config.TaskMode;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays a corpus of DM-style conformance cases through the real dm-master, dm-worker and dmctl; one runner for
 * both corpora: the project's own ({@code conformance/}, {@link ConformanceIT}) and DM's
 * ({@code shared/peer-suites/dm-tests}, {@link DmPeerSuiteIT}). A case is a folder with {@code case.json},
 * {@code source1.yaml}, a task file and SQL files (format: {@code conformance/README.md}). For each case: the steps of
 * its {@code case.json} in order (SQL upstream, then {@code operate-source create} + {@code start-task}), then every
 * {@code compare} entry must hold downstream and the {@code absent} schemas/tables must not exist there.
 *
 * <p>The runner adapts the files to the sandbox as DM's run.sh adapts them to its environment: addresses and
 * accounts, only the first {@code mysql-instances} entry (source 1), a task name per case, and for incremental cases
 * a {@code meta} at the upstream position taken just before the case's first SQL.
 */
final class ConformanceRunner {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC_WAIT = Duration.ofSeconds(150);
    private static final int ER_EMPTY_QUERY = 1065;

    private final Cluster cluster;
    private final TestDatabases dbs;
    private final String taskPrefix;

    /** @param taskPrefix put before each case's folder name to name its task */
    ConformanceRunner(Cluster cluster, TestDatabases dbs, String taskPrefix) {
        this.cluster = cluster;
        this.dbs = dbs;
        this.taskPrefix = taskPrefix;
    }

    /** One dynamic test per case folder of {@code corpus}; fails unless there are at least {@code atLeast}. */
    Stream<DynamicTest> cases(Path corpus, int atLeast) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(corpus)) {
            cases = s.filter(p -> Files.isRegularFile(p.resolve("case.json"))).sorted().toList();
        }
        assertTrue(cases.size() >= atLeast, "expected at least " + atLeast + " cases in " + corpus + ", found " + cases.size());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runCase(dir)));
    }

    private void runCase(Path dir) throws Exception {
        String name = dir.getFileName().toString();
        JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
        DbEndpoint up = dbs.upstream();
        BinlogPosition before = masterPosition();
        String gtidBefore = TestDatabases.query(up, "SELECT @@GLOBAL.gtid_binlog_pos").get(0).get(0);
        for (JsonNode schema : spec.path("schemas")) {
            dbs.execDown("DROP DATABASE IF EXISTS `" + schema.asText() + "`");
        }
        // What must stay absent may have been copied by another test's unfiltered task in an earlier run
        // (the sandbox outlives a run, and the case's own prepare SQL creates it upstream).
        for (JsonNode absent : spec.path("absent")) {
            String a = absent.asText();
            dbs.execDown(a.indexOf('.') < 0 ? "DROP DATABASE IF EXISTS `" + a + "`"
                    : "DROP TABLE IF EXISTS `" + a.substring(0, a.indexOf('.')) + "`.`" + a.substring(a.indexOf('.') + 1) + "`");
        }
        String task = taskPrefix + name;
        String sourceId = null;
        TaskMode mode = null;
        try {
            for (JsonNode step : spec.get("order")) {
                String s = step.asText();
                int colon = s.indexOf(':');
                String kind = s.substring(0, colon).trim();
                String arg = s.substring(colon + 1).trim();
                switch (kind) {
                    case "prepare", "increment" -> runSqlFile(dir.resolve(arg));
                    case "sql" -> runSql(arg);
                    case "start-task" -> {
                        ObjectNode source = (ObjectNode) YAML.readTree(dir.resolve("source1.yaml").toFile());
                        sourceId = source.get("source-id").asText();
                        ObjectNode taskNode = adaptTask((ObjectNode) YAML.readTree(dir.resolve(arg).toFile()), task,
                                spec, before, gtidBefore);
                        mode = taskMode(taskNode.get("task-mode").asText());
                        assertTrue(DefaultUnitFactory.supports(mode),
                                "this build lacks a unit for task-mode " + mode + " (case " + name + ")");
                        Path sourceFile = cluster.writeFile(name + "-source.yaml", YAML.writeValueAsString(adaptSource(source)));
                        Path taskFile = cluster.writeFile(name + "-task.yaml", YAML.writeValueAsString(taskNode));
                        Cluster.Ctl created = cluster.dmctl("operate-source", "create", sourceFile.toString());
                        assertTrue(created.ok(), "operate-source create: " + created.out());
                        Cluster.Ctl started = cluster.dmctl("start-task", "--remove-meta", taskFile.toString());
                        assertTrue(started.ok(), "start-task: " + started.out());
                        // DM's run.sh checks the full copy before it writes the increments.
                        awaitUnit(task, mode);
                    }
                    default -> throw new AssertionError("unknown step '" + s + "' in " + dir.resolve("case.json"));
                }
            }
            awaitCaughtUp(task, mode);
            for (JsonNode cmp : spec.path("compare")) {
                if (cmp.has("down-sql")) {
                    assertQuery(name, cmp);
                    continue;
                }
                String upTable = cmp.get("up").asText();
                String downTable = cmp.has("down") ? cmp.get("down").asText() : upTable;
                if (cmp.has("where")) {
                    assertSameRows(upTable, cmp.get("where").asText(), downTable);
                } else {
                    TableChecksum.assertSameContent(up, upTable, dbs.downstream(), downTable);
                }
            }
            for (JsonNode absent : spec.path("absent")) {
                String a = absent.asText();
                int dot = a.indexOf('.');
                List<List<String>> found = dot < 0
                        ? dbs.queryDown("SHOW DATABASES LIKE '" + a + "'")
                        : dbs.queryDown("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                                a.substring(0, dot), a.substring(dot + 1));
                assertEquals(List.of(), found, a + " must not reach the downstream (block-allow-list)");
            }
        } finally {
            if (sourceId != null) {
                cluster.dmctl("stop-task", task);
                cluster.dmctl("operate-source", "stop", sourceId);
            }
        }
    }

    /** Waits until the full copy is over: the subtask runs its sync unit, or has finished (full mode). */
    private void awaitUnit(String task, TaskMode mode) {
        String[] last = {""};
        try {
            Cluster.awaitTrue("task " + task + " past its full copy", SYNC_WAIT, () -> {
                JsonNode sub = cluster.subtask(task);
                last[0] = String.valueOf(sub);
                return sub != null && (mode == TaskMode.FULL ? "Finished".equals(sub.path("stage").asText())
                        : "Sync".equals(sub.path("unit").asText()) && "Running".equals(sub.path("stage").asText()));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last[0], e);
        }
    }

    /** Waits until the task has applied everything written so far (incremental/all) or finished (full). */
    private void awaitCaughtUp(String task, TaskMode mode) throws Exception {
        BinlogPosition target = masterPosition();
        String[] last = {""};
        try {
            awaitCaughtUp(task, mode, target, last);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last[0], e);
        }
    }

    private void awaitCaughtUp(String task, TaskMode mode, BinlogPosition target, String[] last) {
        Cluster.awaitTrue("task " + task + " caught up with " + target, SYNC_WAIT, () -> {
            JsonNode sub = cluster.subtask(task);
            last[0] = String.valueOf(sub);
            if (sub == null) {
                return false;
            }
            if (mode == TaskMode.FULL) {
                return "Finished".equals(sub.get("stage").asText());
            }
            if (!Cluster.synced(sub)) {
                return false;
            }
            String master = sub.get("sync").path("masterBinlog").asText("");
            return !master.isEmpty() && parsePosition(master).compareTo(target) >= 0;
        });
    }

    private static TaskMode taskMode(String label) {
        for (TaskMode m : TaskMode.values()) {
            if (m.label().equalsIgnoreCase(label)) {
                return m;
            }
        }
        throw new AssertionError("unknown task-mode " + label);
    }

    private ObjectNode adaptTask(ObjectNode t, String task, JsonNode spec, BinlogPosition before, String gtidBefore) {
        t.put("name", task);
        pointAt((ObjectNode) t.get("target-database"), dbs.downstream());
        ArrayNode instances = (ArrayNode) t.get("mysql-instances");
        while (instances.size() > 1) {
            instances.remove(instances.size() - 1); // DM's source 1 only (see the suite's README)
        }
        ObjectNode first = (ObjectNode) instances.get(0);
        if (first.has("meta") || spec.has("meta")) {
            ObjectNode meta = first.putObject("meta");
            meta.put("binlog-name", before.file());
            meta.put("binlog-pos", before.pos());
            meta.put("binlog-gtid", gtidBefore);
        }
        return t;
    }

    private ObjectNode adaptSource(ObjectNode s) {
        return sourceAt(s, dbs.upstream());
    }

    /** A source file's {@code from} pointed at {@code up}, its flavor detected (files say mysql, the sandbox may be MariaDB). */
    static ObjectNode sourceAt(ObjectNode source, DbEndpoint up) {
        pointAt((ObjectNode) source.get("from"), up);
        source.put("flavor", "");
        return source;
    }

    /** Sets host, port, user and password of a {@code from} / {@code target-database} section. */
    static void pointAt(ObjectNode db, DbEndpoint endpoint) {
        db.put("host", endpoint.host());
        db.put("port", endpoint.port());
        db.put("user", endpoint.user());
        db.put("password", endpoint.password());
    }

    private void runSqlFile(Path file) throws IOException, SQLException {
        runSql(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * One new session per step, statement by statement, as DM's run.sh runs each file with the mysql client.
     * A statement that is only a version comment MariaDB skips (MySQL-8 {@code /*!80013 ... *}{@code /}) is empty
     * for the server, which the client tolerates.
     */
    private void runSql(String sql) throws SQLException {
        runScript(dbs.upstream(), sql);
    }

    /** Runs a SQL script statement by statement in one new session, as the mysql client would. */
    static void runScript(DbEndpoint db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // DM's test servers keep an explicit 0 in AUTO_INCREMENT columns (all_mode relies on it).
            st.execute("SET SESSION sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
            for (String one : SqlScript.split(sql)) {
                try {
                    st.execute(one);
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_EMPTY_QUERY) {
                        throw new SQLException(e.getMessage() + " in: " + one, e.getSQLState(), e.getErrorCode(), e);
                    }
                }
            }
        }
    }

    private BinlogPosition masterPosition() throws SQLException {
        List<String> row = TestDatabases.query(dbs.upstream(), "SHOW MASTER STATUS").get(0);
        return new BinlogPosition(row.get(0), Long.parseLong(row.get(1)));
    }

    private static BinlogPosition parsePosition(String dm) {
        String inner = dm.replace("(", "").replace(")", "");
        int comma = inner.indexOf(',');
        return new BinlogPosition(inner.substring(0, comma).trim(), Long.parseLong(inner.substring(comma + 1).trim()));
    }

    /** The downstream table equals the upstream rows matching {@code where} (expression-filter cases). */
    private void assertSameRows(String upTable, String where, String downTable) throws SQLException {
        List<String> cols = new ArrayList<>();
        String[] ut = upTable.split("\\.");
        for (List<String> r : dbs.queryUp("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION", ut[0], ut[1])) {
            cols.add("HEX(CAST(`" + r.get(0) + "` AS BINARY))");
        }
        String select = "SELECT " + String.join(", ", cols) + " FROM ";
        String order = " ORDER BY " + String.join(", ", cols);
        List<List<String>> upRows = dbs.queryUp(select + quoted(upTable) + " WHERE " + where + order);
        List<List<String>> downRows = dbs.queryDown(select + quoted(downTable) + order);
        assertEquals(upRows, downRows, downTable + " must equal " + upTable + " WHERE " + where);
        assertTrue(!upRows.isEmpty(), "the comparison must see rows");
    }

    private static String quoted(String table) {
        String[] p = table.split("\\.");
        return "`" + p[0] + "`.`" + p[1] + "`";
    }

    /**
     * {@code down-sql} must return the rows of {@code up-sql} (run upstream), or the literal {@code expect} rows
     * (values as text, null for NULL), for what a table comparison cannot say: merged shards, filtered events.
     */
    private void assertQuery(String name, JsonNode cmp) throws SQLException {
        String downSql = cmp.get("down-sql").asText();
        List<List<String>> expected;
        if (cmp.has("up-sql")) {
            expected = dbs.queryUp(cmp.get("up-sql").asText());
            assertTrue(!expected.isEmpty(), name + ": up-sql must return rows: " + cmp.get("up-sql").asText());
        } else if (cmp.has("expect")) {
            expected = new ArrayList<>();
            for (JsonNode row : cmp.get("expect")) {
                List<String> r = new ArrayList<>();
                row.forEach(v -> r.add(v.isNull() ? null : v.asText()));
                expected.add(r);
            }
        } else {
            throw new AssertionError(name + ": a down-sql comparison needs up-sql or expect: " + cmp);
        }
        assertEquals(expected, dbs.queryDown(downSql), name + ": " + downSql);
    }
}
