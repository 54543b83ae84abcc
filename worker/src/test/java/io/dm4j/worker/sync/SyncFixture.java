package io.dm4j.worker.sync;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builds task and source files for one test schema and runs sync units against the sandbox. */
final class SyncFixture {
    final TestDatabases dbs;
    final String schema;
    final String taskName;
    final String sourceId;
    final String taskYaml;
    final String sourceYaml;

    SyncFixture(TestDatabases dbs, String schema, BinlogPosition start, String syncerExtra) {
        this(dbs, schema, start, syncerExtra, "");
    }

    /** @param globalExtra extra task-level YAML lines, e.g. {@code timezone: "+04:00"} */
    SyncFixture(TestDatabases dbs, String schema, BinlogPosition start, String syncerExtra, String globalExtra) {
        this(dbs, schema, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(), false, syncerExtra,
                globalExtra, "");
    }

    /**
     * @param metaYaml     the lines under {@code meta:} (indented by the caller for nesting under meta)
     * @param instanceExtra extra lines for the mysql-instances entry (e.g. route-rules)
     */
    SyncFixture(TestDatabases dbs, String schema, String metaYaml, boolean gtid, String syncerExtra, String globalExtra,
                String instanceExtra) {
        this.dbs = dbs;
        this.schema = schema;
        this.taskName = "t_" + schema;
        this.sourceId = "src-" + Math.abs(schema.hashCode() % 100000);
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        this.sourceYaml = """
                source-id: "%s"
                enable-gtid: %s
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(sourceId, gtid, up.host(), up.port(), up.user(), up.password());
        this.taskYaml = """
                name: "%s"
                task-mode: incremental
                meta-schema: "dm_meta"
                %s
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "%s"
                    block-allow-list: "only"
                    syncer-config-name: "global"
                    meta:
                      %s
                %s
                block-allow-list:
                  only:
                    do-dbs: ["%s"]
                syncers:
                  global:
                    checkpoint-flush-interval: 1
                %s
                """.formatted(taskName, globalExtra, down.host(), down.port(), down.user(), down.password(), sourceId,
                metaYaml.replace("\n", "\n      "), instanceExtra.indent(4).stripTrailing(), schema, syncerExtra == null ? "" : syncerExtra.indent(4).stripTrailing());
    }

    static BinlogPosition masterPosition(DbEndpoint up) throws Exception {
        return new Upstream(up.host(), up.port(), up.user(), up.password()).masterStatus().orElseThrow();
    }

    SourceConfig source() {
        return SourceConfig.parse(sourceYaml, "source.yaml");
    }

    SubTaskConfig subTask() {
        SourceConfig s = source();
        return TaskConfig.parse(taskYaml, "task.yaml").subTask(sourceId).withSource(s);
    }

    SyncUnit newUnit() {
        return new SyncUnit(subTask(), source(), SyncStart.NONE);
    }

    Path writeFiles(Path dir) throws Exception {
        Files.writeString(dir.resolve("task.yaml"), taskYaml);
        Files.writeString(dir.resolve("source.yaml"), sourceYaml);
        return dir;
    }

    /** A unit running on its own thread; {@link Running#stop()} pauses it and returns its result. */
    static final class Running implements AutoCloseable {
        final SyncUnit unit;
        private final ExecutorService exec = Executors.newSingleThreadExecutor();
        private final Future<io.dm4j.worker.unit.UnitResult> result;

        Running(SyncUnit unit) {
            this.unit = unit;
            this.result = exec.submit(unit::process);
        }

        io.dm4j.worker.unit.UnitResult stop() throws Exception {
            unit.pause();
            io.dm4j.worker.unit.UnitResult r = result.get(60, TimeUnit.SECONDS);
            return r;
        }

        boolean finished() {
            return result.isDone();
        }

        io.dm4j.worker.unit.UnitResult result() throws Exception {
            return result.get(1, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (!result.isDone()) {
                stop();
            }
            unit.close();
            exec.shutdownNow();
        }
    }

    Running start() {
        return new Running(newUnit());
    }

    /** Waits until the unit has read up to the upstream's current position and committed every change. */
    static void awaitSynced(Running r, DbEndpoint up, Duration timeout) throws Exception {
        BinlogPosition target = masterPosition(up);
        await(() -> {
            if (r.finished()) {
                return true;
            }
            var at = r.unit.processedLocation();
            return at != null && at.position().compareTo(target) >= 0 && r.unit.appliedAll();
        }, timeout, "sync unit to reach " + target);
        if (r.finished()) {
            throw new AssertionError("sync unit stopped: " + r.result().errors());
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
