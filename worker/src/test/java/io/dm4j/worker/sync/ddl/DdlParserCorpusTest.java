package io.dm4j.worker.sync.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code ddl/corpus.txt}: classification, touched tables, splitting and routed text. */
class DdlParserCorpusTest {

    /** Schemas get an {@code r_} prefix; tables named {@code shard_NN} merge into {@code shard_all}. */
    static final Function<TableId, TableId> ROUTER = id -> {
        String schema = "r_" + id.schema();
        if (id.isSchemaOnly()) {
            return TableId.schemaOnly(schema);
        }
        return new TableId(schema, id.table().matches("shard_\\d+") ? "shard_all" : id.table());
    };

    record Expected(String eventType, List<TableId> tables, String rendered) {
    }

    /** {@code error} is the expected error code, 0 when the statement must parse. */
    record Case(String title, String schema, boolean split, String sql, List<Expected> expected, String skip,
                int error) {
    }

    static List<Case> corpus() throws IOException {
        String text;
        try (InputStream in = DdlParserCorpusTest.class.getResourceAsStream("/ddl/corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith(">>> case:")) {
            i++;
        }
        while (true) {
            while (i < lines.length && !lines[i].startsWith(">>> case:")) {
                i++;
            }
            if (i >= lines.length) {
                break;
            }
            String title = lines[i++].substring(">>> case:".length()).trim();
            String schema = "db1";
            boolean split = false;
            while (lines[i].startsWith(">>> schema:") || lines[i].startsWith(">>> split")) {
                if (lines[i].startsWith(">>> split")) {
                    split = true;
                } else {
                    schema = lines[i].substring(">>> schema:".length()).trim();
                }
                i++;
            }
            StringBuilder sql = new StringBuilder();
            while (!lines[i].startsWith(">>>")) {
                sql.append(lines[i++]).append('\n');
            }
            List<Expected> expected = new ArrayList<>();
            String skip = null;
            int error = 0;
            while (i < lines.length && lines[i].startsWith(">>>") && !lines[i].startsWith(">>> case:")) {
                String d = lines[i++];
                if (d.startsWith(">>> skip:")) {
                    skip = d.substring(">>> skip:".length()).trim();
                } else if (d.startsWith(">>> error")) {
                    String code = d.substring(">>> error".length()).trim();
                    error = code.isEmpty() ? 36100 : Integer.parseInt(code);
                } else if (d.startsWith(">>> expect:")) {
                    String[] parts = d.substring(">>> expect:".length()).split("\\|");
                    List<TableId> tables = new ArrayList<>();
                    for (int p = 1; p < parts.length; p++) {
                        String name = parts[p].trim();
                        int dot = name.indexOf('.');
                        tables.add(dot < 0 ? TableId.schemaOnly(name) : new TableId(name.substring(0, dot),
                                name.substring(dot + 1)));
                    }
                    StringBuilder rendered = new StringBuilder();
                    while (i < lines.length && !lines[i].startsWith(">>>")) {
                        rendered.append(lines[i++]).append('\n');
                    }
                    expected.add(new Expected(parts[0].trim(), tables, rendered.toString().strip()));
                } else {
                    throw new IllegalStateException("unknown directive " + d);
                }
            }
            cases.add(new Case(title, "-".equals(schema) ? null : schema, split, sql.toString().strip(), expected, skip,
                    error));
        }
        return cases;
    }

    @Test
    void corpusIsLargeAndCoversEveryKind() throws IOException {
        List<Case> cases = corpus();
        assertTrue(cases.size() >= 80, "corpus has " + cases.size() + " statements");
        List<String> types = cases.stream().flatMap(c -> c.expected().stream()).map(Expected::eventType).distinct().toList();
        for (DdlEventType t : DdlEventType.values()) {
            assertTrue(types.contains(t.label()), "corpus lacks " + t.label());
        }
        assertTrue(cases.stream().filter(c -> c.skip() != null).count() >= 30);
        assertTrue(cases.stream().filter(c -> c.error() != 0).count() >= 3);
    }

    @TestFactory
    Stream<DynamicTest> eachCase() throws IOException {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> check(c)));
    }

    private static void check(Case c) {
        DdlParser parser = new DdlParser(c.split());
        if (c.error() != 0) {
            DmException e = assertThrows(DmException.class, () -> parser.parse(c.schema(), c.sql()));
            assertEquals(c.error(), e.code().code());
            assertTrue(e.getMessage().contains(c.sql().strip()), e.getMessage());
            return;
        }
        DdlParseResult r = parser.parse(c.schema(), c.sql());
        if (c.skip() != null) {
            assertFalse(r.isDdl(), "should not be a DDL to replicate");
            assertTrue(r.skipReason().contains(c.skip()), "reason: " + r.skipReason());
            return;
        }
        assertTrue(r.isDdl(), () -> "skipped: " + r.skipReason());
        List<String> actual = r.statements().stream()
                .map(s -> s.eventType().label() + " " + s.tables() + "\n" + s.render(ROUTER)).toList();
        List<String> wanted = c.expected().stream().map(e -> e.eventType() + " " + e.tables() + "\n" + e.rendered()).toList();
        assertEquals(String.join("\n----\n", wanted), String.join("\n----\n", actual));
        for (DdlStatement s : r.statements()) {
            assertEquals(c.sql().strip(), s.originalSql().strip());
        }
    }
}
