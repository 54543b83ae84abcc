package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.ShardMode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.filter.RouteRule;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the load checkpoint belongs to another dump: what is cleared, and when dm4j refuses. */
class StaleLoadTest {
    private static final TableRouter NO_ROUTES = TableRouter.create(List.of(), false);

    private static DumpIndex index(String dumpId, String... tables) {
        List<DumpIndex.TableEntry> entries = java.util.Arrays.stream(tables).map(t -> new DumpIndex.TableEntry("db", t,
                false, "db." + t + "-schema.sql", List.of(), List.of(new DumpIndex.FileEntry("db." + t + ".00000.sql",
                        10, 100)), 100)).toList();
        return new DumpIndex(1, DataFormat.SQL, Flavor.MARIADB, List.of(), entries, dumpId);
    }

    private static LoaderCheckpoint.FilePoint point(String table, long offset, String dumpId) {
        return new LoaderCheckpoint.FilePoint("db." + table + ".00000.sql", "db", table, offset, 100, dumpId);
    }

    @Test
    void sameDumpContinues() {
        StaleLoad.Decision d = StaleLoad.decide(List.of(point("a", 50, "D1")), index("D1", "a"), NO_ROUTES,
                ShardMode.NONE, "s1", "task");
        assertFalse(d.stale());
    }

    @Test
    void anotherDumpTruncatesOnlyTheTablesItLoadedInto() {
        StaleLoad.Decision d = StaleLoad.decide(List.of(point("a", 50, "D1"), point("b", 0, "D1"), point("c", 100, "D1")),
                index("D2", "a", "b", "c"), NO_ROUTES, ShardMode.NONE, "s1", "task");
        assertTrue(d.stale());
        assertEquals("D1", d.oldDumpId());
        assertEquals(List.of(new TableId("db", "a"), new TableId("db", "c")), d.truncate());
    }

    @Test
    void anotherDumpWithNothingLoadedOnlyResetsTheCheckpoint() {
        StaleLoad.Decision d = StaleLoad.decide(List.of(point("a", 0, "D1")), index("D2", "a"), NO_ROUTES,
                ShardMode.NONE, "s1", "task");
        assertTrue(d.stale());
        assertTrue(d.truncate().isEmpty());
    }

    @Test
    void rowsWithoutDumpIdKeepTheOldMatchingByNameAndSize() {
        assertFalse(StaleLoad.decide(List.of(point("a", 50, "")), index("D2", "a"), NO_ROUTES, ShardMode.NONE, "s1",
                "task").stale());
        assertFalse(StaleLoad.decide(List.of(point("a", 50, "D1")), index(null, "a"), NO_ROUTES, ShardMode.NONE, "s1",
                "task").stale());
    }

    @Test
    void sharedTargetsAreNotTruncated() {
        TableRouter merge = TableRouter.create(List.of(new RouteRule("db", "t_*", "db", "t")), false);
        DmException e = assertThrows(DmException.class, () -> StaleLoad.decide(List.of(point("t_1", 50, "D1")),
                index("D2", "t_1", "t_2"), merge, ShardMode.NONE, "s1", "task"));
        assertEquals(LoadErrors.STALE_DUMP_SHARED_TARGET, e.code());
        assertTrue(e.getMessage().contains("db.t"), e.getMessage());
        DmException sharded = assertThrows(DmException.class, () -> StaleLoad.decide(List.of(point("a", 50, "D1")),
                index("D2", "a"), NO_ROUTES, ShardMode.PESSIMISTIC, "s1", "task"));
        assertEquals(LoadErrors.STALE_DUMP_SHARED_TARGET, sharded.code());
    }

    @Test
    void sharedTargetsAreThoseSeveralTablesFeedOrThatGetExtractColumns() {
        TableRouter merge = TableRouter.create(List.of(new RouteRule("db", "t_*", "db", "t")), false);
        assertEquals(java.util.Set.of(new TableId("db", "t")),
                StaleLoad.sharedTargets(index("D", "t_1", "t_2", "other"), merge, ShardMode.NONE, "s1"));
        assertEquals(java.util.Set.of(), StaleLoad.sharedTargets(index("D", "t_1", "other"), merge, ShardMode.NONE, "s1"),
                "one table routed to a target of its own is not shared");
        assertEquals(java.util.Set.of(new TableId("db", "a")),
                StaleLoad.sharedTargets(index("D", "a"), NO_ROUTES, ShardMode.OPTIMISTIC, "s1"));
        TableRouter extract = TableRouter.create(List.of(new RouteRule("db", "u", "db", "u",
                new io.dm4j.common.filter.ExtractRule("(.*)", "c_table"), null, null)), false);
        assertEquals(java.util.Set.of(new TableId("db", "u")),
                StaleLoad.sharedTargets(index("D", "u"), extract, ShardMode.NONE, "s1"), "extract-* columns");
    }
}
