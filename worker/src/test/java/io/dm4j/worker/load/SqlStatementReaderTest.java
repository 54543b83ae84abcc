package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlStatementReaderTest {

    private static List<SqlStatementReader.Statement> all(Path f, long from) throws Exception {
        List<SqlStatementReader.Statement> out = new ArrayList<>();
        try (SqlStatementReader r = new SqlStatementReader(f, from)) {
            for (SqlStatementReader.Statement s = r.next(); s != null; s = r.next()) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments(@TempDir Path dir) throws Exception {
        String text = "/*!40101 SET NAMES utf8mb4*/;\n"
                + "INSERT INTO `t;x` (`a`) VALUES\n('a;b'),\n('it''s;'),\n(\"q\\\";\"),\n('😀;');\n"
                + "-- comment; here\n# another; one\nINSERT INTO t VALUES (/* c; */ 1);\r\n"
                + "  \n";
        Path f = dir.resolve("x.sql");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<SqlStatementReader.Statement> st = all(f, 0);
        assertEquals(3, st.size());
        assertEquals("/*!40101 SET NAMES utf8mb4*/", st.get(0).sql());
        assertEquals("INSERT INTO `t;x` (`a`) VALUES\n('a;b'),\n('it''s;'),\n(\"q\\\";\"),\n('😀;')", st.get(1).sql());
        assertEquals("-- comment; here\n# another; one\nINSERT INTO t VALUES (/* c; */ 1)", st.get(2).sql());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(0, st.get(0).start());
        assertEquals(st.get(0).end(), st.get(1).start(), "the next statement starts right after the line break");
        assertEquals(bytes.length - 3, st.get(2).end(), "ends after ';' and CRLF");
        // resuming at any end offset gives the remaining statements, byte for byte
        List<SqlStatementReader.Statement> rest = all(f, st.get(1).end());
        assertEquals(1, rest.size());
        assertEquals(st.get(2).sql(), rest.get(0).sql());
        assertEquals(st.get(2).start(), rest.get(0).start());
    }

    @Test
    void aTruncatedFileIsReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.sql");
        Files.writeString(f, "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('abc");
        try (SqlStatementReader r = new SqlStatementReader(f, 0)) {
            r.next();
            SqlStatementReader.TruncatedException e = assertThrows(SqlStatementReader.TruncatedException.class, r::next);
            assertEquals(26, e.start);
        }
    }

    @Test
    void emptyAndWhitespaceFilesHaveNoStatements(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.sql");
        Files.writeString(f, " \n\t\n");
        try (SqlStatementReader r = new SqlStatementReader(f, 0)) {
            assertNull(r.next());
        }
    }
}
