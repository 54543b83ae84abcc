package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.dump.CsvLoad;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.progress.TableBoard;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileLoader} on SQL files against the real downstream: what it sends per statement and what commits. */
@ExtendWith(DatabasesExtension.class)
class FileLoaderIT {
    private static final String FILE = "t.000000001.sql";
    private static final String TASK = "fileloader";
    private static final String META = "fileloader_meta";

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** Counts the requests a connection sends: every execute call of a statement, every commit and rollback. */
    private static final class RoundTrips {
        final AtomicInteger count = new AtomicInteger();

        DataSource wrap(DataSource ds) {
            return proxy(DataSource.class, ds, (m, args) -> m.getName().equals("getConnection")
                    ? connection((Connection) invoke(ds, m, args)) : invoke(ds, m, args));
        }

        private Connection connection(Connection c) {
            return proxy(Connection.class, c, (m, args) -> {
                if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                    count.incrementAndGet();
                }
                Object r = invoke(c, m, args);
                return r instanceof Statement st ? statement(st, m.getReturnType()) : r;
            });
        }

        private Object statement(Statement st, Class<?> type) {
            return proxy(type, st, (m, args) -> {
                if (m.getName().startsWith("execute")) {
                    count.incrementAndGet();
                }
                return invoke(st, m, args);
            });
        }

        interface Handler {
            Object handle(Method m, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Object target, Handler h) {
            return (T) Proxy.newProxyInstance(FileLoaderIT.class.getClassLoader(), new Class<?>[] {type},
                    (p, m, args) -> h.handle(m, args));
        }

        private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private record Setup(Downstream down, LoaderCheckpoint checkpoint, FileJob job, String schema) {
        FileLoader loader(DataSource ds, OnDuplicateLogical mode, CommitHook hook) {
            return new FileLoader(ds, checkpoint, mode, new AtomicLong(), () -> false, hook);
        }
    }

    private Setup setup(TestDatabases dbs, Path dir, String prefix, String content, boolean register) throws Exception {
        return setup(dbs, dir, prefix, content.getBytes(StandardCharsets.UTF_8), register);
    }

    private Setup setup(TestDatabases dbs, Path dir, String prefix, byte[] content, boolean register) throws Exception {
        String s = dbs.freshSchema(prefix);
        dbs.execDown("DROP DATABASE IF EXISTS `" + META + "`", "CREATE DATABASE `" + s + "`",
                "CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v VARCHAR(40))");
        Path file = dir.resolve(FILE);
        Files.write(file, content);
        long size = Files.size(file);
        Downstream down = Downstream.open(DumpLoadFixture.downstream(dbs), "file-loader-it");
        closing.add(down);
        LoaderCheckpoint cp = new LoaderCheckpoint(down.dataSource(), META, TASK, "s1");
        cp.prepare();
        if (register) {
            cp.register(List.of(new LoaderCheckpoint.FilePoint(FILE, s, "t", 0, size, "d1")));
        }
        DumpIndex.FileEntry entry = new DumpIndex.FileEntry(FILE, 0, size);
        DumpIndex.TableEntry table = new DumpIndex.TableEntry(s, "t", false, null,
                List.of(new DumpIndex.ColumnEntry("id", CsvLoad.DIRECT), new DumpIndex.ColumnEntry("v", CsvLoad.DIRECT)),
                List.of(entry), size);
        FileJob job = new FileJob(table, entry, file, new TableId(s, "t"), ExtractedColumns.NONE,
                new TableBoard().register("t", 0, size, 1));
        return new Setup(down, cp, job, s);
    }

    private static String inserts(int from, int statements, int rowsEach) {
        StringBuilder sb = new StringBuilder("/*!40101 SET NAMES binary*/;\n");
        int id = from;
        for (int i = 0; i < statements; i++) {
            sb.append("INSERT INTO `t` (`id`,`v`) VALUES\n");
            for (int r = 0; r < rowsEach; r++) {
                sb.append(r == 0 ? "" : ",\n").append('(').append(id).append(",'v;").append(id++).append("')");
            }
            sb.append(";\n");
        }
        return sb.toString();
    }

    private static long offset(TestDatabases dbs) throws SQLException {
        return Long.parseLong(dbs.queryDown("SELECT `offset` FROM `" + META + "`.`" + TASK
                + "_loader_checkpoint` WHERE filename = ?", FILE).get(0).get(0));
    }

    /** Each INSERT, its checkpoint update and its COMMIT travel as one request (three before). */
    @Test
    void eachStatementIsOneRoundTripAndCommitsWithItsCheckpoint(TestDatabases dbs, @TempDir Path dir) throws Exception {
        Setup su = setup(dbs, dir, "fl_trips", inserts(1, 5, 20), true);
        RoundTrips trips = new RoundTrips();
        FileLoader loader = su.loader(trips.wrap(su.down().dataSource()), OnDuplicateLogical.ERROR, CommitHook.NONE);
        assertTrue(loader.load(su.job(), 0, DataFormat.SQL));
        assertEquals(5, trips.count.get(), "one request per INSERT statement");
        assertEquals(List.of(List.of("100", "100")),
                dbs.queryDown("SELECT COUNT(*), COUNT(DISTINCT id) FROM `" + su.schema() + "`.t"));
        assertEquals(su.job().size(), offset(dbs));
        assertEquals(List.of(List.of("v;57")), dbs.queryDown("SELECT v FROM `" + su.schema() + "`.t WHERE id = 57"));
    }

    /**
     * The file's bytes reach the server as they are: raw binary after {@code _binary} (as mydumper writes BLOBs) is
     * not decoded as UTF-8 on the way, which replaced every invalid byte with U+FFFD before.
     */
    @Test
    void bytesThatAreNotUtf8ReachTheServerUnchanged(TestDatabases dbs, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("/*!40101 SET NAMES binary*/;\nINSERT INTO `t` (`id`,`v`) VALUES (1,_binary'".getBytes(StandardCharsets.UTF_8));
        text.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80, 'a'});
        text.writeBytes("'),\n(2,'é😀');\n".getBytes(StandardCharsets.UTF_8));
        Setup su = setup(dbs, dir, "fl_raw", text.toByteArray(), true);
        dbs.execDown("ALTER TABLE `" + su.schema() + "`.t MODIFY v VARBINARY(40)");
        FileLoader loader = su.loader(su.down().dataSource(), OnDuplicateLogical.ERROR, CommitHook.NONE);
        assertTrue(loader.load(su.job(), 0, DataFormat.SQL));
        assertEquals(List.of(List.of("1", "FFFE8061"), List.of("2", "C3A9F09F9880")),
                dbs.queryDown("SELECT id, HEX(v) FROM `" + su.schema() + "`.t ORDER BY id"));
        assertEquals(su.job().size(), offset(dbs));
    }

    /** A data file whose checkpoint row is gone: the statement fails and nothing of it commits. */
    @Test
    void aMissingCheckpointRowFailsTheStatementAndCommitsNothing(TestDatabases dbs, @TempDir Path dir) throws Exception {
        Setup su = setup(dbs, dir, "fl_norow", inserts(1, 2, 3), false);
        FileLoader loader = su.loader(su.down().dataSource(), OnDuplicateLogical.ERROR, CommitHook.NONE);
        SQLException e = assertThrows(SQLException.class, () -> loader.load(su.job(), 0, DataFormat.SQL));
        assertTrue(e.getMessage().contains("load checkpoint row of " + FILE + " is missing"), e.getMessage());
        assertEquals(List.of(List.of("0")), dbs.queryDown("SELECT COUNT(*) FROM `" + su.schema() + "`.t"));
    }

    /** A duplicate key with on-duplicate-logical: error fails its statement; the statements before stay committed. */
    @Test
    void aDuplicateKeyFailsItsStatementAndKeepsTheOnesBefore(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String first = inserts(1, 1, 2);
        Setup su = setup(dbs, dir, "fl_dup", first + inserts(3, 1, 2).substring(first.indexOf('\n') + 1), true);
        dbs.execDown("INSERT INTO `" + su.schema() + "`.t VALUES (4, 'there before')");
        FileLoader loader = su.loader(su.down().dataSource(), OnDuplicateLogical.ERROR, CommitHook.NONE);
        FileLoader.DuplicateException e = assertThrows(FileLoader.DuplicateException.class,
                () -> loader.load(su.job(), 0, DataFormat.SQL));
        assertEquals(1062, e.getErrorCode());
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("4")),
                dbs.queryDown("SELECT id FROM `" + su.schema() + "`.t ORDER BY id"));
        assertEquals(first.length(), offset(dbs), "the checkpoint stays at the end of the committed statement");
        // with on-duplicate-logical: replace the file continues from there
        FileLoader replace = su.loader(su.down().dataSource(), OnDuplicateLogical.REPLACE, CommitHook.NONE);
        assertTrue(replace.load(su.job(), offset(dbs), DataFormat.SQL));
        assertEquals(List.of(List.of("4", "v;4")), dbs.queryDown("SELECT id, v FROM `" + su.schema() + "`.t WHERE id = 4"));
        assertEquals(su.job().size(), offset(dbs));
    }

    /** A failure before a commit (the crash tests' hook) leaves nothing of that statement and the checkpoint before it. */
    @Test
    void aFailureBeforeACommitLeavesNothingOfThatStatement(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String text = inserts(1, 3, 4);
        Setup su = setup(dbs, dir, "fl_hook", text, true);
        AtomicInteger commits = new AtomicInteger();
        List<Long> offsets = new ArrayList<>();
        CommitHook failSecond = (file, offset) -> {
            offsets.add(offset);
            if (commits.incrementAndGet() == 2) {
                throw new SQLException("injected before commit 2");
            }
        };
        FileLoader loader = su.loader(su.down().dataSource(), OnDuplicateLogical.ERROR, failSecond);
        assertThrows(SQLException.class, () -> loader.load(su.job(), 0, DataFormat.SQL));
        assertEquals(List.of(List.of("4")), dbs.queryDown("SELECT COUNT(*) FROM `" + su.schema() + "`.t"));
        assertEquals((long) offsets.get(0), offset(dbs));
        FileLoader again = su.loader(su.down().dataSource(), OnDuplicateLogical.ERROR, CommitHook.NONE);
        assertTrue(again.load(su.job(), offset(dbs), DataFormat.SQL));
        assertEquals(List.of(List.of("12", "12")),
                dbs.queryDown("SELECT COUNT(*), COUNT(DISTINCT id) FROM `" + su.schema() + "`.t"));
        assertEquals(su.job().size(), offset(dbs));
    }
}
