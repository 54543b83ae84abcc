package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.it.Cluster.Proc;
import io.dm4j.it.HttpJson.Answer;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DM's OpenAPI on a running master + workers against the sandbox: every documented operation is routed, a source
 * and a task created, started and replicating, paused and resumed through the source, stopped and deleted; task
 * templates; relay start, status, purge and stop; cluster members, transfer and worker offline; with
 * {@code openapi = false} the paths answer 404 naming the key.
 */
@ExtendWith(DatabasesExtension.class)
class OpenApiIT {

    static Path openApiConfig(Cluster cluster) throws java.io.IOException {
        return cluster.writeFile("dm-master.toml", "openapi = true\n");
    }

    static ObjectNode source(String id, DbEndpoint up) {
        ObjectNode s = Cluster.JSON.createObjectNode();
        s.put("source_name", id).put("host", up.host()).put("port", up.port()).put("user", up.user())
                .put("password", up.password()).put("enable_gtid", false).put("enable", true);
        return s;
    }

    static ObjectNode task(String name, String sourceId, String schema, DbEndpoint down) {
        ObjectNode t = Cluster.JSON.createObjectNode();
        t.put("name", name).put("task_mode", "all").put("enhance_online_schema_change", true).put("on_duplicate", "replace");
        t.putObject("target_config").put("host", down.host()).put("port", down.port()).put("user", down.user())
                .put("password", down.password());
        t.putArray("table_migrate_rule").addObject().putObject("source").put("source_name", sourceId).put("schema", schema)
                .put("table", "*");
        t.putObject("source_config").putArray("source_conf").addObject().put("source_name", sourceId);
        return t;
    }

    private static int count(TestDatabases dbs, String table) throws Exception {
        try (var c = dbs.downstream().connect(); var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static JsonNode onlySubtask(HttpJson api, String task) {
        Answer a = api.get("/api/v1/tasks/" + task + "/status");
        assertEquals(200, a.status(), a.toString());
        assertEquals(1, a.json().path("total").asInt(), a.toString());
        return a.json().path("data").get(0);
    }

    @Test
    void everyOperationAgainstARunningCluster(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("oapi");
        dbs.execUp("CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v VARCHAR(32))", "INSERT INTO " + db + ".t VALUES (1, 'a'), (2, 'b')");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-openapi-it"))) {
            cluster.withMasterFlags("--config", openApiConfig(cluster).toString()).startMaster();
            Proc w1 = cluster.startWorker("w1", 3);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            HttpJson api = new HttpJson(cluster.master.addr());

            // every documented operation reaches an operation (never "no such operation"), with names that do not exist
            Answer doc = api.get("/api/v1/dm.json");
            assertEquals(200, doc.status(), doc.toString());
            List<String> served = new ArrayList<>();
            for (Map.Entry<String, JsonNode> p : iterable(doc.json().path("paths"))) {
                for (Map.Entry<String, JsonNode> op : iterable(p.getValue())) {
                    String method = op.getKey().toUpperCase();
                    String path = p.getKey().replaceAll("\\{[^}]+}", "no-such-name");
                    Answer a = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
                    assertNotEquals(49401, a.json().path("error_code").asInt(), method + " " + path + ": " + a);
                    assertTrue(a.status() < 500, method + " " + path + ": " + a);
                    served.add(method + " " + p.getKey());
                }
            }
            assertTrue(served.size() >= 33, served.toString());
            Answer docs = api.get("/api/v1/docs");
            assertEquals(200, docs.status());
            assertTrue(docs.text().contains("/api/v1/dm.json"), docs.text());

            // sources
            ObjectNode newSource = source("oapi-src", dbs.upstream());
            String firstFile = RelayOpsIT.upstreamFile(dbs); // where the relay starts when it is enabled below
            newSource.putObject("relay_config").put("enable_relay", false).put("relay_binlog_name", firstFile);
            Answer created = api.send("POST", "/api/v1/sources", Map.of("source", newSource));
            assertEquals(201, created.status(), created.toString());
            assertEquals("******", created.json().path("password").asText());
            assertEquals(firstFile, created.json().path("relay_config").path("relay_binlog_name").asText(), created.toString());
            assertEquals(1, api.get("/api/v1/sources").json().path("total").asInt());
            Answer one = api.get("/api/v1/sources/oapi-src?with_status=true");
            assertEquals(200, one.status(), one.toString());
            assertEquals("w1", one.json().path("status_list").get(0).path("worker_name").asText(), one.toString());
            assertEquals("w1", api.get("/api/v1/sources/oapi-src/status").json().path("data").get(0).path("worker_name").asText());
            assertEquals(404, api.get("/api/v1/sources/nope").status());
            assertTrue(contains(api.get("/api/v1/sources/oapi-src/schemas").json(), db));
            assertTrue(contains(api.get("/api/v1/sources/oapi-src/schemas/" + db).json(), "t"));
            Answer dup = api.send("POST", "/api/v1/sources", Map.of("source", source("oapi-src", dbs.upstream())));
            assertEquals(400, dup.status());
            assertEquals(38001, dup.json().path("error_code").asInt(), dup.toString());

            // a task: created (Stopped), started, replicating
            Answer task = api.send("POST", "/api/v1/tasks", Map.of("task", task("oapitask", "oapi-src", db, dbs.downstream())));
            assertEquals(201, task.status(), task.toString());
            assertEquals("oapitask", api.get("/api/v1/tasks?stage=Stopped").json().path("data").get(0).path("name").asText());
            assertEquals("Stopped", onlySubtask(api, "oapitask").path("stage").asText());
            assertEquals(400, api.send("POST", "/api/v1/tasks", Map.of("task", task("oapitask", "oapi-src", db, dbs.downstream()))).status());
            Answer start = api.send("POST", "/api/v1/tasks/oapitask/start", "{\"remove_meta\": true}");
            assertEquals(200, start.status(), start.toString());
            awaitTrue("the task replicates in sync", Duration.ofSeconds(90), () -> {
                JsonNode st = onlySubtask(api, "oapitask");
                return st.path("stage").asText().equals("Running") && st.path("unit").asText().equals("Sync")
                        && st.path("sync_status").path("synced").asBoolean();
            });
            JsonNode sync = onlySubtask(api, "oapitask").path("sync_status");
            assertTrue(sync.has("seconds_behind_master") && sync.has("master_binlog") && sync.has("total_events"), sync.toString());
            assertEquals("w1", onlySubtask(api, "oapitask").path("worker_name").asText());
            dbs.execUp("INSERT INTO " + db + ".t VALUES (3, 'c')");
            awaitTrue("row 3 downstream", Duration.ofSeconds(60), () -> {
                try {
                    return count(dbs, db + ".t") == 3;
                } catch (Exception e) {
                    return false;
                }
            });
            assertTrue(cluster.dmctl("query-status", "oapitask").ok()); // the same task dmctl sees
            Answer listed = api.get("/api/v1/tasks?with_status=true&source_name_list=oapi-src");
            assertEquals(1, listed.json().path("total").asInt(), listed.toString());
            assertEquals("Running", listed.json().path("data").get(0).path("status_list").get(0).path("stage").asText());
            assertEquals("******", api.get("/api/v1/tasks/oapitask").json().path("target_config").path("password").asText());
            assertEquals(List.of(db), texts(api.get("/api/v1/tasks/oapitask/sources/oapi-src/schemas").json()));
            assertEquals(List.of("t"), texts(api.get("/api/v1/tasks/oapitask/sources/oapi-src/schemas/" + db).json()));

            // disable/enable the source = pause/resume its tasks
            assertEquals(200, api.send("POST", "/api/v1/sources/oapi-src/disable", null).status());
            awaitTrue("paused", Duration.ofSeconds(30), () -> onlySubtask(api, "oapitask").path("stage").asText().equals("Paused"));
            assertEquals("Paused", cluster.subtask("oapitask").get("stage").asText());
            // the tracked table structure while paused (binlog-schema list / delete / update)
            String structure = "/api/v1/tasks/oapitask/sources/oapi-src/schemas/" + db + "/t";
            Answer tracked = api.get(structure);
            assertEquals(200, tracked.status(), tracked.toString());
            String createSql = tracked.json().path("schema_create_sql").asText();
            assertTrue(createSql.contains("CREATE TABLE") && createSql.contains("`v`"), tracked.toString());
            assertEquals("t", tracked.json().path("table_name").asText(), tracked.toString());
            Answer noSql = api.send("PUT", structure, "{\"flush\": true}");
            assertEquals(49880, noSql.json().path("error_code").asInt(), noSql.toString());
            assertTrue(noSql.json().path("error_msg").asText().contains("`sql_content`"), noSql.toString());
            assertEquals(204, api.send("DELETE", structure, null).status());
            Answer put = api.send("PUT", structure, Map.of("sql_content", createSql, "flush", true));
            assertEquals(200, put.status(), put.toString());
            assertEquals(createSql, api.get(structure).json().path("schema_create_sql").asText());
            assertEquals(200, api.send("POST", "/api/v1/sources/oapi-src/enable", null).status());
            awaitTrue("running again", Duration.ofSeconds(30), () -> onlySubtask(api, "oapitask").path("stage").asText().equals("Running"));

            // templates
            JsonNode tpl = task("tpl1", "oapi-src", db, dbs.downstream());
            assertEquals(201, api.send("POST", "/api/v1/tasks/templates", tpl).status());
            Answer dupTpl = api.send("POST", "/api/v1/tasks/templates", tpl);
            assertEquals(49003, dupTpl.json().path("error_code").asInt(), dupTpl.toString());
            assertEquals("tpl1", api.get("/api/v1/tasks/templates/tpl1").json().path("name").asText());
            ((ObjectNode) tpl).put("task_mode", "incremental");
            Answer updated = api.send("PUT", "/api/v1/tasks/templates/tpl1", tpl);
            assertEquals(200, updated.status(), updated.toString());
            assertEquals("incremental", api.get("/api/v1/tasks/templates/tpl1").json().path("task_mode").asText());
            Answer imported = api.send("POST", "/api/v1/tasks/templates/import", "{\"overwrite\": false}");
            assertEquals(202, imported.status(), imported.toString());
            assertEquals("oapitask", imported.json().path("success_task_list").get(0).asText(), imported.toString());
            assertEquals(2, api.get("/api/v1/tasks/templates").json().path("total").asInt());
            assertEquals(204, api.send("DELETE", "/api/v1/tasks/templates/tpl1", null).status());
            assertEquals(49004, api.get("/api/v1/tasks/templates/tpl1").json().path("error_code").asInt());

            // stop keeps the task listed as Stopped; delete removes it
            Answer running = api.send("DELETE", "/api/v1/tasks/oapitask", null);
            assertEquals(49402, running.json().path("error_code").asInt(), running.toString());
            assertEquals(200, api.send("POST", "/api/v1/tasks/oapitask/stop", "{}").status());
            assertEquals("Stopped", onlySubtask(api, "oapitask").path("stage").asText());
            assertFalse(cluster.dmctl("query-status", "oapitask").ok(), "stopped: dmctl no longer sees the task");
            assertEquals(204, api.send("DELETE", "/api/v1/tasks/oapitask", null).status());
            assertEquals(404, api.get("/api/v1/tasks/oapitask").status());

            // relay: start-relay, its status, purge-relay, stop-relay
            Answer enable = api.send("POST", "/api/v1/sources/oapi-src/relay/enable", "{}");
            assertEquals(200, enable.status(), enable.toString());
            awaitTrue("relay Running", Duration.ofSeconds(60), () -> "Running".equals(relayStatus(api).path("stage").asText()));
            dbs.execUp("FLUSH BINARY LOGS", "INSERT INTO " + db + ".t VALUES (4, 'd')"); // a second file for the relay
            awaitTrue("purge-relay of the files before the upstream's newest is accepted", Duration.ofSeconds(60), () -> {
                String newest;
                try {
                    newest = RelayOpsIT.upstreamFile(dbs);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Answer purge = api.send("POST", "/api/v1/sources/oapi-src/relay/purge", Map.of("relay_binlog_name", newest));
                // until the relay has copied that file, purge-relay refuses with its own error (DM's 30042)
                assertTrue(purge.status() == 200 || purge.json().path("error_code").asInt() == 30042, purge.toString());
                return purge.status() == 200;
            });
            Answer badPurge = api.send("POST", "/api/v1/sources/oapi-src/relay/purge", "{}");
            assertTrue(badPurge.json().path("error_msg").asText().contains("relay_binlog_name"), badPurge.toString());
            Answer disable = api.send("POST", "/api/v1/sources/oapi-src/relay/disable", "{}");
            assertEquals(200, disable.status(), disable.toString());
            awaitTrue("relay stopped", Duration.ofSeconds(60), () -> relayStatus(api).path("stage").asText("").isEmpty());

            // cluster members, transfer, worker offline
            Answer masters = api.get("/api/v1/cluster/masters");
            assertEquals("master1", masters.json().path("data").get(0).path("name").asText(), masters.toString());
            assertTrue(masters.json().path("data").get(0).path("leader").asBoolean());
            assertEquals(400, api.send("DELETE", "/api/v1/cluster/masters/master1", null).status());
            cluster.startWorker("w2", 3);
            awaitTrue("w2 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w2")));
            Answer moved = api.send("POST", "/api/v1/sources/oapi-src/transfer", Map.of("worker_name", "w2"));
            assertEquals(200, moved.status(), moved.toString());
            JsonNode workers = api.get("/api/v1/cluster/workers").json();
            assertEquals(2, workers.path("total").asInt(), workers.toString());
            for (JsonNode w : workers.path("data")) {
                assertEquals(w.path("name").asText().equals("w2") ? "oapi-src" : "", w.path("bound_source_name").asText(), workers.toString());
            }
            Answer alive = api.send("DELETE", "/api/v1/cluster/workers/w1", null);
            assertEquals(38011, alive.json().path("error_code").asInt(), alive.toString());
            cluster.kill9(w1);
            awaitTrue("w1 offline", Duration.ofSeconds(30), () -> "offline".equals(cluster.workerStages().get("w1")));
            assertEquals(204, api.send("DELETE", "/api/v1/cluster/workers/w1", null).status());
            assertEquals(1, api.get("/api/v1/cluster/workers").json().path("total").asInt());

            assertEquals(204, api.send("DELETE", "/api/v1/sources/oapi-src", null).status());
            assertEquals(0, api.get("/api/v1/sources").json().path("total").asInt());
        }
    }

    @Test
    void updatesConvertersMigrateTargetsAndClusterInfo(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("oapi2");
        dbs.execUp("CREATE TABLE " + db + ".t1 (id INT PRIMARY KEY)", "CREATE TABLE " + db + ".t2 (id INT PRIMARY KEY)",
                "CREATE TABLE " + db + ".other (id INT PRIMARY KEY)");
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-openapi2-it"))) {
            cluster.withMasterFlags("--config", openApiConfig(cluster).toString()).startMaster();
            cluster.startWorker("w1", 3);
            awaitTrue("w1 free", Duration.ofSeconds(30), () -> "free".equals(cluster.workerStages().get("w1")));
            HttpJson api = new HttpJson(cluster.master.addr());

            // PUT /sources/{name}: replaced, on the same worker; a rename is refused naming the field
            assertEquals(201, api.send("POST", "/api/v1/sources", Map.of("source", source("oapi2-src", dbs.upstream()))).status());
            ObjectNode changed = source("oapi2-src", dbs.upstream());
            changed.put("enable_gtid", true);
            Answer updated = api.send("PUT", "/api/v1/sources/oapi2-src", Map.of("source", changed));
            assertEquals(200, updated.status(), updated.toString());
            assertTrue(api.get("/api/v1/sources/oapi2-src").json().path("enable_gtid").asBoolean(), "the update is stored");
            awaitTrue("bound to w1 again", Duration.ofSeconds(30), () -> "w1".equals(
                    api.get("/api/v1/sources/oapi2-src/status").json().path("data").get(0).path("worker_name").asText()));
            Answer renamed = api.send("PUT", "/api/v1/sources/oapi2-src", Map.of("source", source("other-name", dbs.upstream())));
            assertEquals(400, renamed.status(), renamed.toString());
            assertEquals(49880, renamed.json().path("error_code").asInt(), renamed.toString());
            assertTrue(renamed.json().path("error_msg").asText().contains("`source.source_name`"), renamed.toString());

            // PUT /tasks/{name} of a created (stopped) task; the route it adds shows in migrate_targets
            ObjectNode task = task("oapi2task", "oapi2-src", db, dbs.downstream());
            assertEquals(201, api.send("POST", "/api/v1/tasks", Map.of("task", task)).status());
            ((ObjectNode) task.path("table_migrate_rule").get(0)).putObject("target").put("schema", "merged").put("table", "all_t");
            ((ObjectNode) task.path("table_migrate_rule").get(0).path("source")).put("table", "t*");
            task.put("task_mode", "incremental");
            Answer taskUpdated = api.send("PUT", "/api/v1/tasks/oapi2task", Map.of("task", task));
            assertEquals(200, taskUpdated.status(), taskUpdated.toString());
            assertEquals("incremental", api.get("/api/v1/tasks/oapi2task").json().path("task_mode").asText());
            Answer targets = api.get("/api/v1/tasks/oapi2task/sources/oapi2-src/migrate_targets");
            assertEquals(200, targets.status(), targets.toString());
            assertEquals(2, targets.json().path("total").asInt(), targets.toString()); // t1, t2; not `other`
            for (JsonNode t : targets.json().path("data")) {
                assertEquals(db, t.path("source_schema").asText(), targets.toString());
                assertEquals("merged", t.path("target_schema").asText(), targets.toString());
                assertEquals("all_t", t.path("target_table").asText(), targets.toString());
            }
            Answer onlyT2 = api.get("/api/v1/tasks/oapi2task/sources/oapi2-src/migrate_targets?table_pattern=t2");
            assertEquals(List.of("t2"), onlyT2.json().path("data").findValuesAsText("source_table"), onlyT2.toString());
            Answer badPattern = api.get("/api/v1/tasks/oapi2task/sources/oapi2-src/migrate_targets?table_pattern=a*b");
            assertEquals(49880, badPattern.json().path("error_code").asInt(), badPattern.toString());
            assertTrue(badPattern.json().path("error_msg").asText().contains("`table_pattern`"), badPattern.toString());
            task.put("name", "renamed");
            Answer taskRenamed = api.send("PUT", "/api/v1/tasks/oapi2task", Map.of("task", task));
            assertEquals(49880, taskRenamed.json().path("error_code").asInt(), taskRenamed.toString());
            assertTrue(taskRenamed.json().path("error_msg").asText().contains("`task.name`"), taskRenamed.toString());
            task.put("name", "oapi2task");

            // converters: Task -> task file -> Task
            Answer toFile = api.send("POST", "/api/v1/tasks/converters", Map.of("task", task));
            assertEquals(201, toFile.status(), toFile.toString());
            String file = toFile.json().path("task_config_file").asText();
            assertTrue(file.contains("oapi2task") && file.contains("incremental"), file);
            Answer toTask = api.send("POST", "/api/v1/tasks/converters", Map.of("task_config_file", file));
            assertEquals(201, toTask.status(), toTask.toString());
            assertEquals("oapi2task", toTask.json().path("task").path("name").asText(), toTask.toString());
            assertEquals("incremental", toTask.json().path("task").path("task_mode").asText(), toTask.toString());
            Answer neither = api.send("POST", "/api/v1/tasks/converters", "{}");
            assertEquals(49880, neither.json().path("error_code").asInt(), neither.toString());
            assertTrue(neither.json().path("error_msg").asText().contains("`task`"), neither.toString());

            // cluster info: an id drawn once, the topology recorded as given, a bad port named
            Answer info = api.get("/api/v1/cluster/info");
            assertEquals(200, info.status(), info.toString());
            assertTrue(info.json().path("cluster_id").isIntegralNumber(), info.toString());
            assertEquals(info.json().path("cluster_id"), api.get("/api/v1/cluster/info").json().path("cluster_id"));
            String topology = "{\"master_topology_list\": [{\"name\": \"master1\", \"host\": \"10.0.0.1\", \"port\": 8261}],"
                    + " \"grafana_topology\": {\"host\": \"10.0.0.9\", \"port\": 3000}}";
            Answer put = api.send("PUT", "/api/v1/cluster/info", topology);
            assertEquals(200, put.status(), put.toString());
            assertEquals(info.json().path("cluster_id"), put.json().path("cluster_id"));
            JsonNode recorded = api.get("/api/v1/cluster/info").json().path("topology");
            assertEquals(8261, recorded.path("master_topology_list").get(0).path("port").asInt(), recorded.toString());
            assertEquals("10.0.0.9", recorded.path("grafana_topology").path("host").asText(), recorded.toString());
            Answer badPort = api.send("PUT", "/api/v1/cluster/info", topology.replace("8261", "70000"));
            assertEquals(49880, badPort.json().path("error_code").asInt(), badPort.toString());
            assertTrue(badPort.json().path("error_msg").asText().contains("`master_topology_list[0].port`"), badPort.toString());
        }
    }

    @Test
    void offByDefaultAnswers404NamingTheKey() throws Exception {
        try (Cluster cluster = new Cluster(Files.createTempDirectory("dm4j-openapi-off-it"))) {
            cluster.startMaster();
            HttpJson api = new HttpJson(cluster.master.addr());
            for (String path : List.of("/api/v1/sources", "/api/v1/dm.json")) {
                Answer a = api.get(path);
                assertEquals(404, a.status(), a.toString());
                assertEquals(49400, a.json().path("error_code").asInt(), a.toString());
                assertTrue(a.json().path("error_msg").asText().contains("openapi = true"), a.toString());
            }
            assertEquals(404, api.send("POST", "/api/v1/tasks", "{}").status());
        }
    }

    private static JsonNode relayStatus(HttpJson api) {
        return api.get("/api/v1/sources/oapi-src/status").json().path("data").get(0).path("relay_status");
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    static boolean contains(JsonNode array, String value) {
        return texts(array).contains(value);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
