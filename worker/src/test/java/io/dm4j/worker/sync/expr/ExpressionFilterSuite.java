package io.dm4j.worker.sync.expr;

import io.dm4j.testsupport.ConformanceFiles;
import io.dm4j.testsupport.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of an expression-filter conformance case: the project's own ({@code conformance/expression_filter}) or
 * DM's ({@code shared/peer-suites/dm-tests/expression_filter}, only for the {@code *DmPeer*} tests). Both have one
 * table {@code t1} with an AUTO_INCREMENT {@code id} first and a {@code should_skip} column, and insert pairs of
 * rows, one per rule, of which the rule must drop the should_skip = 1 row.
 */
public record ExpressionFilterSuite(Path dir, String schema, String prepareFile, String incrementFile, String taskFile) {

    /** The project's own case. */
    public static ExpressionFilterSuite corpus() {
        return new ExpressionFilterSuite(ConformanceFiles.caseDir("expression_filter"), "c4j_expr", "prepare.sql",
                "increment.sql", "dm-task.yaml");
    }

    /** DM's case (its files unchanged). */
    public static ExpressionFilterSuite dm() {
        return new ExpressionFilterSuite(SharedFiles.dmTests().resolve("expression_filter"), "expr_filter",
                "db1.prepare.sql", "db1.increment.sql", "dm-task.yaml");
    }

    public String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a SQL file: split at semicolons that end a line, comment lines dropped. */
    public List<String> statements(String file) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(file).split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.startsWith("#") || t.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** The task file's {@code expression-filter:} section, as YAML text. */
    public String expressionFilterSection() {
        String task = read(taskFile);
        int start = task.indexOf("\nexpression-filter:");
        int end = start + 1;
        do { // up to the next top-level key
            end = task.indexOf('\n', end + 1);
        } while (end >= 0 && end + 1 < task.length() && !Character.isLetter(task.charAt(end + 1)));
        return task.substring(start + 1, end < 0 ? task.length() : end).stripTrailing() + "\n";
    }

    /** The rule names the task's instance references, in order. */
    public List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : read(taskFile).split("\n")) {
            String t = line.strip();
            if (t.equals("expression-filters:")) {
                in = true;
            } else if (in && t.startsWith("- ")) {
                names.add(t.substring(2).replace("\"", "").strip());
            } else if (in) {
                break;
            }
        }
        return names;
    }
}
