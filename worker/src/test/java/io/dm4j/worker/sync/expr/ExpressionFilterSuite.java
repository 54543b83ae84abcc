package io.dm4j.worker.sync.expr;

import io.dm4j.testsupport.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of DM's {@code expression_filter} test case (shared/peer-suites/dm-tests/expression_filter). */
public final class ExpressionFilterSuite {
    /** The schema the suite's SQL and rules name. */
    public static final String SCHEMA = "expr_filter";

    private ExpressionFilterSuite() {
    }

    public static Path dir() {
        return SharedFiles.dmTests().resolve("expression_filter");
    }

    public static String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a SQL file: split at semicolons that end a line, comment lines dropped. */
    public static List<String> statements(String file) {
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
    public static String expressionFilterSection() {
        String task = read("dm-task.yaml");
        int start = task.indexOf("\nexpression-filter:");
        int end = task.indexOf("\nblack-white-list:", start);
        return task.substring(start + 1, end < 0 ? task.length() : end).stripTrailing() + "\n";
    }

    /** The rule names the task's instance references, in order. */
    public static List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : read("dm-task.yaml").split("\n")) {
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
