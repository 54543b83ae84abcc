package io.dm4j.master.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.message.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecheckReportTest {
    static CheckResult r(String item, String state) {
        return new CheckResult(item, state, "source s1 (h:1)", "found | piped", state.equals("success") ? "" : "do this");
    }

    @Test
    void onlySuccessesPassWithDmsMessage() {
        PrecheckReport p = new PrecheckReport(List.of(r("version", "success"), r("server_id", "success")));
        assertTrue(p.passed());
        assertEquals("pre-check is passed. ", p.message(10, 10));
    }

    @Test
    void failuresAndWarningsMakeATableWithinTheLimits() {
        PrecheckReport p = new PrecheckReport(List.of(r("version", "success"), r("binlog_format", "fail"),
                r("table_schema", "warn"), r("timezone", "warn")));
        assertFalse(p.passed());
        assertEquals(new io.dm4j.proto.message.CheckSummary(false, 4, 1, 1, 2), p.summary());
        String msg = p.message(10, 1);
        assertTrue(msg.startsWith("pre-check failed: 1 failed, 2 warning(s), 1 passed of 4 checks:\n"), msg);
        assertTrue(msg.contains("| fail | binlog_format | source s1 (h:1) | found \\| piped | do this |"), msg);
        assertTrue(msg.contains("| warn | table_schema |") && !msg.contains("| warn | timezone |"), msg);
        assertTrue(msg.contains("(1 more not shown; raise -e / -w)"), msg);
    }
}
