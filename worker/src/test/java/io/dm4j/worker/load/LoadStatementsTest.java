package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statements of a data file as the load sends them, through the {@link Prefetcher} as {@link FileLoader} uses it. */
class LoadStatementsTest {
    private static final String FILE = "db.t.000000001.sql";

    /** The checkpoint only writes SQL text here; it never connects. */
    private static LoaderCheckpoint checkpoint() {
        DataSource none = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new LoaderCheckpoint(none, "m", "task", "s1");
    }

    private static Prefetcher<LoadStatements.Ready> open(SqlStatementReader reader) {
        InsertRewriter rewriter = new InsertRewriter(new TableId("db", "t2"), OnDuplicateLogical.ERROR,
                ExtractedColumns.NONE, List.of("a"));
        return new Prefetcher<>("load-statements-test", 1, new LoadStatements(FILE, reader, rewriter, checkpoint()));
    }

    private static String commit(long offset) {
        return "UPDATE `m`.`task_loader_checkpoint` SET `offset` = " + offset + " WHERE id = 's1' AND filename = '"
                + FILE + "';SELECT (SELECT 1 FROM (SELECT 1 UNION ALL SELECT 2) AS two WHERE NOT EXISTS (SELECT 1 FROM"
                + " `m`.`task_loader_checkpoint` WHERE id = 's1' AND filename = '" + FILE + "' AND `offset` = "
                + offset + "));COMMIT";
    }

    @Test
    void eachInsertIsRewrittenAndCarriesItsCheckpointAndCommit(@TempDir Path dir) throws Exception {
        String set = "/*!40101 SET NAMES binary*/;\n";
        String first = "INSERT INTO `t` VALUES (1),(2);\n";
        String second = "INSERT INTO `t` (`a`) VALUES ('x;y');\n";
        Path f = dir.resolve(FILE);
        Files.writeString(f, set + first + second, StandardCharsets.UTF_8);
        long end1 = set.length() + first.length();
        long end2 = end1 + second.length();
        try (SqlStatementReader r = new SqlStatementReader(f, 0); Prefetcher<LoadStatements.Ready> p = open(r)) {
            LoadStatements.Ready s = p.take();
            assertFalse(s.isData(), "a session setting has nothing to send");
            assertEquals(set.length(), s.end());
            s = p.take();
            assertTrue(s.isData());
            assertEquals("INSERT INTO `db`.`t2` (`a`) VALUES (1),(2);" + commit(end1), new String(s.text(), StandardCharsets.UTF_8));
            assertEquals(end1, s.end());
            s = p.take();
            assertEquals("INSERT INTO `db`.`t2` (`a`) VALUES ('x;y');" + commit(end2), new String(s.text(), StandardCharsets.UTF_8));
            assertEquals(end2, s.end());
            assertNull(p.take());
        }
        // from a checkpoint offset: the file continues after the last committed statement
        try (SqlStatementReader r = new SqlStatementReader(f, end1); Prefetcher<LoadStatements.Ready> p = open(r)) {
            assertEquals(end2, p.take().end());
            assertNull(p.take());
        }
    }

    /** The file's first statement is delivered, then the error about {@code rest}, at its offset. */
    private static void assertRefusedAfterOneStatement(Path dir, String rest, String detail) throws Exception {
        String first = "INSERT INTO `t` VALUES (1);\n";
        Path f = dir.resolve(FILE);
        Files.writeString(f, first + rest, StandardCharsets.UTF_8);
        try (SqlStatementReader r = new SqlStatementReader(f, 0); Prefetcher<LoadStatements.Ready> p = open(r)) {
            assertEquals(first.length(), p.take().end());
            DmException e = assertThrows(DmException.class, p::take);
            assertEquals(LoadErrors.INVALID_STATEMENT, e.code());
            assertTrue(e.getMessage().contains(FILE + " has an unexpected statement at byte " + first.length() + ": "
                    + detail), e.getMessage());
        }
    }

    @Test
    void aFileThatEndsInsideAStatementFailsAfterTheStatementsBeforeIt(@TempDir Path dir) throws Exception {
        assertRefusedAfterOneStatement(dir, "INSERT INTO `t` VALUES ('unterminated", "the file ends inside this statement");
    }

    @Test
    void aStatementOtherThanAnInsertOrASettingIsRefusedWithItsOffset(@TempDir Path dir) throws Exception {
        assertRefusedAfterOneStatement(dir, "DROP TABLE `t`;\nINSERT INTO `t` VALUES (2);\n", "DROP TABLE `t`");
    }

    @Test
    void anInsertThatCannotBeRewrittenIsRefusedWithItsOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(FILE);
        Files.writeString(f, "INSERT INTO `t` SELECT 1;\n", StandardCharsets.UTF_8);
        try (SqlStatementReader r = new SqlStatementReader(f, 0); Prefetcher<LoadStatements.Ready> p = open(r)) {
            DmException e = assertThrows(DmException.class, p::take);
            assertEquals(LoadErrors.INVALID_STATEMENT, e.code());
            assertTrue(e.getMessage().contains("at byte 0: INSERT INTO `t` SELECT 1"), e.getMessage());
        }
    }
}
