package io.dm4j.bench;

import static io.dm4j.bench.SyncBench.say;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.RelayLayout;
import io.dm4j.worker.relay.RelayUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Relay benchmark: writes one binlog workload upstream, then (1) pulls it into a fresh relay log and reports the
 * bytes per second written, and (2) replays the same backlog with the sync unit twice each, alternately, reading the
 * upstream ({@code remote}) and reading the relay files ({@code local}), checking the downstream after each replay.
 * Run by {@code bench/run-relay-bench.sh}; takes SyncBench's options.
 */
public final class RelayBench {
    private static final long POLL_MILLIS = 5;

    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE.replace("SyncBench", "RelayBench"));
            System.exit(2);
            return;
        }
        System.exit(run(o));
    }

    private static int run(BenchOptions o) throws Exception {
        String schema = "bench_sync_" + SyncBench.nextSchemaNumber(o);
        say("relay benchmark %s: %d row changes from %d clients, seed %d, schema %s", LocalDate.now(), o.rows(),
                o.clients(), o.seed(), schema);
        say("upstream %s (%s), downstream %s (%s); %d CPUs, JVM %s", o.upstream(), SyncBench.version(o.upstream()),
                o.downstream(), SyncBench.version(o.downstream()), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("dm4j-relay-bench");
        CpuMeter.Servers servers = CpuMeter.Servers.of(o);
        ResultTable table = new ResultTable();
        try {
            Workload w = Workload.generate(o, schema);
            say("workload: %d row changes in %d transactions, %.1fs upstream; binlog %s .. %s", w.counts().total(),
                    w.counts().transactions(), w.seconds(), w.start(), w.end());
            SourceConfig source = SourceConfig.parse(Dm4jReplay.sourceYaml(o, "bench-src") + "enable-relay: true\n"
                    + "relay-binlog-name: \"" + w.start().file() + "\"\n", "source.yaml");
            RelayLayout layout = new RelayLayout(dir.resolve("relay"));
            try (RelayUnit relay = new RelayUnit(source, layout, Optional::empty)) {
                long t0 = System.nanoTime();
                relay.start();
                while (relay.end().map(e -> e.compareTo(w.end()) < 0).orElse(true)) {
                    if (relay.error().isPresent()) {
                        throw relay.error().get();
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long bytes = relayBytes(layout, relay.status().relaySubDir());
                say("relay: %.1f MiB written in %.2fs = %.1f MiB/s (connect, pull, checks, write, fsync every 1s)",
                        bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds);
                Dm4jReplay.Variant v = new Dm4jReplay.Variant(16, 100, false);
                for (int round = 1; round <= 2; round++) {
                    for (boolean local : List.of(false, true)) {
                        String label = (local ? "sync from relay (local)" : "sync from upstream (remote)") + " #" + round;
                        say("running: %s", label);
                        RunResult r = Dm4jReplay.run(o, servers, w, v, schema + (local ? "_local" : "_remote"),
                                local ? relay : null);
                        RunResult named = new RunResult(label, r.seconds(), r.rowChanges(), r.differences(), r.cpu(),
                                r.heap(), r.detail());
                        table.add(named);
                        say("  %.2fs, %.0f rows/s; JVM CPU %.1fs; %s", r.seconds(), r.rowsPerSecond(), r.cpu().jvm(),
                                r.identical() ? "downstream identical" : "DIFFERS: " + r.differences());
                    }
                }
            }
        } finally {
            if (!o.keep()) {
                SyncBench.dropEverywhere(o, schema);
            }
        }
        System.out.println();
        System.out.print(table.render("sync from upstream (remote) #1"));
        return 0;
    }

    private static long relayBytes(RelayLayout layout, String subDir) throws Exception {
        long sum = 0;
        for (String f : layout.binlogFiles(subDir)) {
            sum += Files.size(layout.file(subDir, f));
        }
        return sum;
    }
}
