package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.dump.CsvLoad;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpIndex;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15: a logical load must not make Connector/J allocate a packet of four bytes per character for every
 * INSERT statement ({@code Statement.execute} does: a 4 MB humongous object per 1 MB statement, which started most
 * GC cycles of a copy). The loader's own work on the calling thread is counted with the JVM's per-thread allocation
 * counter while it loads a file of 1 MB statements; the values carry what a client-side parser must get right
 * ({@code ?}, doubled quotes, comment markers, two-byte UTF-8 characters), and arrive unchanged.
 */
@ExtendWith(DatabasesExtension.class)
class FileLoaderAllocationIT {
    private static final int STATEMENTS = 6;
    private static final int ROWS_PER_STATEMENT = 4;
    private static final int VALUE_CHARS = 250_000;

    @Test
    void largeStatementsAreSentWithoutAFourfoldPacket(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("load_alloc");
        dbs.execDown("CREATE DATABASE `" + s + "`", "CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v LONGTEXT) DEFAULT CHARSET=utf8mb4");
        Map<Integer, String> rows = new LinkedHashMap<>();
        StringBuilder file = new StringBuilder("/*!40101 SET NAMES utf8mb4*/;\n/*!40103 SET TIME_ZONE='+00:00'*/;\n");
        int id = 0;
        for (int st = 0; st < STATEMENTS; st++) {
            file.append("INSERT INTO `t` (`id`,`v`) VALUES\n");
            for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
                id++;
                String v = value(id);
                rows.put(id, v);
                file.append(r == 0 ? "" : ",\n").append('(').append(id).append(",'").append(v.replace("'", "''"))
                        .append("')");
            }
            file.append(";\n");
        }
        Path path = dir.resolve(s + ".t.000000000.sql");
        Files.writeString(path, file, StandardCharsets.UTF_8);
        long bytes = Files.size(path);

        DbEndpoint d = dbs.downstream();
        try (Downstream down = Downstream.open(DownstreamConfig.of(d.host(), d.port(), d.user(), d.password(), 1),
                "alloc-test")) {
            LoaderCheckpoint checkpoint = new LoaderCheckpoint(down.dataSource(), s, "alloc", "s1");
            checkpoint.prepare();
            DumpIndex.FileEntry entry = new DumpIndex.FileEntry(path.getFileName().toString(), rows.size(), bytes);
            DumpIndex.TableEntry table = new DumpIndex.TableEntry(s, "t", false, s + ".t-schema.sql",
                    List.of(new DumpIndex.ColumnEntry("id", CsvLoad.DIRECT), new DumpIndex.ColumnEntry("v", CsvLoad.DIRECT)),
                    List.of(entry));
            checkpoint.register(List.of(new LoaderCheckpoint.FilePoint(entry.name(), s, "t", 0, bytes, "dump-1")));
            FileLoader loader = new FileLoader(down.dataSource(), checkpoint, OnDuplicateLogical.ERROR, new AtomicLong(),
                    () -> false, CommitHook.NONE);
            FileJob job = new FileJob(table, entry, path, new TableId(s, "t"), ExtractedColumns.NONE);

            long before = allocatedByThisThread();
            assertTrue(loader.load(job, 0, DataFormat.SQL));
            long allocated = allocatedByThisThread() - before;

            // Measured on this file: 11.3 bytes allocated per file byte with Statement.execute (its packet alone is 4
            // per character), 8.8 without that packet (what remains: the decoded statement, the rewritten one, and
            // Connector/J's UTF-8 encoding of it, which for text with two-byte characters sizes a buffer at twice the
            // length before trimming it). The bound lies between.
            assertTrue(allocated < 10 * bytes, "allocated " + allocated + " bytes to load a file of " + bytes
                    + " bytes (" + String.format("%.1f", (double) allocated / bytes) + " per byte)");
            assertEquals(bytes, checkpoint.offset(entry.name()));
        }
        Map<Integer, String> loaded = new LinkedHashMap<>();
        try (Connection c = dbs.connectDown(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v FROM `" + s + "`.t ORDER BY id")) {
            while (rs.next()) {
                loaded.put(rs.getInt(1), rs.getString(2));
            }
        }
        assertEquals(rows.keySet(), loaded.keySet());
        for (Map.Entry<Integer, String> e : rows.entrySet()) {
            assertEquals(e.getValue(), loaded.get(e.getKey()), "row " + e.getKey());
        }
    }

    /** A value with what a client-side statement parser must not misread: placeholders and quotes inside text. */
    private static String value(int id) {
        StringBuilder v = new StringBuilder(VALUE_CHARS);
        String piece = "row " + id + " ? it's \"quoted\" `x` -- /* c */ é ü ; ";
        while (v.length() < VALUE_CHARS) {
            v.append(piece);
        }
        return v.toString();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
