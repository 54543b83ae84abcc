package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.BinlogMeta;
import io.dm4j.common.config.DbConfig;
import io.dm4j.common.config.MysqlInstance;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.RouteRule;
import io.dm4j.common.filter.TableRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DM's OpenAPI {@code Task} object and task.yaml. A request's task becomes the file {@code start-task} takes: each
 * {@code table_migrate_rule} gives its source a block-allow-list entry, a route when it has a target, and one
 * event filter per named {@code binlog_filter_rule}; the thread settings become the {@code mydumpers},
 * {@code loaders} and {@code syncers} sections. A stored task file is shown as a {@code Task} the other way round
 * (password hidden).
 */
final class TaskJson {
    /** The name of the dump/load/sync settings the generated file defines. */
    private static final String SETTINGS = "global";

    private TaskJson() {
    }

    /** The task.yaml text for a {@code Task} object of a request. */
    static String toYaml(JsonNode task) {
        if (!task.isObject()) {
            throw OpenApiErrors.BAD_REQUEST.error("the request needs a `task` object");
        }
        String name = Json.requiredText(task, "name", "task");
        ObjectNode y = Json.object();
        y.put("name", name);
        y.put("task-mode", Json.requiredText(task, "task_mode", "task " + name));
        copyText(task, "shard_mode", y, "shard-mode");
        copyText(task, "meta_schema", y, "meta-schema");
        if (task.has("enhance_online_schema_change")) {
            y.put("online-ddl", task.path("enhance_online_schema_change").asBoolean(true));
        }
        List<String> ignored = Json.texts(task, "ignore_checking_items");
        if (!ignored.isEmpty()) {
            y.set("ignore-checking-items", Json.array(ignored));
        }
        JsonNode target = task.path("target_config");
        if (!target.isObject()) {
            throw OpenApiErrors.BAD_REQUEST.error("task " + name + " needs a `target_config` object");
        }
        ObjectNode td = y.putObject("target-database");
        td.put("host", Json.requiredText(target, "host", "target_config"));
        td.put("port", target.path("port").asInt(3306));
        td.put("user", Json.text(target, "user", ""));
        td.put("password", Json.text(target, "password", ""));
        if (target.path("security").isObject()) {
            td.set("security", SourceJson.securityYaml(target.path("security")));
        }
        JsonNode sourceConfig = task.path("source_config");
        JsonNode full = sourceConfig.path("full_migrate_conf");
        JsonNode incr = sourceConfig.path("incr_migrate_conf");
        ObjectNode dumper = Json.object();
        copyInt(full, "export_threads", dumper, "threads");
        String consistency = Json.text(full, "consistency", "");
        if (!consistency.isEmpty()) {
            dumper.put("extra-args", "--consistency " + consistency);
        }
        ObjectNode loader = Json.object();
        copyInt(full, "import_threads", loader, "pool-size");
        copyText(full, "data_dir", loader, "dir");
        copyText(task, "on_duplicate", loader, "on-duplicate-logical");
        ObjectNode syncer = Json.object();
        copyInt(incr, "repl_threads", syncer, "worker-count");
        copyInt(incr, "repl_batch", syncer, "batch");
        settings(y, "mydumpers", dumper);
        settings(y, "loaders", loader);
        settings(y, "syncers", syncer);

        List<String> sources = new ArrayList<>();
        sourceConfig.path("source_conf").forEach(s -> sources.add(Json.requiredText(s, "source_name", "source_conf")));
        if (sources.isEmpty()) {
            throw OpenApiErrors.BAD_REQUEST.error("task " + name + " needs at least one entry in source_config.source_conf");
        }
        JsonNode filterRules = task.path("binlog_filter_rule");
        ObjectNode bal = Json.object();
        ObjectNode routes = Json.object();
        ObjectNode filters = Json.object();
        ArrayNode instances = y.putArray("mysql-instances");
        for (JsonNode sc : sourceConfig.path("source_conf")) {
            String src = sc.path("source_name").asText();
            ObjectNode inst = instances.addObject();
            inst.put("source-id", src);
            String binlogName = Json.text(sc, "binlog_name", "");
            String gtid = Json.text(sc, "binlog_gtid", "");
            if (!binlogName.isEmpty() || !gtid.isEmpty()) {
                ObjectNode meta = inst.putObject("meta");
                if (!binlogName.isEmpty()) {
                    meta.put("binlog-name", binlogName);
                    meta.put("binlog-pos", sc.path("binlog_pos").asLong(4));
                }
                if (!gtid.isEmpty()) {
                    meta.put("binlog-gtid", gtid);
                }
            }
            ArrayNode doTables = Json.MAPPER.createArrayNode();
            List<String> routeNames = new ArrayList<>();
            List<String> filterNames = new ArrayList<>();
            int i = 0;
            for (JsonNode rule : task.path("table_migrate_rule")) {
                JsonNode from = rule.path("source");
                if (!src.equals(Json.text(from, "source_name", ""))) {
                    continue;
                }
                i++;
                String schema = Json.requiredText(from, "schema", "table_migrate_rule.source");
                String table = Json.text(from, "table", "*");
                doTables.addObject().put("db-name", schema).put("tbl-name", table.isEmpty() ? "*" : table);
                JsonNode to = rule.path("target");
                String targetSchema = Json.text(to, "schema", "");
                if (!targetSchema.isEmpty()) {
                    String routeName = "route-" + src + "-" + i;
                    ObjectNode r = routes.putObject(routeName);
                    r.put("schema-pattern", schema);
                    String targetTable = Json.text(to, "table", "");
                    if (!targetTable.isEmpty()) {
                        r.put("table-pattern", table.isEmpty() ? "*" : table);
                        r.put("target-table", targetTable);
                    }
                    r.put("target-schema", targetSchema);
                    routeNames.add(routeName);
                }
                for (String ruleName : Json.texts(rule, "binlog_filter_rule")) {
                    JsonNode def = filterRules.path(ruleName);
                    if (!def.isObject()) {
                        throw OpenApiErrors.BAD_REQUEST.error("table_migrate_rule of source " + src + " names binlog_filter_rule `"
                                + ruleName + "`, which binlog_filter_rule does not define");
                    }
                    String filterName = "filter-" + src + "-" + i + "-" + ruleName;
                    ObjectNode f = filters.putObject(filterName);
                    f.put("schema-pattern", schema);
                    f.put("table-pattern", table.isEmpty() ? "*" : table);
                    List<String> events = Json.texts(def, "ignore_event");
                    if (!events.isEmpty()) {
                        f.set("events", Json.array(events));
                    }
                    List<String> sql = Json.texts(def, "ignore_sql");
                    if (!sql.isEmpty()) {
                        f.set("sql-pattern", Json.array(sql));
                    }
                    f.put("action", "Ignore");
                    filterNames.add(filterName);
                }
            }
            if (!doTables.isEmpty()) {
                bal.putObject("bal-" + src).set("do-tables", doTables);
                inst.put("block-allow-list", "bal-" + src);
            }
            if (!routeNames.isEmpty()) {
                inst.set("route-rules", Json.array(routeNames));
            }
            if (!filterNames.isEmpty()) {
                inst.set("filter-rules", Json.array(filterNames));
            }
            for (String section : List.of("mydumpers", "loaders", "syncers")) {
                if (y.has(section)) {
                    inst.put(section.substring(0, section.length() - 1) + "-config-name", SETTINGS); // mydumpers → mydumper-config-name
                }
            }
        }
        for (JsonNode rule : task.path("table_migrate_rule")) {
            String src = Json.text(rule.path("source"), "source_name", "");
            if (!sources.contains(src)) {
                throw OpenApiErrors.TASK_SOURCE_NOT_FOUND.error(name, src, sources);
            }
        }
        putIfAny(y, "block-allow-list", bal);
        putIfAny(y, "routes", routes);
        putIfAny(y, "filters", filters);
        return Json.yaml(y);
    }

    /** A stored task file as DM's {@code Task} object (without status). */
    static ObjectNode fromConfig(TaskConfig cfg) {
        ObjectNode o = Json.object();
        o.put("name", cfg.name());
        o.put("task_mode", cfg.taskMode().label());
        if (!cfg.shardMode().label().isEmpty()) {
            o.put("shard_mode", cfg.shardMode().label());
        }
        o.put("meta_schema", cfg.metaSchema());
        o.put("enhance_online_schema_change", cfg.onlineDdl());
        // DM's Task has one set of thread settings; shown from the first source's resolved settings
        SubTaskConfig first = cfg.mysqlInstances().isEmpty() ? null : cfg.subTasks().get(0);
        o.put("on_duplicate", first == null ? "replace" : first.loader().onDuplicateLogical().label());
        DbConfig target = cfg.targetDatabase();
        ObjectNode t = o.putObject("target_config");
        t.put("host", target.host());
        t.put("port", target.port());
        t.put("user", target.user());
        t.put("password", SourceJson.HIDDEN);
        t.putNull("security");
        ObjectNode filterRules = o.putObject("binlog_filter_rule");
        ArrayNode rules = o.putArray("table_migrate_rule");
        ObjectNode sourceConfig = o.putObject("source_config");
        if (first != null) {
            ObjectNode full = sourceConfig.putObject("full_migrate_conf");
            full.put("export_threads", first.mydumper().threads());
            full.put("consistency", first.mydumper().consistency().orElse("auto"));
            full.put("import_threads", first.loader().poolSize());
            full.put("data_dir", first.loader().dir());
            ObjectNode incr = sourceConfig.putObject("incr_migrate_conf");
            incr.put("repl_threads", first.syncer().workerCount());
            incr.put("repl_batch", first.syncer().batch());
        }
        ArrayNode sourceConf = sourceConfig.putArray("source_conf");
        for (MysqlInstance inst : cfg.mysqlInstances()) {
            ObjectNode sc = sourceConf.addObject();
            sc.put("source_name", inst.sourceId());
            BinlogMeta meta = inst.meta();
            if (meta != null) {
                if (meta.binlogName() != null && !meta.binlogName().isEmpty()) {
                    sc.put("binlog_name", meta.binlogName());
                    sc.put("binlog_pos", meta.binlogPos());
                }
                if (meta.binlogGtid() != null && !meta.binlogGtid().isEmpty()) {
                    sc.put("binlog_gtid", meta.binlogGtid());
                }
            }
            addRules(cfg, inst, rules, filterRules);
        }
        o.set("ignore_checking_items", Json.array(cfg.ignoreCheckingItems()));
        return o;
    }

    /** The table rules of one source: its allow-list entries, with the route and filters of the same patterns. */
    private static void addRules(TaskConfig cfg, MysqlInstance inst, ArrayNode rules, ObjectNode filterRules) {
        List<ObjectNode> mine = new ArrayList<>();
        BlockAllowListRule bal = inst.blockAllowList().isEmpty() ? null : cfg.blockAllowList().get(inst.blockAllowList());
        if (bal != null) {
            bal.doDbs().forEach(db -> mine.add(rule(inst.sourceId(), db, "*")));
            for (TableRef t : bal.doTables()) {
                mine.add(rule(inst.sourceId(), t.dbName(), t.tblName()));
            }
        }
        for (String routeName : inst.routeRules()) {
            RouteRule r = cfg.routes().get(routeName);
            if (r == null) {
                continue;
            }
            boolean schemaOnly = r.tablePattern() == null || r.tablePattern().isEmpty();
            List<ObjectNode> matches = new ArrayList<>();
            for (ObjectNode m : mine) {
                JsonNode src = m.path("source");
                if (src.path("schema").asText().equals(r.schemaPattern()) && !m.has("target")
                        && (schemaOnly || src.path("table").asText().equals(r.tablePattern()))) {
                    matches.add(m); // a schema-only route applies to every rule of its schema
                }
            }
            if (matches.isEmpty()) {
                ObjectNode added = rule(inst.sourceId(), r.schemaPattern(), schemaOnly ? "*" : r.tablePattern());
                mine.add(added);
                matches.add(added);
            }
            for (ObjectNode match : matches) {
                ObjectNode target = match.putObject("target");
                target.put("schema", r.targetSchema());
                if (r.targetTable() != null && !r.targetTable().isEmpty()) {
                    target.put("table", r.targetTable());
                }
            }
        }
        for (String filterName : inst.filterRules()) {
            BinlogEventRule f = cfg.filters().get(filterName);
            if (f == null) {
                continue;
            }
            ObjectNode def = filterRules.putObject(filterName);
            def.set("ignore_event", Json.array(f.events()));
            def.set("ignore_sql", Json.array(f.sqlPatterns()));
            String table = f.tablePattern() == null || f.tablePattern().isEmpty() ? "*" : f.tablePattern();
            ObjectNode match = find(mine, f.schemaPattern(), table);
            if (match == null) {
                match = rule(inst.sourceId(), f.schemaPattern(), table);
                mine.add(match);
            }
            ArrayNode names = match.has("binlog_filter_rule") ? (ArrayNode) match.get("binlog_filter_rule") : match.putArray("binlog_filter_rule");
            names.add(filterName);
        }
        if (mine.isEmpty()) {
            mine.add(rule(inst.sourceId(), "*", "*"));
        }
        mine.forEach(rules::add);
    }

    private static ObjectNode rule(String source, String schema, String table) {
        ObjectNode r = Json.object();
        r.putObject("source").put("source_name", source).put("schema", schema).put("table", table);
        return r;
    }

    private static ObjectNode find(List<ObjectNode> rules, String schema, String table) {
        for (ObjectNode r : rules) {
            JsonNode s = r.path("source");
            if (s.path("schema").asText().equals(schema) && s.path("table").asText().equals(table)) {
                return r;
            }
        }
        return null;
    }

    /** The sources a {@code Task} object names in source_config.source_conf. */
    static Set<String> sourcesOf(JsonNode task) {
        Set<String> out = new LinkedHashSet<>();
        task.path("source_config").path("source_conf").forEach(s -> out.add(s.path("source_name").asText()));
        return out;
    }

    private static void settings(ObjectNode y, String section, ObjectNode values) {
        if (!values.isEmpty()) {
            y.putObject(section).set(SETTINGS, values);
        }
    }

    private static void putIfAny(ObjectNode y, String key, ObjectNode value) {
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        if (it.hasNext()) {
            y.set(key, value);
        }
    }

    private static void copyText(JsonNode in, String field, ObjectNode out, String key) {
        String v = Json.text(in, field, "");
        if (!v.isEmpty()) {
            out.put(key, v);
        }
    }

    private static void copyInt(JsonNode in, String field, ObjectNode out, String key) {
        if (in.path(field).canConvertToInt() && in.path(field).isNumber()) {
            out.put(key, in.path(field).asInt());
        }
    }
}
