package io.dm4j.worker.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitType;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the load may follow the dump, and how the units are joined; no database needed. */
class OverlapPolicyTest {

    private static SubTaskConfig cfg(String top, String loader, String... sources) {
        StringBuilder instances = new StringBuilder();
        for (String s : sources) {
            instances.append("  - source-id: ").append(s).append("\n    loader-config-name: l\n");
        }
        return TaskConfig.parse("name: t\ntask-mode: full\n" + top + "target-database:\n  host: 127.0.0.1\n  port: 1\n"
                + "mysql-instances:\n" + instances + "loaders:\n  l:\n    dir: /tmp/dm4j-overlap-policy\n" + loader,
                "t.yaml").subTask(sources[0]);
    }

    private static List<Unit> units(SubTaskConfig c) {
        return List.of(new DumpUnit(c, new Upstream("127.0.0.1", 1, "u", "p")),
                new LoadUnit(c, DownstreamConfig.forTask(c, ZoneOffset.UTC, 2)));
    }

    @Test
    void aSingleSourceTaskWithoutShardModeOverlapsByDefault() {
        SubTaskConfig c = cfg("", "", "s1");
        assertEquals(Optional.empty(), OverlapPolicy.reasonAgainst(c));
        List<Unit> joined = OverlappedCopy.join(c, units(c));
        assertEquals(1, joined.size());
        OverlappedCopy copy = assertInstanceOf(OverlappedCopy.class, joined.get(0));
        assertEquals(UnitType.DUMP, copy.type(), "query-status shows Dump until the dump is complete");
        assertInstanceOf(DumpUnit.class, copy.parts().get(0));
        assertInstanceOf(LoadUnit.class, copy.parts().get(1));
    }

    @Test
    void theSwitchTurnsItOff() {
        SubTaskConfig c = cfg("", "    load-during-dump: false\n", "s1");
        assertTrue(OverlapPolicy.reasonAgainst(c).orElseThrow().contains("loaders.load-during-dump is false"));
        assertEquals(2, OverlappedCopy.join(c, units(c)).size(), "dump, then load");
    }

    @Test
    void aShardMergeLoadsAfterTheDump() {
        SubTaskConfig c = cfg("shard-mode: pessimistic\n", "", "s1");
        assertTrue(OverlapPolicy.reasonAgainst(c).orElseThrow().contains("shard-mode is pessimistic"));
        List<Unit> units = OverlappedCopy.join(c, units(c));
        assertEquals(List.of(UnitType.DUMP, UnitType.LOAD), units.stream().map(Unit::type).toList());
    }

    @Test
    void aTaskWithSeveralSourcesLoadsAfterTheDump() {
        SubTaskConfig c = cfg("", "", "s1", "s2");
        assertTrue(OverlapPolicy.reasonAgainst(c).orElseThrow().contains("the task has 2 sources"));
        assertEquals(2, OverlappedCopy.join(c, units(c)).size());
    }
}
