package io.dm4j.dmctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.TaskSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code query-status -o table}: the answer as aligned text for people, beside DM's JSON. The task list is one row
 * per task; one task's status is one row per source, with a progress bar while it dumps or loads, the lag and
 * position while it syncs; below the rows, a bar per unfinished table of each dump or load (the worker's
 * {@code tableProgress}) and each error with its workaround.
 */
final class StatusTable {
    static final int BAR_WIDTH = 20;

    private StatusTable() {
    }

    static String render(QueryStatusListResponse r) {
        StringBuilder out = new StringBuilder();
        if (!r.result() && r.msg() != null && !r.msg().isEmpty()) {
            out.append("error: ").append(r.msg()).append('\n');
        }
        if (r.tasks() != null) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TASK", "STATUS", "SOURCES"});
            for (TaskSummary t : r.tasks()) {
                rows.add(new String[] {t.taskName(), t.taskStatus(), String.join(",", t.sources())});
            }
            out.append(table(rows));
        }
        if (r.sources() != null) {
            List<String[]> rows = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            rows.add(new String[] {"TASK", "SOURCE", "WORKER", "STAGE", "UNIT", "PROGRESS"});
            for (SourceStatusEntry e : r.sources()) {
                String source = e.sourceStatus() == null ? "" : e.sourceStatus().source();
                String worker = e.sourceStatus() == null ? "" : e.sourceStatus().worker();
                if (e.subTaskStatus().isEmpty()) {
                    rows.add(new String[] {"", source, worker, "", "", e.msg() == null ? "" : e.msg()});
                }
                for (SubTaskStatus s : e.subTaskStatus()) {
                    rows.add(new String[] {s.name(), source, worker, s.stage().label(), s.unit(), progress(s)});
                    String perTable = tables(s);
                    if (!perTable.isEmpty()) {
                        notes.add(s.name() + " on " + source + ", " + perTable);
                    }
                    if (s.result() != null && s.result().errors() != null) {
                        for (ProcessError err : s.result().errors()) {
                            notes.add(s.name() + " on " + source + ": error " + err.errCode() + ": " + err.message()
                                    + (err.rawCause() == null || err.rawCause().isEmpty() ? "" : " (" + err.rawCause() + ")")
                                    + (err.workaround() == null || err.workaround().isEmpty() ? ""
                                    : "\n    workaround: " + err.workaround()));
                        }
                    }
                }
            }
            out.append(table(rows));
            for (String n : notes) {
                out.append(n).append('\n');
            }
        }
        return out.toString();
    }

    /** What the unit reports: a bar for dump and load, lag and position for sync. */
    static String progress(SubTaskStatus s) {
        if (s.dump() != null) {
            JsonNode d = s.dump();
            long total = d.path("estimateTotalRows").asLong();
            double share = total > 0 ? (double) d.path("finishedRows").asLong() / total : percent(d.path("progress").asText());
            JsonNode l = d.path("load"); // a load following the running dump (dm4j)
            return "dump " + bar(share) + "  " + d.path("completedTables").asLong() + "/" + d.path("totalTables").asLong()
                    + " tables, " + d.path("finishedRows").asLong() + " rows" + (l.isObject() ? "; loaded "
                    + bytes(l.path("finishedBytes").asLong()) + " of " + l.path("finishedFiles").asLong() + "/"
                    + l.path("totalFiles").asLong() + " finished files" : "");
        }
        if (s.load() != null) {
            JsonNode l = s.load();
            long total = l.path("totalBytes").asLong();
            double share = total > 0 ? (double) l.path("finishedBytes").asLong() / total : percent(l.path("progress").asText());
            return "load " + bar(share) + "  " + bytes(l.path("finishedBytes").asLong()) + "/" + bytes(total);
        }
        if (s.sync() != null) {
            JsonNode y = s.sync();
            return "lag " + y.path("secondsBehindMaster").asLong() + "s" + (y.path("synced").asBoolean() ? " (synced)" : "")
                    + ", at " + y.path("syncerBinlog").asText() + ", " + y.path("recentRps").asLong() + " rows/s";
        }
        return "";
    }

    /**
     * The unit's {@code tableProgress} as one bar per listed table (rows for the dump, bytes for the load), with a
     * heading that counts the finished and unlisted tables; "" when the unit reports none.
     */
    static String tables(SubTaskStatus s) {
        boolean dump = s.dump() != null;
        JsonNode unit = dump ? s.dump() : s.load();
        JsonNode list = unit == null ? null : unit.get("tableProgress");
        if (list == null || list.path("tables").isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(dump ? "dump" : "load").append(" per table: ").append(list.path("finishedTables").asLong())
                .append(" of ").append(list.path("totalTables").asLong()).append(" tables finished");
        long unlisted = list.path("unlisted").asLong();
        out.append(unlisted > 0 ? ", " + unlisted + " more not listed" : "").append('\n');
        List<String[]> rows = new ArrayList<>();
        for (JsonNode t : list.path("tables")) {
            long total = dump ? Math.max(t.path("totalRows").asLong(), t.path("finishedRows").asLong())
                    : t.path("totalBytes").asLong();
            long done = dump ? t.path("finishedRows").asLong() : t.path("finishedBytes").asLong();
            double share = total > 0 ? (double) done / total : percent(t.path("progress").asText());
            String amount = dump ? done + "/~" + total + " rows" : bytes(done) + "/" + bytes(total);
            rows.add(new String[] {"   ", t.path("table").asText(), bar(share), amount + ", " + (dump ? "chunks " : "files ")
                    + t.path("finishedParts").asLong() + "/" + t.path("totalParts").asLong()});
        }
        String text = table(rows);
        return out.append(text, 0, text.length() - 1).toString();
    }

    /** {@code [#########-----------]  45.0 %}; the share is clamped to 0..1. */
    static String bar(double share) {
        double s = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        int filled = (int) Math.round(s * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%5.1f %%", s * 100);
    }

    /** DM's {@code "30.52 %"} as 0.3052; 0 when unreadable. */
    static double percent(String text) {
        try {
            return Double.parseDouble(text.replace("%", "").trim()) / 100;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Columns padded to their widest cell, two spaces apart. */
    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
