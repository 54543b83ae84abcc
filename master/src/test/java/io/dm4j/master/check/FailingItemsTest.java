package io.dm4j.master.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.proto.message.CheckResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failing paths of check items that the sandbox's MariaDB servers cannot show: versions out of range, server_id 0
 * (MariaDB refuses it, MySQL takes it), the source's own server-id, and collations the downstream does not have.
 */
class FailingItemsTest {

    private static List<String> states(Findings f) {
        return f.results().stream().map(r -> r.state() + ": " + r.found()).toList();
    }

    @Test
    void versionsOutsideDmsRangeWarn() {
        VersionCheck v = new VersionCheck();
        Findings f = new Findings();
        v.judge("5.5.62-log", false, "s", f);
        v.judge("8.5.0", false, "s", f);
        v.judge("9.1.0", false, "s", f);
        v.judge("5.5.5-10.1.1-MariaDB", true, "s", f);
        v.judge("banana", false, "s", f);
        v.judge("8.0.36", false, "s", f);
        v.judge("5.6.0", false, "s", f);
        v.judge("5.5.5-10.11.19-MariaDB-0+deb12u1-log", true, "s", f);
        List<String> s = states(f);
        assertEquals(8, s.size(), s.toString());
        for (int i = 0; i < 4; i++) {
            assertTrue(s.get(i).startsWith(CheckResult.WARN + ": version ") && s.get(i).endsWith("outside the supported range"), s.get(i));
        }
        assertEquals("warn: version `banana` not understood", s.get(4));
        assertEquals(List.of("success: MySQL 8.0.36", "success: MySQL 5.6.0", "success: MariaDB 5.5.5-10.11.19-MariaDB-0+deb12u1-log"),
                s.subList(5, 8));
    }

    @Test
    void serverIdZeroTheSameServerIdTwiceAndTheSourcesOwnIdFail() {
        ServerIdCheck c = new ServerIdCheck();
        Findings f = new Findings();
        Map<String, String> seen = new LinkedHashMap<>();
        c.judge("0", "a", 0, "source a", seen, f);
        c.judge("7", "b", 0, "source b", seen, f);
        c.judge("7", "c", 0, "source c", seen, f);
        c.judge("9", "d", 9, "source d", seen, f);
        c.judge("10", "e", 11, "source e", seen, f);
        assertEquals(List.of("fail: server_id is 0: the server cannot serve replicas", "success: server_id=7",
                "fail: server_id 7 is also the server_id of source b",
                "fail: the source file's server-id 9 is the upstream's own server_id", "success: server_id=10"), states(f));
    }

    @Test
    void aCollationTheDownstreamLacksFailsAndUtf8mb3NamesMatchUtf8() {
        TableSchemaCheck c = new TableSchemaCheck();
        TableInfo newer = new TableInfo(new TableId("db", "t"), "utf8mb4_uca1400_ai_ci",
                List.of(new TableInfo.Column("a", "varchar(10)", "utf8mb4_0900_as_cs")), "PRIMARY", "");
        TableInfo old = new TableInfo(new TableId("db", "u"), "utf8mb3_general_ci",
                List.of(new TableInfo.Column("a", "varchar(10)", "utf8mb3_bin")), "PRIMARY", "");
        Findings f = new Findings();
        c.judge(List.of(newer, old), List.of("utf8_general_ci", "utf8_bin", "utf8mb4_general_ci"), "source s", "downstream", f);
        assertEquals(List.of("fail: collation(s) utf8mb4_0900_as_cs, utf8mb4_uca1400_ai_ci used upstream do not exist in downstream"),
                states(f));
        Findings ok = new Findings();
        c.judge(List.of(old), List.of("utf8_general_ci", "utf8_bin"), "source s", "downstream", ok);
        assertEquals(List.of("success: 1 table(s) with keys and collations the downstream has"), states(ok));
    }
}
