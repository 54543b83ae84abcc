package io.dm4j.bench;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.SyncStart;
import io.dm4j.worker.sync.SyncStatus;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.unit.UnitResult;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Replays the workload's binlog range with dm4j's sync unit, started as a fresh incremental task at the workload's
 * start position with a block-allow-list of the bench schema only.
 */
final class Dm4jReplay {
    static final String META_SCHEMA = "dm_meta";
    private static final long POLL_MILLIS = 20;

    /** The syncer settings of one run. */
    record Variant(int workerCount, int batch, boolean multipleRows) {
        String label() {
            return "dm4j worker-count=" + workerCount + " batch=" + batch + (multipleRows ? " multiple-rows" : "");
        }
    }

    private Dm4jReplay() {
    }

    static RunResult run(BenchOptions o, CpuMeter.Servers servers, Workload w, Variant v, String taskName) throws Exception {
        return run(o, servers, w, v, taskName, null);
    }

    /** @param relay the relay log to read instead of the upstream (null: read the upstream) */
    static RunResult run(BenchOptions o, CpuMeter.Servers servers, Workload w, Variant v, String taskName,
                         io.dm4j.worker.sync.stream.LocalBinlog relay) throws Exception {
        String sourceId = "bench-src";
        Endpoint down = o.downstream();
        dropSchema(down, w.schema());
        dropCheckpoint(down, taskName);
        SourceConfig source = SourceConfig.parse(sourceYaml(o, sourceId), "source.yaml");
        SubTaskConfig task = TaskConfig.parse(taskYaml(o, w, v, taskName, sourceId), "task.yaml")
                .subTask(sourceId).withSource(source);
        SyncUnit unit = relay == null ? new SyncUnit(task, source, SyncStart.NONE)
                : new SyncUnit(task, source, () -> SyncStart.NONE, new io.dm4j.worker.sync.operator.BinlogOperators(
                        taskName, sourceId, new io.dm4j.worker.sync.operator.MemoryOperatorStore()), relay);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-sync-unit"));
        try (HeapMeter heap = new HeapMeter()) {
            CpuMeter cpu = servers.start();
            long t0 = System.nanoTime();
            Future<UnitResult> result = thread.submit(unit::process);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
            while (!caughtUp(unit, w)) {
                if (result.isDone()) {
                    throw new IllegalStateException(v.label() + ": sync unit stopped early: " + result.get().errors());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(v.label() + ": not caught up after " + o.timeoutSeconds() + "s, at "
                            + unit.processedLocation());
                }
                heap.sample();
                Thread.sleep(POLL_MILLIS);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            CpuMeter.Cpu used = cpu.stop();
            heap.sample();
            SyncStatus status = unit.status();
            unit.pause();
            UnitResult r = result.get(60, TimeUnit.SECONDS);
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException(v.label() + ": sync unit failed on pause: " + r.errors());
            }
            String detail = "applied rows insert/update/delete " + status.insertRows() + "/" + status.updateRows() + "/"
                    + status.deleteRows() + ", binlog events " + status.totalEvents() + ", " + heap.collections()
                    + " GCs (" + heap.collectionMillis() + " ms)";
            RunResult.Heap h = new RunResult.Heap(heap.peakUsed(), heap.peakAfterGc(), heap.maxHeap(),
                    heap.collections(), heap.collectionMillis());
            return new RunResult(v.label(), seconds, w.counts().total(),
                    TableChecksum.differences(o.upstream(), down, w.schema()), used, h, detail);
        } finally {
            unit.close();
            thread.shutdownNow();
            dropCheckpoint(down, taskName);
        }
    }

    /** Read past the workload's end position and every change handed to the applier committed downstream. */
    private static boolean caughtUp(SyncUnit unit, Workload w) {
        var at = unit.processedLocation();
        return at != null && at.position().compareTo(w.end()) >= 0 && unit.appliedAll();
    }

    static void dropSchema(Endpoint down, String schema) throws Exception {
        try (Connection c = down.connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + TableId.quote(schema));
        }
    }

    private static void dropCheckpoint(Endpoint down, String taskName) throws Exception {
        try (Connection c = down.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + new TableId(META_SCHEMA, taskName + "_syncer_checkpoint").quoted());
        }
    }

    static String sourceYaml(BenchOptions o, String sourceId) {
        Endpoint up = o.replication();
        return """
                source-id: "%s"
                enable-gtid: false
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(sourceId, up.host(), up.port(), up.user(), up.password());
    }

    private static String taskYaml(BenchOptions o, Workload w, Variant v, String taskName, String sourceId) {
        Endpoint down = o.downstream();
        return """
                name: "%s"
                task-mode: incremental
                meta-schema: "%s"
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "%s"
                    block-allow-list: "bench"
                    syncer-config-name: "bench"
                    meta:
                      binlog-name: "%s"
                      binlog-pos: %d
                block-allow-list:
                  bench:
                    do-dbs: ["%s"]
                syncers:
                  bench:
                    worker-count: %d
                    batch: %d
                    multiple-rows: %s
                    safe-mode-duration: "%s"
                """.formatted(taskName, META_SCHEMA, down.host(), down.port(), down.user(), down.password(), sourceId,
                w.start().file(), w.start().pos(), w.schema(), v.workerCount(), v.batch(), v.multipleRows(),
                o.safeModeDuration());
    }
}
