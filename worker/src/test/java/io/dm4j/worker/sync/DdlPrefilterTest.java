package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dm4j.common.config.TaskConfig;
import org.junit.jupiter.api.Test;

/** What is decided about a DDL statement without the parser (no server needed). */
class DdlPrefilterTest {
    private static final String TASK = """
            name: "t"
            task-mode: incremental
            target-database:
              host: "127.0.0.1"
              port: 1
              user: "root"
              password: ""
            mysql-instances:
              - source-id: "s1"
                block-allow-list: "only"
                filter-rules: ["no-alter-log", "no-convert-everywhere"]
            block-allow-list:
              only:
                do-dbs: ["app"]
            filters:
              no-alter-log:
                schema-pattern: "app"
                table-pattern: "log"
                events: ["alter table"]
                action: Ignore
              no-convert-everywhere:
                schema-pattern: "*"
                sql-pattern: ["^ALTER\\\\s+TABLE\\\\s+\\\\S+\\\\s+OPTIMIZE\\\\s+LATER"]
                action: Ignore
            """;

    private final DdlPrefilter prefilter =
            new DdlPrefilter(new TableSelection(TaskConfig.parse(TASK, "task.yaml").subTask("s1")));

    @Test
    void statementsOnTablesTheTaskDoesNotReplicateAreSkippedUnparsed() {
        assertNotNull(prefilter.skipBeforeParse("", "ALTER TABLE other.t FROBNICATE 1"));
        assertNotNull(prefilter.skipBeforeParse("other", "ALTER TABLE t FROBNICATE 1"));
        assertNotNull(prefilter.skipBeforeParse("other", "DROP TABLE t1, other2.t2"));
        assertNull(prefilter.skipBeforeParse("other", "DROP TABLE t1, app.t2"), "one replicated table is enough");
        assertNull(prefilter.skipBeforeParse("other", "RENAME TABLE t1 TO app.t1"), "renamed into the task");
        assertNull(prefilter.skipBeforeParse("other", "ALTER TABLE t RENAME TO app.t"));
        assertNull(prefilter.skipBeforeParse("", "ALTER TABLE app.t FROBNICATE 1"), "replicated: the parser decides");
    }

    @Test
    void unreadableNamesFallBackOnTheEventsSchema() {
        assertNotNull(prefilter.skipBeforeParse("other", "ALTER TABLE 'broken"));
        assertNull(prefilter.skipBeforeParse("app", "ALTER TABLE 'broken"));
        assertNull(prefilter.skipBeforeParse("", "ALTER TABLE 'broken"));
    }

    @Test
    void globalSqlPatternsDropBeforeParsing() {
        assertNotNull(prefilter.skipBeforeParse("app", "ALTER TABLE t OPTIMIZE LATER"));
    }

    @Test
    void unreadableStatementsTheFiltersDropAreSkipped() {
        // events: ["alter table"] on app.log: the probed type is enough
        assertNotNull(prefilter.skipUnreadable("app", "ALTER TABLE log FROBNICATE 1"));
        // another table, or another kind of statement, must stop the unit
        assertNull(prefilter.skipUnreadable("app", "ALTER TABLE t FROBNICATE 1"));
        assertNull(prefilter.skipUnreadable("app", "CREATE TABLE log (a FROBNICATE)"));
        assertNull(prefilter.skipUnreadable("app", "ALTER TABLE 'broken"));
    }
}
