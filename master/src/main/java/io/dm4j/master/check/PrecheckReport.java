package io.dm4j.master.check;

import io.dm4j.proto.message.CheckResult;
import io.dm4j.proto.message.CheckSummary;
import java.util.ArrayList;
import java.util.List;

/** All findings of one precheck, with DM's summary and the text table dmctl shows. */
public record PrecheckReport(List<CheckResult> results) {
    public static final String PASSED = "pre-check is passed. ";

    public PrecheckReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return count(CheckResult.FAIL) == 0;
    }

    public CheckSummary summary() {
        int failed = count(CheckResult.FAIL);
        int warned = count(CheckResult.WARN);
        return new CheckSummary(failed == 0, results.size(), results.size() - failed - warned, failed, warned);
    }

    /**
     * {@code pre-check is passed. } when nothing failed or warned; otherwise a headline and a table of the failures
     * (at most {@code maxErrors}) and warnings (at most {@code maxWarnings}); 0 or less means all.
     */
    public String message(int maxErrors, int maxWarnings) {
        CheckSummary s = summary();
        if (s.failed() == 0 && s.warning() == 0) {
            return PASSED;
        }
        List<CheckResult> shown = new ArrayList<>(pick(CheckResult.FAIL, maxErrors));
        shown.addAll(pick(CheckResult.WARN, maxWarnings));
        String head = s.passed() ? PASSED + s.warning() + " warning(s) of " + s.total() + " checks:"
                : "pre-check failed: " + s.failed() + " failed, " + s.warning() + " warning(s), " + s.successful()
                + " passed of " + s.total() + " checks:";
        StringBuilder sb = new StringBuilder(head).append('\n');
        sb.append("| state | item | instance | found | what to do |\n|---|---|---|---|---|\n");
        for (CheckResult r : shown) {
            sb.append("| ").append(r.state()).append(" | ").append(r.item()).append(" | ").append(cell(r.instance()))
                    .append(" | ").append(cell(r.found())).append(" | ").append(cell(r.instruction())).append(" |\n");
        }
        int hidden = s.failed() + s.warning() - shown.size();
        if (hidden > 0) {
            sb.append("(").append(hidden).append(" more not shown; raise -e / -w)\n");
        }
        return sb.toString();
    }

    private List<CheckResult> pick(String state, int max) {
        return results.stream().filter(r -> r.state().equals(state)).limit(max > 0 ? max : Long.MAX_VALUE).toList();
    }

    private int count(String state) {
        return (int) results.stream().filter(r -> r.state().equals(state)).count();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
