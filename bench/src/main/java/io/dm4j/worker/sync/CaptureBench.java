package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.decode.RowDecoder;
import io.dm4j.worker.sync.expr.ExpressionFilter;
import io.dm4j.worker.sync.model.RowChange;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capture benchmark: how fast one thread turns binlog files into typed row changes, the way the sync unit does
 * (dm4j's {@link BinlogDeserializers} + {@link RowEventMapper}/{@link RowDecoder}), against mysql-binlog-connector-java
 * with its default deserializers (the raw client: rows of library objects, no typed values). It writes a workload
 * upstream into binlog files of its own (FLUSH BINARY LOGS before and after), then reads those files from disk
 * (the sandbox's upstream data directory) several times per variant, on the calling thread only, and prints row
 * changes per second of wall time and per second of that thread's CPU time (= on one core). The network and the
 * server are not part of it. Run through bench/run-capture-bench.sh.
 *
 * <p>Options: --rows N (rows inserted, then each updated once and a fifth deleted; default 500000), --up host:port
 * (127.0.0.1:3307), --user/--password (admin/admin), --binlog-dir DIR (default: the directory of the upstream's
 * log_bin_basename), --iterations N (measured passes per variant, default 3, after one warm-up pass), --keep.
 */
public final class CaptureBench {
    private static final String DB = "dm4j_capture_bench";

    private CaptureBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("rows", "500000", "up", "127.0.0.1:3307", "user", "admin",
                "password", "admin", "iterations", "3"));
        for (int i = 0; i < argv.length; i++) {
            String k = argv[i].replaceFirst("^--", "");
            a.put(k, k.equals("keep") ? "true" : argv[++i]);
        }
        String[] up = a.get("up").split(":");
        long rows = Long.parseLong(a.get("rows"));
        int iterations = Integer.parseInt(a.get("iterations"));
        String url = "jdbc:mysql://" + up[0] + ":" + up[1] + "/?useSSL=false&allowPublicKeyRetrieval=true";
        List<File> files = new ArrayList<>();
        Map<String, String> creates = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, a.get("user"), a.get("password"));
             Statement st = c.createStatement()) {
            String dir = a.get("binlog-dir");
            if (dir == null) {
                dir = new File(scalar(st, "SELECT @@log_bin_basename")).getParent();
            }
            st.execute("DROP DATABASE IF EXISTS " + DB);
            st.execute("CREATE DATABASE " + DB);
            st.execute("CREATE TABLE " + DB + ".t (id BIGINT PRIMARY KEY, a INT NOT NULL, b VARCHAR(100),"
                    + " c DECIMAL(14,4), d DATETIME(6), e TEXT, f DOUBLE, g VARBINARY(32), KEY ka (a))"
                    + " DEFAULT CHARSET utf8mb4");
            creates.put("t", createOf(st, "t"));
            st.execute("FLUSH BINARY LOGS");
            String first = masterFile(st);
            long t0 = System.nanoTime();
            for (long from = 1; from <= rows; from += 100_000) {
                long to = Math.min(rows, from + 99_999);
                st.execute("INSERT INTO " + DB + ".t SELECT seq, seq % 100000, CONCAT('name-', seq, '-',"
                        + " REPEAT('ab', seq % 20)), seq / 13, '2020-01-01' + INTERVAL seq SECOND + INTERVAL seq % 999999"
                        + " MICROSECOND, IF(seq % 5 = 0, NULL, REPEAT('lorem ipsum ', 1 + seq % 8)), seq / 7e0,"
                        + " UNHEX(SHA1(seq)) FROM " + DB + ".seq_" + from + "_to_" + to);
                st.execute("UPDATE " + DB + ".t SET a = a + 1, b = CONCAT(b, 'x') WHERE id BETWEEN " + from + " AND " + to);
            }
            st.execute("DELETE FROM " + DB + ".t WHERE id % 5 = 0");
            st.execute("FLUSH BINARY LOGS");
            String last = masterFile(st);
            System.out.printf(Locale.ROOT, "workload written in %.1f s into %s .. (before) %s%n",
                    (System.nanoTime() - t0) / 1e9, first, last);
            try (ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
                boolean in = false;
                while (rs.next()) {
                    String name = rs.getString(1);
                    in |= name.equals(first);
                    if (name.equals(last)) {
                        break;
                    }
                    if (in) {
                        files.add(new File(dir, name));
                    }
                }
            }
            if (!a.containsKey("keep")) {
                st.execute("DROP DATABASE " + DB);
            }
        }
        long bytes = files.stream().mapToLong(File::length).sum();
        System.out.printf(Locale.ROOT, "binlog: %d file(s), %.1f MB%n", files.size(), bytes / 1e6);

        RowEventMapper mapper = mapper(creates);
        List<String> lines = new ArrayList<>();
        for (String variant : List.of("raw client (library default deserializers)", "dm4j deserializers only",
                "dm4j deserializers + RowEventMapper (typed RowChange)")) {
            Pass warm = pass(variant, files, mapper);
            List<Pass> passes = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                passes.add(pass(variant, files, mapper));
            }
            passes.sort((x, y) -> Double.compare(x.cpuRate(), y.cpuRate()));
            Pass median = passes.get(passes.size() / 2);
            StringBuilder each = new StringBuilder();
            for (Pass p : passes) {
                each.append(String.format(Locale.ROOT, " %,.0f", p.cpuRate()));
            }
            lines.add(String.format(Locale.ROOT, "%-55s rows %,d | median: wall %.2f s, thread CPU %.2f s, JVM CPU %.2f s"
                            + " | rows/s: %,.0f per thread-CPU-second, %,.0f per JVM-CPU-second, %,.0f per wall second"
                            + " (per thread-CPU-second, all passes:%s; warm-up %,.0f)", variant, median.rows,
                    median.wallNanos / 1e9, median.cpuNanos / 1e9, median.processCpuNanos / 1e9, median.cpuRate(),
                    median.processCpuRate(), median.wallRate(), each, warm.cpuRate()));
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "target: >= 200,000 typed row changes per second on one core (per JVM-CPU-second counts GC and JIT"
                + " too); load average %s%n",
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).split(" ")[0]);
    }

    /** One read of all files on this thread. */
    record Pass(long rows, long wallNanos, long cpuNanos, long processCpuNanos) {
        double wallRate() {
            return rows / (wallNanos / 1e9);
        }

        double cpuRate() {
            return rows / (cpuNanos / 1e9);
        }

        double processCpuRate() {
            return rows / (processCpuNanos / 1e9);
        }
    }

    private static Pass pass(String variant, List<File> files, RowEventMapper mapper) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long process0 = processCpu();
        long wall0 = System.nanoTime();
        long rows = 0;
        long checksum = 0;
        boolean raw = variant.startsWith("raw");
        boolean map = variant.contains("RowEventMapper");
        for (File f : files) {
            EventDeserializer d = raw ? new EventDeserializer() : BinlogDeserializers.create();
            mapper.onRotate();
            try (BinaryLogFileReader reader = new BinaryLogFileReader(f, d)) {
                for (Event e = reader.readEvent(); e != null; e = reader.readEvent()) {
                    EventType type = e.getHeader().getEventType();
                    if (type == EventType.TABLE_MAP) {
                        mapper.onTableMap(e.getData());
                    } else if (RowEventMapper.isRows(type)) {
                        if (map) {
                            List<RowChange> changes = mapper.map(e, Location.of(f.getName(), 4));
                            rows += changes.size();
                            checksum += changes.isEmpty() ? 0 : changes.get(changes.size() - 1).hashCode();
                        } else {
                            rows += rowCount(e);
                        }
                    }
                }
            }
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long process = processCpu() - process0;
        if (checksum == 42) {
            System.out.print(""); // keeps the decoded values alive
        }
        return new Pass(rows, wall, cpu, process);
    }

    /** CPU time of the whole JVM: the reading thread plus the garbage collector and the JIT compilers. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int rowCount(Event e) {
        Object d = e.getData();
        if (d instanceof WriteRowsEventData w) {
            return w.getRows().size();
        }
        if (d instanceof UpdateRowsEventData u) {
            return u.getRows().size();
        }
        if (d instanceof DeleteRowsEventData x) {
            return x.getRows().size();
        }
        return 0;
    }

    /** The sync unit's mapper for the bench schema: every table kept, structures from SHOW CREATE TABLE. */
    private static RowEventMapper mapper(Map<String, String> creates) {
        TableSelection selection = new TableSelection(TaskConfig.parse("name: capture\ntask-mode: incremental\n"
                + "target-database:\n  host: 127.0.0.1\n  port: 3306\n  user: u\n  password: \"\"\n"
                + "mysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [" + DB + "]\n", "capture.yaml").subTask("s1"));
        CreateTableParser parser = new CreateTableParser(ServerDefaults.mariadb());
        Map<TableId, TableSchema> schemas = new HashMap<>();
        creates.forEach((table, sql) -> schemas.put(new TableId(DB, table), parser.parse(new TableId(DB, table), sql)));
        return new RowEventMapper(selection, new RowDecoder(ZoneOffset.UTC),
                (TableId id, TableMapEventData tm) -> schemas.get(id), ExpressionFilter.none());
    }

    private static String createOf(Statement st, String table) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + DB + "." + table)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static String masterFile(Statement st) throws Exception {
        return scalar(st, "SHOW MASTER STATUS");
    }

    private static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
