import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.dump.DumpStatus;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.unit.UnitResult;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Full copy of a generated data set: dm4j's dump + load units against mydumper + myloader (Debian's packages).
 * Run through bench/run-dump-load-bench.sh, which builds the worker jar. Prints both times, the ratio, dm4j's peak
 * heap and the data size. Options: --rows N (total, default 1000000), --tables N (4), --threads N (4, both tools),
 * --dataset generated|sysbench (sysbench: sysbench oltp_write_only prepare of --rows / --tables rows per table in
 * schema sbtest), --up host:port (127.0.0.1:3307), --down host:port (127.0.0.1:3308), --user admin, --password admin,
 * --import-mode logical|physical, --on-duplicate replace|ignore|error (dm4j's on-duplicate-logical), --myloader-binlog true|false (true: myloader -e, so both tools write the loaded rows
 * to the downstream binlog as dm4j does), --skip-mydumper, --keep.
 */
public class DumpLoadBench {
    /** The schema copied: dm4j_bench (generated) or sbtest (--dataset sysbench). */
    static String DB = "dm4j_bench";
    /** Table name prefix: t (generated) or sbtest (sysbench). */
    static String PREFIX = "t";

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("rows", "1000000", "tables", "4", "threads", "4",
                "up", "127.0.0.1:3307", "down", "127.0.0.1:3308", "user", "admin", "password", "admin",
                "import-mode", "logical", "myloader-binlog", "true", "on-duplicate", "replace"));
        a.put("dataset", "generated");
        for (int i = 0; i < argv.length; i++) {
            String k = argv[i].replaceFirst("^--", "");
            if (k.equals("keep") || k.equals("skip-mydumper")) {
                a.put(k, "true");
            } else {
                a.put(k, argv[++i]);
            }
        }
        long rows = Long.parseLong(a.get("rows"));
        int tables = Integer.parseInt(a.get("tables"));
        int threads = Integer.parseInt(a.get("threads"));
        String[] up = a.get("up").split(":");
        String[] down = a.get("down").split(":");
        String user = a.get("user");
        String password = a.get("password");

        boolean sysbench = a.get("dataset").equals("sysbench");
        if (sysbench) {
            DB = "sbtest";
            PREFIX = "sbtest";
        }
        System.out.printf(Locale.ROOT, "generating %,d rows in %d tables upstream (%s, %s)...%n", rows, tables, a.get("up"),
                a.get("dataset"));
        long genStart = System.nanoTime();
        if (sysbench) {
            sysbenchPrepare(up, user, password, rows / tables, tables, threads);
        } else {
            generate(up, user, password, rows, tables);
        }
        long dataBytes = queryLong(up, user, password, "SELECT SUM(DATA_LENGTH) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + DB + "'");
        System.out.printf(Locale.ROOT, "generated in %.1f s; InnoDB data size %.1f MB%n", secs(genStart), dataBytes / 1e6);
        Map<String, String> upSums = checksums(up, user, password, tables);

        Path work = Files.createTempDirectory("dm4j-bench");
        // dm4j
        exec(down, user, password, "DROP DATABASE IF EXISTS `" + DB + "`", "DROP DATABASE IF EXISTS dm4j_bench_meta");
        SubTaskConfig cfg = TaskConfig.parse("name: bench\ntask-mode: full\nmeta-schema: dm4j_bench_meta\n"
                + "target-database:\n  host: " + down[0] + "\n  port: " + down[1] + "\n  user: " + user + "\n  password: \""
                + password + "\"\nmysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n"
                + "    mydumper-config-name: d\n    loader-config-name: l\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [" + DB + "]\n"
                + "mydumpers:\n  d:\n    threads: " + threads + "\n"
                + "loaders:\n  l:\n    pool-size: " + threads + "\n    import-mode: " + a.get("import-mode") + "\n    dir: \""
                + work.resolve("dm4j") + "\"\n", "bench.yaml").subTask("s1");
        quiesce(down, user, password);
        resetPeaks();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        DumpUnit dump = new DumpUnit(cfg, new Upstream(up[0], Integer.parseInt(up[1]), user, password));
        check(dump.process(), "dm4j dump");
        double dumpSecs = secs(t0);
        DumpStatus ds = dump.status();
        long cpu1 = cpuNanos();
        long t1 = System.nanoTime();
        LoadUnit load = new LoadUnit(cfg, DownstreamConfig.of(down[0], Integer.parseInt(down[1]), user, password, threads));
        check(load.process(), "dm4j load");
        load.close();
        double loadSecs = secs(t1);
        long cpu2 = cpuNanos();
        long peakHeap = peakHeap();
        long maxHeap = Runtime.getRuntime().maxMemory();
        verify(down, user, password, tables, upSums, "dm4j");
        System.out.printf(Locale.ROOT, "dm4j: dump %.1f s (%s, %,d bytes of files), load %.1f s (%s), total %.1f s; peak heap"
                        + " %.0f MB of %.0f MB max; JVM CPU dump %.1f s, load %.1f s%n", dumpSecs, ds.consistency(),
                ds.finishedBytes(), loadSecs, a.get("import-mode"), dumpSecs + loadSecs, peakHeap / 1e6, maxHeap / 1e6,
                (cpu1 - cpu0) / 1e9, (cpu2 - cpu1) / 1e9);

        if (!a.containsKey("skip-mydumper")) {
            exec(down, user, password, "DROP DATABASE IF EXISTS `" + DB + "`");
            Path md = work.resolve("mydumper");
            quiesce(down, user, password);
            long m0 = System.nanoTime();
            run(List.of("mydumper", "-h", up[0], "-P", up[1], "-u", user, "-p", password, "-B", DB, "-o", md.toString(),
                    "-t", String.valueOf(threads), "-r", "200000"));
            double mdSecs = secs(m0);
            long m1 = System.nanoTime();
            List<String> myloader = new ArrayList<>(List.of("myloader", "-h", down[0], "-P", down[1], "-u", user, "-p",
                    password, "-d", md.toString(), "-t", String.valueOf(threads), "-o"));
            if (Boolean.parseBoolean(a.get("myloader-binlog"))) {
                myloader.add("-e"); // like dm4j (and DM), write the loaded rows to the downstream binlog
            }
            run(myloader);
            double mlSecs = secs(m1);
            verify(down, user, password, tables, upSums, "mydumper/myloader");
            System.out.printf(Locale.ROOT, "mydumper %.1f s, myloader %.1f s, total %.1f s%n", mdSecs, mlSecs, mdSecs + mlSecs);
            System.out.printf(Locale.ROOT, "%nRESULT load1=%s rows=%d tables=%d data=%.1fMB threads=%d | dm4j dump=%.1fs load=%.1fs"
                            + " total=%.1fs peakHeap=%.0fMB | mydumper=%.1fs myloader=%.1fs total=%.1fs | ratio dm4j/mydumper:"
                            + " dump %.2f, load %.2f, total %.2f | mydumper+myloader / dm4j = %.2f%n",
                    new String(Files.readAllBytes(Path.of("/proc/loadavg"))).split(" ")[0], rows, tables, dataBytes / 1e6, threads, dumpSecs, loadSecs,
                    dumpSecs + loadSecs, peakHeap / 1e6, mdSecs, mlSecs, mdSecs + mlSecs, dumpSecs / mdSecs,
                    loadSecs / mlSecs, (dumpSecs + loadSecs) / (mdSecs + mlSecs), (mdSecs + mlSecs) / (dumpSecs + loadSecs));
        }
        if (!a.containsKey("keep")) {
            exec(up, user, password, "DROP DATABASE IF EXISTS `" + DB + "`");
            exec(down, user, password, "DROP DATABASE IF EXISTS `" + DB + "`", "DROP DATABASE IF EXISTS dm4j_bench_meta");
        }
        try (Stream<Path> w = Files.walk(work)) {
            w.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    static void generate(String[] up, String user, String password, long rows, int tables) throws Exception {
        exec(up, user, password, "DROP DATABASE IF EXISTS `" + DB + "`", "CREATE DATABASE `" + DB + "`");
        long per = rows / tables;
        for (int t = 1; t <= tables; t++) {
            exec(up, user, password, "CREATE TABLE `" + DB + "`.t" + t + " (id BIGINT PRIMARY KEY, a INT NOT NULL,"
                    + " b VARCHAR(100), c DECIMAL(14,4), d DATETIME(6), e TEXT, f DOUBLE, g VARBINARY(32),"
                    + " KEY ka (a)) DEFAULT CHARSET utf8mb4");
            for (long from = 1; from <= per; from += 250_000) {
                long to = Math.min(per, from + 249_999);
                exec(up, user, password, "INSERT INTO `" + DB + "`.t" + t + " SELECT seq, seq % 100000,"
                        + " CONCAT('name-', seq, '-', REPEAT('ab', seq % 20)), seq / 13, '2020-01-01' + INTERVAL seq SECOND"
                        + " + INTERVAL seq % 999999 MICROSECOND, IF(seq % 5 = 0, NULL, REPEAT('lorem ipsum ', 1 + seq % 8)),"
                        + " seq / 7e0, UNHEX(SHA1(seq)) FROM `" + DB + "`.seq_" + from + "_to_" + to);
            }
            exec(up, user, password, "ANALYZE TABLE `" + DB + "`.t" + t);
        }
    }

    /** sysbench's own oltp tables: {@code sysbench oltp_write_only prepare} (needs apt-get install -y sysbench). */
    static void sysbenchPrepare(String[] up, String user, String password, long perTable, int tables, int threads)
            throws Exception {
        exec(up, user, password, "DROP DATABASE IF EXISTS `" + DB + "`", "CREATE DATABASE `" + DB + "`");
        run(List.of("sysbench", "oltp_write_only", "--db-driver=mysql", "--mysql-host=" + up[0], "--mysql-port=" + up[1],
                "--mysql-user=" + user, "--mysql-password=" + password, "--mysql-db=" + DB, "--tables=" + tables,
                "--table-size=" + perTable, "--threads=" + Math.min(threads, tables), "prepare"));
    }

    static Map<String, String> checksums(String[] db, String user, String password, int tables) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = connect(db, user, password); Statement st = c.createStatement()) {
            for (int t = 1; t <= tables; t++) {
                try (ResultSet rs = st.executeQuery("CHECKSUM TABLE `" + DB + "`." + PREFIX + t)) {
                    rs.next();
                    out.put(PREFIX + t, rs.getString(2));
                }
            }
        }
        return out;
    }

    static void verify(String[] down, String user, String password, int tables, Map<String, String> expected, String who)
            throws Exception {
        Map<String, String> got = checksums(down, user, password, tables);
        if (!got.equals(expected)) {
            throw new IllegalStateException(who + ": downstream checksums " + got + " differ from upstream " + expected);
        }
        System.out.println(who + ": downstream CHECKSUM TABLE equals upstream for all " + tables + " tables");
    }

    /**
     * Waits (at most 60 s) until the downstream has flushed the dirty pages an earlier copy left, so that neither tool
     * pays for the other's writes. Sets innodb_max_dirty_pages_pct for the wait: run it on a sandbox of your own.
     */
    static void quiesce(String[] down, String user, String password) throws Exception {
        exec(down, user, password, "SET GLOBAL innodb_max_dirty_pages_pct = 0");
        try {
            for (int i = 0; i < 120; i++) {
                if (queryLong(down, user, password, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'") < 50) {
                    return;
                }
                Thread.sleep(500);
            }
        } finally {
            exec(down, user, password, "SET GLOBAL innodb_max_dirty_pages_pct = 90");
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed with exit code " + p.exitValue());
        }
    }

    static void check(UnitResult r, String what) {
        if (!r.ok() || !r.finished()) {
            throw new IllegalStateException(what + " failed: " + r.errors());
        }
    }

    static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static Connection connect(String[] db, String user, String password) throws Exception {
        return DriverManager.getConnection("jdbc:mysql://" + db[0] + ":" + db[1] + "/?useSSL=false&allowPublicKeyRetrieval=true",
                user, password);
    }

    static void exec(String[] db, String user, String password, String... sql) throws Exception {
        try (Connection c = connect(db, user, password); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static long queryLong(String[] db, String user, String password, String sql) throws Exception {
        try (Connection c = connect(db, user, password); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
