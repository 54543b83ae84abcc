package io.dm4j.master.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.proto.message.CheckResult;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which items run (ignore-checking-items, task mode) and that one item that cannot run does not hide the others. */
class TaskPrecheckTest {
    static final SourceConfig SOURCE = SourceConfig.parse("""
            source-id: "s1"
            from:
              host: "127.0.0.1"
              port: 3306
              user: "u"
              password: "p"
            """, "source.yaml");

    static TaskConfig task(String mode, String extra) {
        return TaskConfig.parse("""
                name: "t1"
                task-mode: %s
                target-database:
                  host: "127.0.0.1"
                  port: 4000
                  user: "root"
                  password: ""
                mysql-instances:
                  - source-id: "s1"
                %s
                """.formatted(mode, extra), "task.yaml");
    }

    /** An item that needs no database: reports a fixed state, or throws. */
    static CheckItem item(String name, Predicate<TaskConfig> when, String state) {
        return new NamedItem(name, when) {
            @Override
            public void run(CheckContext ctx, Findings out) throws SQLException {
                switch (state) {
                    case "throw" -> throw new IllegalStateException("boom");
                    case "sql" -> throw new SQLException("denied");
                    case CheckResult.FAIL -> out.fail(name(), "i", "bad", "fix");
                    default -> out.success(name(), "i", "good");
                }
            }
        };
    }

    static final List<CheckItem> ITEMS = List.of(item("version", NamedItem.ALWAYS, "throw"),
            item("server_id", NamedItem.ALWAYS, "sql"), item("binlog_format", NamedItem.SYNCS, CheckResult.FAIL),
            item("table_schema", NamedItem.ALWAYS, CheckResult.SUCCESS), item("dump_privilege", NamedItem.DUMPS, CheckResult.FAIL));

    static List<String> run(TaskConfig task) {
        TaskPrecheck p = new TaskPrecheck((db, section) -> {
            throw new SQLException("no database in this test");
        }, ITEMS);
        return p.run(task, List.of(SOURCE)).results().stream().map(r -> r.state() + " " + r.item()).toList();
    }

    @Test
    void itemsThatCannotRunAreFailuresAndTheOthersStillReport() {
        assertEquals(List.of("fail version", "fail server_id", "fail binlog_format", "success table_schema"),
                run(task("incremental", "")));
    }

    @Test
    void ignoredItemsAndItemsForOtherModesDoNotRun() {
        assertEquals(List.of("fail version", "success table_schema", "fail dump_privilege"),
                run(task("full", "ignore-checking-items: [\"server_id\"]")));
        assertTrue(run(task("all", "ignore-checking-items: [\"all\"]")).isEmpty());
    }
}
