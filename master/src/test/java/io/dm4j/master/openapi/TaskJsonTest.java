package io.dm4j.master.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.config.MysqlInstance;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.config.TaskMode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.filter.RouteRule;
import io.dm4j.common.filter.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DM's OpenAPI Task and Source objects become the task and source files dmctl takes, and back. */
class TaskJsonTest {
    static final String TASK = """
            {"name": "api-task", "task_mode": "all", "meta_schema": "dm_meta", "enhance_online_schema_change": true,
             "on_duplicate": "error",
             "target_config": {"host": "127.0.0.1", "port": 4000, "user": "root", "password": "123456"},
             "binlog_filter_rule": {"no-drop": {"ignore_event": ["drop table"], "ignore_sql": ["^TRUNCATE"]}},
             "table_migrate_rule": [
               {"source": {"source_name": "src-1", "schema": "shop", "table": "orders_*"},
                "target": {"schema": "shop_all", "table": "orders"}, "binlog_filter_rule": ["no-drop"]},
               {"source": {"source_name": "src-1", "schema": "crm", "table": "*"}},
               {"source": {"source_name": "src-2", "schema": "shop", "table": "orders_*"},
                "target": {"schema": "shop_all"}}],
             "source_config": {
               "full_migrate_conf": {"export_threads": 2, "import_threads": 3, "data_dir": "./dumped", "consistency": "none"},
               "incr_migrate_conf": {"repl_threads": 5, "repl_batch": 50},
               "source_conf": [{"source_name": "src-1", "binlog_name": "mysql-bin.000002", "binlog_pos": 1234},
                               {"source_name": "src-2"}]},
             "ignore_checking_items": ["version"]}
            """;

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void taskObjectBecomesTheTaskFileDmctlTakes() throws Exception {
        TaskConfig cfg = TaskConfig.parse(TaskJson.toYaml(json(TASK)), "test");

        assertEquals("api-task", cfg.name());
        assertEquals(TaskMode.ALL, cfg.taskMode());
        assertEquals(4000, cfg.targetDatabase().port());
        assertEquals("123456", cfg.targetDatabase().password().reveal());
        assertEquals(List.of("src-1", "src-2"), cfg.sourceIds());
        assertEquals(List.of("version"), cfg.ignoreCheckingItems());
        MysqlInstance one = cfg.mysqlInstances().get(0);
        assertEquals("mysql-bin.000002", one.meta().binlogName());
        assertEquals(1234, one.meta().binlogPos());
        assertEquals(List.of(new TableRef("shop", "orders_*"), new TableRef("crm", "*")),
                cfg.blockAllowList().get(one.blockAllowList()).doTables());
        RouteRule route = cfg.routes().get(one.routeRules().get(0));
        assertEquals(List.of("shop", "orders_*", "shop_all", "orders"),
                List.of(route.schemaPattern(), route.tablePattern(), route.targetSchema(), route.targetTable()));
        var filter = cfg.filters().get(one.filterRules().get(0));
        assertEquals(List.of("drop table"), filter.events());
        assertEquals(List.of("^TRUNCATE"), filter.sqlPatterns());
        for (SubTaskConfig sub : cfg.subTasks()) {
            assertEquals(2, sub.mydumper().threads());
            assertEquals("none", sub.mydumper().consistency().orElseThrow());
            assertEquals(3, sub.loader().poolSize());
            assertEquals("./dumped", sub.loader().dir());
            assertEquals("error", sub.loader().onDuplicateLogical().label());
            assertEquals(5, sub.syncer().workerCount());
            assertEquals(50, sub.syncer().batch());
        }
        RouteRule schemaOnly = cfg.routes().get(cfg.mysqlInstances().get(1).routeRules().get(0));
        assertEquals("shop_all", schemaOnly.targetSchema());
    }

    @Test
    void storedTaskFileShowsAsTheSameTaskObjectPasswordHidden() throws Exception {
        JsonNode back = TaskJson.fromConfig(TaskConfig.parse(TaskJson.toYaml(json(TASK)), "test"));

        assertEquals("api-task", back.path("name").asText());
        assertEquals("******", back.path("target_config").path("password").asText());
        assertEquals("error", back.path("on_duplicate").asText());
        assertEquals(2, back.path("source_config").path("full_migrate_conf").path("export_threads").asInt());
        assertEquals(5, back.path("source_config").path("incr_migrate_conf").path("repl_threads").asInt());
        assertEquals(1234, back.path("source_config").path("source_conf").get(0).path("binlog_pos").asInt());
        JsonNode first = back.path("table_migrate_rule").get(0);
        assertEquals("orders_*", first.path("source").path("table").asText());
        assertEquals("orders", first.path("target").path("table").asText());
        assertEquals(1, first.path("binlog_filter_rule").size());
        assertEquals(3, back.path("table_migrate_rule").size());
        // and the object read back converts to an equivalent file again
        TaskConfig again = TaskConfig.parse(TaskJson.toYaml(((com.fasterxml.jackson.databind.node.ObjectNode) back)
                .put("target_config", "x").set("target_config", json("{\"host\":\"h\",\"port\":1,\"user\":\"u\"}"))), "again");
        assertEquals(List.of("src-1", "src-2"), again.sourceIds());
    }

    @Test
    void ruleForASourceOutsideTheTaskIsRefusedNamingIt() throws Exception {
        String bad = TASK.replace("\"source_name\": \"src-2\", \"schema\"", "\"source_name\": \"src-9\", \"schema\"");
        DmException e = assertThrows(DmException.class, () -> TaskJson.toYaml(json(bad)));
        assertEquals(49002, e.code().code());
        assertTrue(e.getMessage().contains("src-9"), e.getMessage());
    }

    @Test
    void missingRequiredFieldNamesIt() throws Exception {
        DmException e = assertThrows(DmException.class, () -> TaskJson.toYaml(json("{\"name\":\"t\",\"target_config\":{}}")));
        assertTrue(e.getMessage().contains("task_mode"), e.getMessage());
    }

    @Test
    void sourceObjectBecomesTheSourceFileAndShowsWithoutSecrets() throws Exception {
        String source = """
                {"source_name": "src-1", "host": "10.0.0.1", "port": 3307, "user": "dm", "password": "42",
                 "enable_gtid": true, "enable": true, "flavor": "mariadb",
                 "security": {"ssl_ca_content": "", "ssl_cert_content": "", "ssl_key_content": "", "cert_allowed_cn": ["db"]},
                 "purge": {"interval": 60, "expires": 1, "remain_space": 5},
                 "relay_config": {"enable_relay": false}}
                """;
        SourceConfig cfg = SourceConfig.parse(SourceJson.toYaml(json(source)), "test");

        assertEquals("src-1", cfg.sourceId());
        assertEquals(3307, cfg.from().port());
        assertEquals("42", cfg.from().password().reveal());
        assertTrue(cfg.enableGtid());
        assertEquals("mariadb", cfg.flavor().label());
        assertEquals(List.of("db"), cfg.from().security().certAllowedCn());
        assertEquals(60, cfg.purge().interval());
        JsonNode shown = SourceJson.fromConfig(cfg, List.of("t1"));
        assertEquals("******", shown.path("password").asText());
        assertTrue(shown.path("security").isNull());
        assertEquals("t1", shown.path("task_name_list").get(0).asText());
        assertEquals(5, shown.path("purge").path("remain_space").asInt());
    }

    @Test
    void statusFieldsInSnakeCase() {
        assertEquals("seconds_behind_master", StatusJson.snake("secondsBehindMaster"));
        assertEquals("meta_binlog_gtid", StatusJson.snake("metaBinlogGTID"));
        assertEquals("blocking_ddls", StatusJson.snake("blockingDDLs"));
        assertEquals("total_tps", StatusJson.snake("totalTps"));
    }
}
