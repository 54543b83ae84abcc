package io.dm4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed summary: one line per variant, rows/s compared with the single-threaded native replica. */
final class ResultTable {
    private final List<RunResult> results = new ArrayList<>();
    private final List<String[]> failures = new ArrayList<>();

    void add(RunResult r) {
        results.add(r);
    }

    void failed(String variant, String reason) {
        failures.add(new String[] {variant, reason});
    }

    String render(String baselineVariant) {
        double baseline = results.stream().filter(r -> r.variant().equals(baselineVariant))
                .mapToDouble(RunResult::rowsPerSecond).findFirst().orElse(Double.NaN);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "seconds", "row changes", "rows/s", "vs native 1-thread", "CPU s JVM/down/up", "peak heap used",
                "max live heap after GC", "identical"});
        for (RunResult r : results) {
            rows.add(new String[] {
                    r.variant(),
                    String.format(Locale.ROOT, "%.2f", r.seconds()),
                    Long.toString(r.rowChanges()),
                    String.format(Locale.ROOT, "%.0f", r.rowsPerSecond()),
                    Double.isNaN(baseline) ? "n/a" : String.format(Locale.ROOT, "%.2fx", r.rowsPerSecond() / baseline),
                    cpu(r.cpu()),
                    r.heap() == null ? "-" : mib(r.heap().peakUsed()),
                    r.heap() == null ? "-" : mib(r.heap().peakAfterGc()),
                    r.identical() ? "yes" : "NO"});
        }
        for (String[] f : failures) {
            rows.add(new String[] {f[0], "FAILED", "-", "-", "-", "-", "-", "-", f[1]});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            sb.append('|');
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 || i == row.length - 1 ? pad(row[i], width[i], false) : pad(row[i], width[i], true);
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
            if (n == 0) {
                sb.append('|');
                for (int w : width) {
                    sb.append('-').append("-".repeat(w)).append("-|");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String cpu(CpuMeter.Cpu c) {
        return String.format(Locale.ROOT, "%s/%s/%s", seconds(c.jvm()), seconds(c.downstream()), seconds(c.upstream()));
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "?" : String.format(Locale.ROOT, "%.1f", s);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
