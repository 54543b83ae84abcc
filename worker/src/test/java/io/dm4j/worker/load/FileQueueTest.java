package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.DumpIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FileQueueTest {
    private static final TableId A = new TableId("d", "a");
    private static final TableId B = new TableId("d", "b");
    private static final TableId C = new TableId("d", "c");

    private static FileJob job(TableId target, int n) {
        String name = target.schema() + "." + target.table() + "." + n + ".csv";
        return new FileJob(null, new DumpIndex.FileEntry(name, 10, 100), Path.of(name), target, ExtractedColumns.NONE,
                null);
    }

    private static String name(FileJob job) {
        return job == null ? null : job.target().table() + job.name().charAt(job.name().length() - 5);
    }

    @Test
    void aSerialTableIsLoadedByOneConnectionAtATimeTheOthersTakeOtherTables() {
        FileQueue q = new FileQueue(Set.of(A, B));
        q.addAll(List.of(job(A, 0), job(A, 1), job(A, 2), job(B, 0), job(B, 1), job(C, 0), job(C, 1)));
        q.close();
        FileJob first = q.take(() -> false);
        FileJob second = q.take(() -> false);
        FileJob third = q.take(() -> false);
        FileJob fourth = q.take(() -> false);
        // a and b are serial: their second files wait; c is not: both of its files go out
        assertEquals(List.of("a0", "b0", "c0", "c1"), List.of(name(first), name(second), name(third), name(fourth)));
        q.done(first);
        assertEquals("a1", name(q.take(() -> false)), "a's next file once a's first is through, in key order");
    }

    @Test
    void aConnectionWaitsForASerialTableRatherThanQueueingOnItsLock() throws Exception {
        FileQueue q = new FileQueue(Set.of(A));
        q.addAll(List.of(job(A, 0), job(A, 1)));
        FileJob first = q.take(() -> false);
        CompletableFuture<FileJob> waiting = CompletableFuture.supplyAsync(() -> q.take(() -> false));
        Thread.sleep(250);
        assertTrue(!waiting.isDone(), "a1 is not handed out while a0 loads");
        q.addAll(List.of(job(B, 0)));
        assertEquals("b0", name(waiting.get(5, TimeUnit.SECONDS)), "a file of another table that arrives meanwhile");
        CompletableFuture<FileJob> next = CompletableFuture.supplyAsync(() -> q.take(() -> false));
        Thread.sleep(250);
        assertTrue(!next.isDone());
        q.done(first);
        assertEquals("a1", name(next.get(5, TimeUnit.SECONDS)));
    }

    @Test
    void withoutSerialTablesFilesGoInOrder() {
        FileQueue q = new FileQueue(Set.of());
        q.addAll(List.of(job(A, 0), job(A, 1), job(B, 0)));
        q.close();
        assertEquals("a0", name(q.take(() -> false)));
        assertEquals("a1", name(q.take(() -> false)));
        assertEquals("b0", name(q.take(() -> false)));
        assertNull(q.take(() -> false), "closed and empty");
    }

    @Test
    void aStopEndsTheWaitAndAClosedQueueWithOnlyABusyTableLeftWaitsForIt() throws Exception {
        FileQueue q = new FileQueue(Set.of(A));
        q.addAll(List.of(job(A, 0), job(A, 1)));
        q.close();
        FileJob first = q.take(() -> false);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<FileJob> stopped = CompletableFuture.supplyAsync(() -> q.take(stop::get));
        Thread.sleep(250);
        assertTrue(!stopped.isDone(), "a1 is still to load once a0 is through");
        stop.set(true);
        assertNull(stopped.get(5, TimeUnit.SECONDS));
        q.done(first);
        assertEquals("a1", name(q.take(() -> false)));
        assertNull(q.take(() -> false));
    }
}
