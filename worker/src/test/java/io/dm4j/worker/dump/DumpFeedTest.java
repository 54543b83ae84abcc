package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DumpFeedTest {
    private static final TableId T = new TableId("db", "t");

    private static DumpIndex index(List<DumpIndex.FileEntry> files) {
        return new DumpIndex(DumpIndex.VERSION, DataFormat.SQL, Flavor.MARIADB, List.of(),
                List.of(new DumpIndex.TableEntry("db", "t", false, "db.t-schema.sql", List.of(), files, 0)), "id-1");
    }

    @Test
    void followerSeesTheCatalogThenEachFinishedFileFromItsCursorThenTheEnd() {
        DumpFeed feed = new DumpFeed();
        DumpIndex catalog = index(List.of());
        feed.catalog(catalog);
        assertSame(catalog, feed.awaitCatalog(() -> false));
        DumpIndex.FileEntry f0 = new DumpIndex.FileEntry("db.t.00000.sql", 10, 100);
        DumpIndex.FileEntry f1 = new DumpIndex.FileEntry("db.t.00001.sql", 5, 50);
        feed.fileDone(T, f0);
        DumpFeed.Update first = feed.awaitAfter(0, () -> false);
        assertEquals(List.of(new DumpFeed.Event(T, f0)), first.events());
        assertFalse(first.complete() || first.aborted());

        feed.fileDone(T, f1);
        feed.tableDone(T);
        DumpIndex complete = index(List.of(f0, f1));
        DumpMetadata meta = new DumpMetadata(Instant.EPOCH, null, null, Instant.EPOCH);
        feed.complete(complete, meta);
        DumpFeed.Update rest = feed.awaitAfter(1, () -> false);
        assertEquals(List.of(new DumpFeed.Event(T, f1), new DumpFeed.Event(T, null)), rest.events());
        assertTrue(rest.events().get(1).tableDone());
        assertTrue(rest.complete());
        assertSame(complete, rest.index());
        assertSame(meta, rest.metadata());
        feed.abort(); // the dump's cleanup after completing changes nothing
        assertFalse(feed.awaitEnd(() -> false).aborted());
    }

    @Test
    void aDumpThatReusesAFinishedDirectoryGivesItsIndexAsTheCatalog() {
        DumpFeed feed = new DumpFeed();
        DumpIndex complete = index(List.of(new DumpIndex.FileEntry("db.t.00000.sql", 1, 10)));
        feed.complete(complete, new DumpMetadata(Instant.EPOCH, null, null, Instant.EPOCH));
        assertSame(complete, feed.awaitCatalog(() -> false));
    }

    @Test
    void anAbortWakesAWaitingFollowerAndARestartForgetsIt() throws Exception {
        DumpFeed feed = new DumpFeed();
        AtomicReference<DumpIndex> seen = new AtomicReference<>(index(List.of()));
        Thread follower = new Thread(() -> seen.set(feed.awaitCatalog(() -> false)));
        follower.start();
        feed.abort();
        follower.join();
        assertNull(seen.get(), "the dump stopped before its catalog");
        assertTrue(feed.awaitAfter(0, () -> false).aborted());

        feed.restart();
        assertNull(feed.awaitCatalog(() -> true), "nothing published since the restart (the follower stops)");
        assertFalse(feed.awaitEnd(() -> true).aborted());
    }
}
