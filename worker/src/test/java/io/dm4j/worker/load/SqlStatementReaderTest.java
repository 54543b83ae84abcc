package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    /** The reader's buffer size: runs, escapes and multi-byte characters must survive crossing it. */
    private static final int BUFFER = 1 << 16;

    @Test
    void aMultiByteCharacterAcrossTheBufferBoundaryIsDecodedWhole(@TempDir Path dir) throws Exception {
        for (int shift = 0; shift < 4; shift++) {
            String head = "INSERT INTO t VALUES ('";
            String pad = "x".repeat(BUFFER - head.length() - shift); // the 4 bytes of the emoji start at BUFFER - shift
            String text = head + pad + "😀é';\nINSERT INTO t VALUES ('abc');\n";
            Path f = dir.resolve("u" + shift + ".sql");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            List<SqlStatementReader.Statement> st = all(f, 0);
            assertEquals(2, st.size());
            assertEquals(head + pad + "😀é'", st.get(0).sql(), "emoji starting " + shift + " bytes before the boundary");
            assertEquals("INSERT INTO t VALUES ('abc')", st.get(1).sql(), "an ASCII statement after a non-ASCII one");
        }
    }

    @Test
    void quotesEscapesAndCommentMarkersAcrossTheBufferBoundary(@TempDir Path dir) throws Exception {
        String[] edges = {"\\';", "'';", "\"\";", "\\\\';", "-- ;\n", "--;", "/*;*/", "#;\n", ";\r\n", "`;`"};
        for (String edge : edges) {
            for (int s = 0; s < edge.length() + 1; s++) {
                int shift = s;
                StringBuilder text = new StringBuilder("SELECT '");
                text.append("y".repeat(BUFFER - text.length() - shift)).append("' ").append(edge).append(" 1;\nSELECT 2;");
                Path f = dir.resolve("e.sql");
                Files.writeString(f, text, StandardCharsets.UTF_8);
                assertEquals(reference(text.toString().getBytes(StandardCharsets.UTF_8)), split(f),
                        () -> "edge " + edge + " at " + shift);
            }
        }
    }

    @Test
    void splitsLikeTheByteWiseStateMachineOnRandomText(@TempDir Path dir) throws Exception {
        // pieces that exercise every state change; long plain runs make the 8-byte scan and the buffer refills matter
        String[] pieces = {";", ";\n", ";\r\n", "\r\n", "\n", " ", "'", "\"", "`", "``", "''", "\"\"", "\\", "\\'",
            "\\\"", "#", "-", "--", "-- ", "--\t", "--x", "---", "/", "/*", "*/", "*", "é", "😀", "中", "(1,2,", "INSERT INTO t VALUES ",
            "abcdefghijklmnopqrstuvwxyz0123456789", "0123456789-0123456789-0123456789-0123456789-0123456789"};
        Random random = new Random(15);
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder();
            int size = 1 + random.nextInt(3 * BUFFER);
            while (text.length() < size) {
                String p = pieces[random.nextInt(pieces.length)];
                text.append(random.nextInt(4) == 0 ? p : p.repeat(1 + random.nextInt(40)));
            }
            Path f = dir.resolve("r" + round + ".sql");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            List<String> want = reference(text.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(want, split(f), "round " + round);
        }
    }

    @Test
    void asciiAndNonAsciiStatementsKeepTheirText(@TempDir Path dir) throws Exception {
        String quoted = "'" + "ab\\'cd".repeat(3000) + "é" + "0123456789".repeat(100) + "'";
        String text = "INSERT INTO t VALUES (" + quoted + ");\nINSERT INTO t VALUES ('" + "z".repeat(5000) + "');\n"
                + "INSERT INTO `é` VALUES (\"ü\");\n";
        Path f = dir.resolve("a.sql");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<SqlStatementReader.Statement> st = all(f, 0);
        assertEquals(3, st.size());
        assertEquals("INSERT INTO t VALUES (" + quoted + ")", st.get(0).sql());
        assertEquals("INSERT INTO t VALUES ('" + "z".repeat(5000) + "')", st.get(1).sql());
        assertEquals("INSERT INTO `é` VALUES (\"ü\")", st.get(2).sql());
        assertTrue(st.get(2).start() > 0);
    }

    /** The statements of a file as "start end text" lines, or the truncation, as the reader gives them. */
    private static List<String> split(Path f) throws Exception {
        List<String> out = new ArrayList<>();
        try (SqlStatementReader r = new SqlStatementReader(f, 0)) {
            for (SqlStatementReader.Statement s = r.next(); s != null; s = r.next()) {
                out.add(s.start() + " " + s.end() + " " + s.sql());
            }
        } catch (SqlStatementReader.TruncatedException e) {
            out.add("truncated at " + e.start);
        }
        return out;
    }

    /**
     * The same split, one byte at a time, written as plainly as possible: the rules the reader's fast scan must keep
     * (quotes with backslash escapes and doubled quotes, backticks, {@code #} and {@code -- } comments, block
     * comments, {@code ;} then an optional CR and an optional LF).
     */
    private static List<String> reference(byte[] d) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < d.length && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t')) {
                i++;
            }
            if (i == d.length) {
                return out;
            }
            int start = i;
            java.io.ByteArrayOutputStream sql = new java.io.ByteArrayOutputStream();
            char state = 'N'; // N normal, S ', D ", B `, L line comment, C block comment
            boolean ended = false;
            while (i < d.length && !ended) {
                byte b = d[i++];
                int next = i < d.length ? d[i] & 0xff : -1;
                switch (state) {
                    case 'N' -> {
                        if (b == ';') {
                            if (next == '\r') {
                                i++;
                            }
                            if (i < d.length && d[i] == '\n') {
                                i++;
                            }
                            ended = true;
                            continue;
                        }
                        if (b == '\'') {
                            state = 'S';
                        } else if (b == '"') {
                            state = 'D';
                        } else if (b == '`') {
                            state = 'B';
                        } else if (b == '#') {
                            state = 'L';
                        } else if (b == '-' && next == '-') {
                            sql.write(b);
                            b = d[i++];
                            int after = i < d.length ? d[i] & 0xff : -1;
                            if (after == ' ' || after == '\t' || after == '\n' || after == '\r' || after < 0) {
                                state = 'L';
                            }
                        } else if (b == '/' && next == '*') {
                            sql.write(b);
                            b = d[i++];
                            state = 'C';
                        }
                    }
                    case 'S', 'D', 'B' -> {
                        char quote = state == 'S' ? '\'' : state == 'D' ? '"' : '`';
                        if (b == '\\' && state != 'B') {
                            if (i == d.length) {
                                out.add("truncated at " + start);
                                return out;
                            }
                            sql.write(b);
                            b = d[i++];
                        } else if (b == quote) {
                            if (next == quote) {
                                sql.write(b);
                                b = d[i++];
                            } else {
                                state = 'N';
                            }
                        }
                    }
                    case 'L' -> {
                        if (b == '\n') {
                            state = 'N';
                        }
                    }
                    default -> {
                        if (b == '*' && next == '/') {
                            sql.write(b);
                            b = d[i++];
                            state = 'N';
                        }
                    }
                }
                sql.write(b);
            }
            if (!ended) {
                out.add("truncated at " + start);
                return out;
            }
            out.add(start + " " + i + " " + sql.toString(StandardCharsets.UTF_8));
        }
    }
}
