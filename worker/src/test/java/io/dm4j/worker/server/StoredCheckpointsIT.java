package io.dm4j.worker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.Location;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.sync.checkpoint.CheckpointStore;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The earliest checkpoint the source's subtasks stored downstream: where a new relay starts, what a purge keeps. */
@ExtendWith(DatabasesExtension.class)
class StoredCheckpointsIT {

    private static SourceConfig source(DbEndpoint up) {
        return SourceConfig.parse("""
                source-id: "needs-src"
                flavor: "mariadb"
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(up.host(), up.port(), up.user(), up.password()), "source.yaml");
    }

    private static SubTaskConfig task(String name, DbEndpoint down, SourceConfig source) {
        return TaskConfig.parse("""
                name: "%s"
                task-mode: incremental
                meta-schema: "dm_meta"
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "needs-src"
                    meta:
                      binlog-name: "up-bin.000001"
                      binlog-pos: 4
                """.formatted(name, down.host(), down.port(), down.user(), down.password()), "task.yaml")
                .subTask("needs-src").withSource(source);
    }

    @Test
    void theSmallestStoredGlobalCheckpointOfTheSubtasks(TestDatabases dbs) throws Exception {
        SourceConfig source = source(dbs.upstream());
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        SubTaskConfig a = task("needs_a" + suffix, dbs.downstream(), source);
        SubTaskConfig b = task("needs_b" + suffix, dbs.downstream(), source);
        SubTaskConfig none = task("needs_none" + suffix, dbs.downstream(), source);
        try (Downstream d = Downstream.open(DownstreamConfig.forTask(a, ZoneOffset.UTC, 1), "test")) {
            for (var t : List.of(a, b)) {
                CheckpointStore store = new CheckpointStore(d.dataSource(), "dm_meta", t.name(), Flavor.MARIADB);
                store.prepare();
                store.flush("needs-src", t == a ? Location.of("up-bin.000007", 900) : Location.of("up-bin.000005", 120),
                        null, Map.of());
            }
            assertEquals(Optional.of(Location.of("up-bin.000005", 120)),
                    new StoredCheckpoints(source, () -> List.of(a, b, none)).get().map(l -> new Location(l.position(), null)));
            assertEquals(Optional.empty(), new StoredCheckpoints(source, () -> List.of(none)).get(),
                    "a task that never synced needs nothing yet");
        } finally {
            dbs.execDown("DROP TABLE IF EXISTS dm_meta.`" + a.name() + "_syncer_checkpoint`",
                    "DROP TABLE IF EXISTS dm_meta.`" + b.name() + "_syncer_checkpoint`");
        }
    }
}
