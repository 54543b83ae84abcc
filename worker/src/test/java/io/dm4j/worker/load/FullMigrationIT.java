package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import io.dm4j.worker.subtask.UnitContext;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full-migration acceptance of issue 4: an {@code all} task (dump and load overlapping, then sync, created by the
 * worker's real unit factory) over 13 tables of every column type, one of {@code -Ddm4j.it.migrationRows} rows (default
 * 1,000,000), one without a primary key and a view, while a writer changes rows upstream during the whole dump and
 * load and the start of sync. The downstream must end identical to the upstream.
 */
@ExtendWith(DatabasesExtension.class)
class FullMigrationIT {
    private static final int BIG_ROWS = Integer.getInteger("dm4j.it.migrationRows", 1_000_000);

    @Test
    void allTaskWithConcurrentWritesEndsIdentical(TestDatabases dbs) throws Exception {
        String s = dbs.freshSchema("full_migration");
        AllTypesDumpLoadIT.createAllTypes(dbs, s, BIG_ROWS);
        Path dumpRoot = Files.createTempDirectory("dm4j-full-migration");
        SourceConfig source = SourceConfig.parse(sourceYaml(dbs.upstream()), "source.yaml");
        SubTaskConfig cfg = TaskConfig.parse(taskYaml(dbs.downstream(), s, dumpRoot), "task.yaml")
                .subTask("full-src").withSource(source);
        List<Unit> units = new DefaultUnitFactory().create(cfg, source, new UnitContext("it", false, null, null));
        assertEquals(List.of(List.of(UnitType.DUMP, UnitType.LOAD), List.of(UnitType.SYNC)),
                units.stream().map(u -> u.parts().stream().map(Unit::type).toList()).toList(),
                "the load follows the dump (one unit of the two), then sync");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> writer = pool.submit(() -> write(dbs.upstream(), s, writing, writes));
        try {
            for (Unit u : units.subList(0, units.size() - 1)) {
                UnitResult r = u.process();
                assertTrue(r.ok() && r.finished(), u.type() + " did not finish: " + r.errors());
            }
            SyncUnit sync = (SyncUnit) units.get(units.size() - 1);
            Future<UnitResult> syncRun = pool.submit(sync::process);
            Thread.sleep(3000); // writes go on while sync catches up with what happened during the copy
            writing.set(false);
            writer.get(60, TimeUnit.SECONDS);
            assertTrue(writes.get() > 100, "the writer must have changed rows during the copy: " + writes.get());
            BinlogPosition target = new Upstream(dbs.upstream().host(), dbs.upstream().port(), dbs.upstream().user(),
                    dbs.upstream().password()).masterStatus().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!(sync.processedLocation() != null && sync.processedLocation().position().compareTo(target) >= 0
                    && sync.appliedAll())) {
                assertTrue(!syncRun.isDone(), "sync stopped: " + (syncRun.isDone() ? syncRun.get().errors() : ""));
                assertTrue(System.nanoTime() < deadline, "sync did not catch up with " + target);
                Thread.sleep(200);
            }
            sync.pause();
            UnitResult r = syncRun.get(60, TimeUnit.SECONDS);
            assertTrue(r.ok(), "sync: " + r.errors());
            AllTypesDumpLoadIT.assertSame(dbs, s, s);
        } finally {
            writing.set(false);
            pool.shutdownNow();
            units.forEach(Unit::close);
        }
    }

    /** Inserts, updates and deletes rows of keyed tables until told to stop. */
    private static Void write(DbEndpoint up, String s, AtomicBoolean writing, AtomicLong writes) throws Exception {
        Random r = new Random(4);
        long next = BIG_ROWS + 1;
        try (Connection c = up.connect(s); Statement st = c.createStatement()) {
            while (writing.get()) {
                int k = r.nextInt(4);
                long id = 1 + r.nextInt(BIG_ROWS);
                switch (k) {
                    case 0 -> st.execute("INSERT INTO t_big VALUES (" + (next++) + ", 1, 'new', 1.5, NOW(6), x'00ff')");
                    case 1 -> st.execute("UPDATE t_big SET a = a + 1, s = CONCAT(s, '+') WHERE id = " + id);
                    case 2 -> st.execute("DELETE FROM t_big WHERE id = " + id);
                    default -> st.execute("UPDATE t_int SET tiu = 255 - tiu WHERE id = (SELECT MIN(id) FROM (SELECT id FROM t_int) x)");
                }
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        }
        return null;
    }

    private static String sourceYaml(DbEndpoint up) {
        return """
                source-id: "full-src"
                enable-gtid: true
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(up.host(), up.port(), up.user(), up.password());
    }

    private static String taskYaml(DbEndpoint down, String schema, Path dumpRoot) {
        return """
                name: "full_%s"
                task-mode: all
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "full-src"
                    block-allow-list: "only"
                    mydumper-config-name: "m"
                    loader-config-name: "l"
                    syncer-config-name: "s"
                block-allow-list:
                  only:
                    do-dbs: ["%s"]
                mydumpers:
                  m:
                    threads: 4
                loaders:
                  l:
                    pool-size: 4
                    dir: "%s"
                syncers:
                  s:
                    worker-count: 8
                    checkpoint-flush-interval: 1
                """.formatted(Math.abs(schema.hashCode()), down.host(), down.port(), down.user(), down.password(),
                schema, dumpRoot.resolve("dump"));
    }
}
