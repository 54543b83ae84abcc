package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;

/** Builds dump/load subtasks from a small task file for integration tests. */
final class DumpLoadFixture {
    private DumpLoadFixture() {
    }

    /**
     * A subtask for source {@code s1} of a task whose dump directory is {@code <dir>/dump.<task>}.
     *
     * @param extra more top-level YAML (routes...), indented at column 0
     * @param instanceExtra more keys of the instance (route-rules...), indented by 4
     */
    static SubTaskConfig subTask(TestDatabases dbs, String task, String mode, Path dir, String doDbs, String dumpArgs,
                                 String loaderArgs, String instanceExtra, String extra) {
        DbEndpoint down = dbs.downstream();
        String yaml = "name: " + task + "\n"
                + "task-mode: " + mode + "\n"
                + "meta-schema: " + task + "_meta\n"
                + "clean-dump-file: false\n"
                + "target-database:\n  host: " + down.host() + "\n  port: " + down.port() + "\n  user: " + down.user()
                + "\n  password: \"" + down.password() + "\"\n"
                + "mysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n    mydumper-config-name: d\n"
                + "    loader-config-name: l\n" + instanceExtra
                + "block-allow-list:\n  bal:\n    do-dbs: [" + doDbs + "]\n"
                + "mydumpers:\n  d:\n" + indent(dumpArgs)
                + "loaders:\n  l:\n    dir: \"" + dir.resolve("dump") + "\"\n" + indent(loaderArgs)
                + extra;
        try {
            dbs.execDown("DROP DATABASE IF EXISTS `" + task + "_meta`"); // checkpoints of an earlier run
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return TaskConfig.parse(yaml, task + ".yaml").subTask("s1");
    }

    private static String indent(String keys) {
        StringBuilder sb = new StringBuilder();
        for (String line : keys.split("\n")) {
            if (!line.isBlank()) {
                sb.append("    ").append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    static Upstream upstream(TestDatabases dbs) {
        DbEndpoint up = dbs.upstream();
        return new Upstream(up.host(), up.port(), up.user(), up.password());
    }

    static DownstreamConfig downstream(TestDatabases dbs) {
        DbEndpoint d = dbs.downstream();
        return DownstreamConfig.of(d.host(), d.port(), d.user(), d.password(), 4);
    }

    static DumpUnit dump(TestDatabases dbs, SubTaskConfig cfg) {
        DumpUnit unit = new DumpUnit(cfg, upstream(dbs));
        ok(unit);
        return unit;
    }

    static LoadUnit load(TestDatabases dbs, SubTaskConfig cfg) {
        LoadUnit unit = new LoadUnit(cfg, downstream(dbs));
        ok(unit);
        return unit;
    }

    static void ok(Unit unit) {
        try (unit) {
            UnitResult r = unit.process();
            assertTrue(r.ok() && r.finished(), () -> unit.type() + " failed: " + r.errors());
        }
    }
}
