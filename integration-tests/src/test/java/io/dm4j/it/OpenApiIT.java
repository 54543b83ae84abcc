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
