package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of task-file error, with what the message must tell the user. */
class TaskConfigErrorsTest {

    private static DmException fails(String yaml) {
        return assertThrows(DmException.class, () -> TaskYaml.parse(yaml));
    }

    private static void assertMentions(DmException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks <" + p + ">: " + e.getMessage());
        }
    }

    private static void assertCode(ErrorCode code, DmException e) {
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void baseTaskIsValid() {
        TaskConfig t = TaskYaml.parse(TaskYaml.VALID);
        assertEquals("t1", t.name());
    }

    @Test
    void unknownKeySuggestsTheClosestKeyWithFileAndLine() {
        DmException e = fails(TaskYaml.with("task-mode: all", "tsk-mode: all"));
        assertMentions(e, "task file `task.yaml`", "key `tsk-mode`", "line 2, column 1", "unknown key `tsk-mode`", "did you mean `task-mode`?");
        assertMentions(e, "required key `task-mode` is missing");
        assertMentions(e, "2 problems in task file `task.yaml`");
        assertCode(ConfigErrors.UNKNOWN_KEY, e);
    }

    @Test
    void unknownNestedKeyHasFullPath() {
        DmException e = fails(TaskYaml.with("    worker-count: 4", "    worker-cout: 4"));
        assertCode(ConfigErrors.UNKNOWN_KEY, e);
        assertMentions(e, "key `syncers.global.worker-cout`", "line 36", "did you mean `worker-count`?");
    }

    @Test
    void unknownKeyInAListEntry() {
        DmException e = fails(TaskYaml.with("    route-rules: [r1]", "    route-rule: [r1]"));
        assertMentions(e, "key `mysql-instances[0].route-rule`", "did you mean `route-rules`?", "line 11");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        DmException e = fails("task-mode: all\n");
        assertCode(ConfigErrors.MISSING_KEY, e);
        assertMentions(e, "key `name`", "key `target-database`", "key `mysql-instances`");
        DmException noSource = fails(TaskYaml.with("  - source-id: s1\n", "  - source-ix: s1\n"));
        assertMentions(noSource, "key `mysql-instances[0].source-id`", "required key `source-id` is missing");
        DmException noHost = fails(TaskYaml.with("  host: 127.0.0.1\n", ""));
        assertMentions(noHost, "key `target-database.host`");
        DmException empty = fails(TaskYaml.VALID.substring(0, TaskYaml.VALID.indexOf("mysql-instances:")) + "mysql-instances: []\n");
        assertMentions(empty, "mysql-instances is empty");
        assertMentions(fails(TaskYaml.with("name: t1", "name: \"\"")), "key `name`", "required key `name` has no value", "line 1");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: \"\"")), "key `task-mode`", "has no value");
        DmException nullTarget = fails(TaskYaml.VALID.replace("target-database:\n  host: 127.0.0.1\n  port: 3308\n  user: dm\n  password: dm\n",
                "target-database:\n"));
        assertMentions(nullTarget, "key `target-database`", "required key `target-database` has no value", "line 3");
    }

    @Test
    void wrongEnumValuesListTheAllowedOnes() {
        DmException mode = fails(TaskYaml.with("task-mode: all", "task-mode: everything"));
        assertCode(ConfigErrors.INVALID_ENUM, mode);
        assertMentions(mode, "key `task-mode`", "`everything` is not allowed", "`all`", "`full`", "`incremental`", "`dump`", "`load`", "`load&sync`");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\nshard-mode: pessimstic")),
                "key `shard-mode`", "`pessimistic`", "`optimistic`", "did you mean `pessimistic`?");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\ncollation_compatible: exact")),
                "key `collation_compatible`", "`loose`", "`strict`");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\nonline-ddl-scheme: osc")),
                "key `online-ddl-scheme`", "`pt`", "`gh-ost`");
        assertMentions(fails(TaskYaml.with("    pool-size: 8", "    pool-size: 8\n    import-mode: fast")),
                "key `loaders.global.import-mode`", "`logical`", "`physical`");
        assertMentions(fails(TaskYaml.with("    pool-size: 8", "    pool-size: 8\n    on-duplicate-logical: skip")),
                "key `loaders.global.on-duplicate-logical`", "`replace`", "`ignore`", "`error`");
        assertMentions(fails(TaskYaml.with("    action: Ignore", "    action: Drop")),
                "key `filters.f1.action`", "`Do`", "`Ignore`", "`Error`");
    }

    @Test
    void unknownEventNamesAreErrorsWhenNothingElseIsKnown() {
        DmException e = fails(TaskYaml.with("events: [insert]", "events: [insrt]"));
        assertCode(ConfigErrors.INVALID_ENUM, e);
        assertMentions(e, "key `filters.f1.events`", "unknown event type `insrt`", "did you mean `insert`?", "truncate table");
    }

    @Test
    void missingFilterActionIsNamed() {
        assertMentions(fails(TaskYaml.with("    action: Ignore\n", "")), "key `filters.f1.action`", "required key `action` is missing");
    }

    @Test
    void referencesToUndefinedRules() {
        DmException e = fails(TaskYaml.with("route-rules: [r1]", "route-rules: [r2]"));
        assertCode(ConfigErrors.UNDEFINED_REFERENCE, e);
        assertMentions(e, "key `mysql-instances[0].route-rules`", "`r2` is not defined in `routes`", "did you mean `r1`?", "line 11");
        // r1 is now used by nobody
        assertMentions(e, "key `routes.r1`", "no mysql-instances entry uses it");
        assertMentions(fails(TaskYaml.with("filter-rules: [f1]", "filter-rules: [f1, f2]")), "`f2` is not defined in `filters`");
        assertMentions(fails(TaskYaml.with("block-allow-list: bal", "block-allow-list: bla")),
                "key `mysql-instances[0].block-allow-list`", "`bla` is not defined in `block-allow-list`");
        assertMentions(fails(TaskYaml.with("syncer-config-name: global", "syncer-config-name: globl")),
                "key `mysql-instances[0].syncer-config-name`", "did you mean `global`?");
        assertMentions(fails(TaskYaml.with("loader-config-name: global", "loader-config-name: other")), "`other` is not defined in `loaders`");
        assertMentions(fails(TaskYaml.with("mydumper-config-name: global", "mydumper-config-name: other")), "`other` is not defined in `mydumpers`");
        assertMentions(fails(TaskYaml.with("    route-rules: [r1]", "    route-rules: [r1]\n    expression-filters: [e1]")),
                "`e1` is not defined in `expression-filter`");
        assertMentions(fails(TaskYaml.with("    route-rules: [r1]", "    route-rules: [r1]\n    validator-config-name: v1")),
                "`v1` is not defined in `validators`");
    }

    @Test
    void unusedGlobalRulesAreErrors() {
        DmException e = fails(TaskYaml.with("routes:\n", "routes:\n  spare:\n    schema-pattern: x\n    target-schema: y\n"));
        assertCode(ConfigErrors.GLOBAL_CONFIG_UNUSED, e);
        assertMentions(e, "key `routes.spare`", "line 20", "no mysql-instances entry uses it");
        assertMentions(fails(TaskYaml.with("syncers:\n", "syncers:\n  other:\n    batch: 10\n")), "key `syncers.other`");
        assertMentions(fails(TaskYaml.VALID + "validators:\n  v:\n    mode: full\n"), "key `validators.v`");
    }

    @Test
    void inlineAndNamedSettingsConflict() {
        DmException e = fails(TaskYaml.with("    mydumper-config-name: global\n", "    mydumper-config-name: global\n    mydumper:\n      threads: 8\n"));
        assertCode(ConfigErrors.CONFLICT, e);
        assertMentions(e, "key `mysql-instances[0].mydumper`", "both `mydumper-config-name` and inline `mydumper`");
    }

    @Test
    void duplicateSourceIdAndTooLongSourceId() {
        DmException dup = fails(TaskYaml.with("    syncer-config-name: global\n",
                "    syncer-config-name: global\n  - source-id: s1\n"));
        assertCode(ConfigErrors.DUPLICATE_SOURCE_ID, dup);
        assertMentions(dup, "key `mysql-instances[1].source-id`", "already listed in mysql-instances[0]");
        String longId = "s".repeat(33);
        DmException tooLong = fails(TaskYaml.with("source-id: s1", "source-id: " + longId));
        assertCode(ConfigErrors.SOURCE_ID_TOO_LONG, tooLong);
        assertMentions(tooLong, "has 33 characters; at most 32");
    }

    @Test
    void duplicateRuleReferences() {
        DmException e = fails(TaskYaml.with("route-rules: [r1]", "route-rules: [r1, r1]"));
        assertCode(ConfigErrors.DUPLICATE_REFERENCE, e);
        assertMentions(e, "key `mysql-instances[0].route-rules`", "`r1`");
    }

    @Test
    void safeModeWithZeroDurationIsAContradiction() {
        DmException e = fails(TaskYaml.with("    worker-count: 4", "    worker-count: 4\n    safe-mode: true\n    safe-mode-duration: 0s"));
        assertCode(ConfigErrors.SAFE_MODE_CONFLICT, e);
        assertMentions(e, "key `syncers.global.safe-mode-duration`", "line 38", "safe-mode: true with safe-mode-duration: 0s");
        DmException inline = fails(TaskYaml.with("    syncer-config-name: global\n", "    syncer:\n      safe-mode: true\n      safe-mode-duration: 0s\n")
                .replace("syncers:\n  global:\n    worker-count: 4\n", ""));
        assertCode(ConfigErrors.SAFE_MODE_CONFLICT, inline);
        assertMentions(inline, "key `mysql-instances[0].syncer.safe-mode-duration`");
        assertMentions(fails(TaskYaml.with("    worker-count: 4", "    worker-count: 4\n    safe-mode-duration: soon")),
                "key `syncers.global.safe-mode-duration`", "expected a duration");
    }

    @Test
    void metaNeedsAStartPoint() {
        DmException e = fails(TaskYaml.with("  - source-id: s1\n", "  - source-id: s1\n    meta:\n      binlog-pos: 4\n"));
        assertCode(ConfigErrors.META_INVALID, e);
        assertMentions(e, "key `mysql-instances[0].meta`", "binlog-name", "binlog-gtid");
    }

    @Test
    void wrongTypesAndRanges() {
        DmException e = fails(TaskYaml.with("    worker-count: 4", "    worker-count: many"));
        assertCode(ConfigErrors.INVALID_VALUE, e);
        assertMentions(e, "key `syncers.global.worker-count`", "expected an integer, found `many`");
        assertMentions(fails(TaskYaml.with("    worker-count: 4", "    worker-count: 0")), "must be greater than 0");
        assertMentions(fails(TaskYaml.with("    do-dbs: [db]", "    do-dbs: db")), "key `block-allow-list.bal.do-dbs`", "expected a list");
        assertMentions(fails(TaskYaml.with("  port: 3308", "  port: 70000")), "key `target-database.port`", "1 to 65535");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\ncase-sensitive: maybe")), "expected true or false");
    }

    @Test
    void syntaxErrorsAndDuplicateKeys() {
        DmException syntax = fails("name: t1\ntask-mode: [all\n");
        assertCode(ConfigErrors.PARSE, syntax);
        assertMentions(syntax, "cannot parse task file `task.yaml`", "line");
        DmException twice = fails(TaskYaml.with("task-mode: all", "task-mode: all\nname: t2"));
        assertCode(ConfigErrors.PARSE, twice);
        assertMentions(twice, "key `name`", "given twice", "line 3");
    }

    @Test
    void strictOptimisticNeedsOptimistic() {
        DmException e = fails(TaskYaml.with("task-mode: all", "task-mode: all\nstrict-optimistic-shard-mode: true"));
        assertCode(ConfigErrors.CONFLICT, e);
        assertMentions(e, "shard-mode: optimistic");
        TaskYaml.parse(TaskYaml.with("task-mode: all", "task-mode: all\nshard-mode: optimistic\nstrict-optimistic-shard-mode: true"));
    }

    @Test
    void otherGlobalChecks() {
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\ntimezone: Mars/Olympus")), "key `timezone`", "not a time zone");
        assertCode(ConfigErrors.UNSUPPORTED, fails(TaskYaml.with("task-mode: all", "task-mode: all\ncolumn-mappings:\n  cm:\n    x: 1")));
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\nignore-checking-items: [binlog_formt]")),
                "key `ignore-checking-items`", "did you mean `binlog_format`?");
        assertMentions(fails(TaskYaml.with("task-mode: all", "task-mode: all\nshadow-table-rules: [\"_(.+)_(new)$\"]")),
                "key `shadow-table-rules`", "exactly one");
        assertMentions(fails(TaskYaml.with("    schema-pattern: db\n    events", "    schema-pattern: d*b\n    events")),
                "key `filters.f1.schema-pattern`", "`*` before its end");
        assertMentions(fails(TaskYaml.with("    do-dbs: [db]", "    do-dbs: [\"~db(\"]")), "key `block-allow-list.bal.do-dbs`", "invalid regular expression");
    }

    @Test
    void expressionFilterTakesOneKindOfExpression() {
        String yaml = TaskYaml.with("    route-rules: [r1]", "    route-rules: [r1]\n    expression-filters: [e1]")
                + "expression-filter:\n  e1:\n    schema: db\n    table: t\n    insert-value-expr: \"a > 1\"\n    delete-value-expr: \"a < 1\"\n";
        DmException e = fails(yaml);
        assertCode(ConfigErrors.CONFLICT, e);
        assertMentions(e, "key `expression-filter.e1`", "insert-value-expr and delete-value-expr");
        assertMentions(fails(yaml.replace("    table: t\n", "")), "key `expression-filter.e1.table`", "missing");
    }

    @Test
    void manyProblemsAreReportedTogether() {
        String yaml = TaskYaml.with("task-mode: all", "task-mode: al")
                .replace("    worker-count: 4", "    worker-count: x")
                .replace("route-rules: [r1]", "route-rules: [r1, nope]");
        DmException e = fails(yaml);
        assertMentions(e, "3 problems in task file `task.yaml`", "key `task-mode`", "key `syncers.global.worker-count`", "`nope`");
        assertEquals(ConfigErrors.INVALID_ENUM, e.code(), "the first problem's code");
    }
}
