package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sync (binlog replay) benchmark: writes one binlog workload upstream, then replays exactly that binlog range into the
 * downstream with dm4j's sync unit (several syncer settings) and with MariaDB's own replica, checks after each replay
 * that the downstream tables equal the upstream ones, and prints a table. Run by {@code bench/run-sync-bench.sh}.
 */
public final class SyncBench {

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new SyncBench().run(o));
    }

    private int run(BenchOptions o) throws Exception {
        int n = nextSchemaNumber(o);
        String schema = "bench_sync_" + n;
        String warmSchema = "bench_warm_" + n;
        List<Dm4jReplay.Variant> dm4j = dm4jVariants(o).stream().filter(v -> o.selects(v.label())).toList();
        say("sync benchmark %s: %d row changes from %d clients, seed %d, schema %s", LocalDate.now(), o.rows(),
                o.clients(), o.seed(), schema);
        say("upstream %s (%s), downstream %s (%s); %d CPUs, JVM %s, max heap %s, JVM options %s", o.upstream(),
                version(o.upstream()), o.downstream(), version(o.downstream()),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ResultTable.mib(Runtime.getRuntime().maxMemory()),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        ResultTable table = new ResultTable();
        CpuMeter.Servers servers = CpuMeter.Servers.of(o);
        String baseline = new NativeReplay.Variant(0).label();
        try {
            if (o.warmupRows() > 0 && !dm4j.isEmpty()) {
                warmUp(o, servers, warmSchema, dm4j);
            }
            Workload w = Workload.generate(o, schema);
            say("workload: %d row changes (%d inserted, %d updated, %d deleted) in %d transactions, %.1fs upstream;"
                            + " binlog %s .. %s", w.counts().total(), w.counts().inserted(), w.counts().updated(),
                    w.counts().deleted(), w.counts().transactions(), w.seconds(), w.start(), w.end());
            for (NativeReplay.Variant v : List.of(new NativeReplay.Variant(0), new NativeReplay.Variant(4))) {
                if (o.selects(v.label())) {
                    measure(table, v.label(), () -> NativeReplay.run(o, servers, w, v));
                }
            }
            for (Dm4jReplay.Variant v : dm4j) {
                measure(table, v.label(), () -> Dm4jReplay.run(o, servers, w, v, taskName(schema, v)));
            }
        } finally {
            if (!o.keep()) {
                dropEverywhere(o, schema);
                dropEverywhere(o, warmSchema);
            }
        }
        System.out.println();
        System.out.print(table.render(baseline));
        return 0;
    }

    /**
     * Each dm4j variant replays a small separate workload once, unmeasured: the measured replays then run on a JVM whose
     * JIT has compiled the replication path, as in a worker that has been running for a while.
     */
    private static void warmUp(BenchOptions o, CpuMeter.Servers servers, String warmSchema,
                               List<Dm4jReplay.Variant> variants) throws Exception {
        BenchOptions wo = o.withRows(o.warmupRows());
        Workload warm = Workload.generate(wo, warmSchema);
        say("warm-up workload: %d row changes in %s", warm.counts().total(), warmSchema);
        for (Dm4jReplay.Variant v : variants) {
            try {
                RunResult r = Dm4jReplay.run(wo, servers, warm, v, taskName(warmSchema, v));
                say("  warm-up %s: %.2fs, %.0f rows/s, JVM CPU %.1fs, JIT compilation time %.1fs%s", v.label(),
                        r.seconds(), r.rowsPerSecond(), r.cpu().jvm(), r.cpu().jitMillis() / 1000.0,
                        r.identical() ? "" : " (WARNING: downstream differs: " + r.differences() + ")");
            } catch (Exception e) {
                System.out.println("WARNING: warm-up of " + v.label() + " failed: " + e);
            }
        }
    }

    private static String taskName(String schema, Dm4jReplay.Variant v) {
        return schema + "_wc" + v.workerCount() + (v.multipleRows() ? "_mr" : "");
    }

    private static List<Dm4jReplay.Variant> dm4jVariants(BenchOptions o) {
        List<Dm4jReplay.Variant> variants = new ArrayList<>();
        variants.add(new Dm4jReplay.Variant(1, 100, false));
        variants.add(new Dm4jReplay.Variant(16, 100, false));
        if (o.multipleRows()) {
            variants.add(new Dm4jReplay.Variant(1, 100, true));
            variants.add(new Dm4jReplay.Variant(16, 100, true));
            variants.add(new Dm4jReplay.Variant(4, 200, true)); // fewer, larger transactions suit 2 cores
        }
        return variants;
    }

    private interface Replay {
        RunResult run() throws Exception;
    }

    /** Runs one variant; a failure is reported in the table and the next variant still runs. */
    private static void measure(ResultTable table, String label, Replay replay) {
        say("running: %s", label);
        try {
            RunResult r = replay.run();
            table.add(r);
            say("  %.2fs, %.0f rows/s; %s", r.seconds(), r.rowsPerSecond(), r.detail());
            say("  CPU seconds: this JVM %.1f (JIT compilation time %.1f s), downstream server %.1f, upstream server %.1f",
                    r.cpu().jvm(), r.cpu().jitMillis() / 1000.0, r.cpu().downstream(), r.cpu().upstream());
            if (r.heap() != null) {
                say("  heap: peak used %s, max live after GC %s, max %s", ResultTable.mib(r.heap().peakUsed()),
                        ResultTable.mib(r.heap().peakAfterGc()), ResultTable.mib(r.heap().max()));
            }
            if (!r.identical()) {
                System.out.println("WARNING: " + label + ": downstream differs from upstream: " + r.differences());
            }
        } catch (Exception e) {
            System.out.println("WARNING: " + label + " failed: " + e);
            e.printStackTrace(System.out);
            table.failed(label, String.valueOf(e.getMessage()));
        }
    }

    /** One more than the highest N of bench_sync_N / bench_warm_N on either server: every run gets unused schemas. */
    static int nextSchemaNumber(BenchOptions o) throws Exception {
        int max = 0;
        for (Endpoint e : List.of(o.upstream(), o.downstream())) {
            try (Connection c = e.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT schema_name FROM information_schema.schemata"
                         + " WHERE schema_name LIKE 'bench\\_sync\\_%' OR schema_name LIKE 'bench\\_warm\\_%'")) {
                while (rs.next()) {
                    String suffix = rs.getString(1).substring("bench_sync_".length());
                    if (suffix.matches("\\d{1,9}")) {
                        max = Math.max(max, Integer.parseInt(suffix));
                    }
                }
            }
        }
        return max + 1;
    }

    static void dropEverywhere(BenchOptions o, String schema) {
        for (Endpoint e : List.of(o.downstream(), o.upstream())) {
            try (Connection c = e.connect(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + TableId.quote(schema));
            } catch (Exception ex) {
                System.out.println("WARNING: dropping " + schema + " on " + e + " failed: " + ex.getMessage());
            }
        }
    }

    static String version(Endpoint e) {
        try (Connection c = e.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception ex) {
            return "version unknown: " + ex.getMessage();
        }
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
