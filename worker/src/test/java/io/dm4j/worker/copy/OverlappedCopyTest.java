package io.dm4j.worker.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.proto.ProtoJson;
import io.dm4j.worker.dump.DumpFeed;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The joined dump and load: results, pause and the query-status shape, with stand-in units. */
class OverlappedCopyTest {

    /** A unit that ends with {@code result} once {@code go} opens (or at once), and counts pauses. */
    private static final class StandIn implements Unit {
        final UnitType type;
        final UnitResult result;
        final CountDownLatch go;
        final CountDownLatch started = new CountDownLatch(1);
        volatile int pauses;

        StandIn(UnitType type, UnitResult result, CountDownLatch go) {
            this.type = type;
            this.result = result;
            this.go = go;
        }

        @Override
        public UnitType type() {
            return type;
        }

        @Override
        public UnitResult process() {
            started.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return pauses > 0 ? UnitResult.cancel() : result;
        }

        @Override
        public void pause() {
            pauses++;
            go.countDown();
        }

        @Override
        public Object status() {
            return Map.of("unit", type.label(), "stage", "running");
        }

        @Override
        public void close() {
        }
    }

    /** Runs {@code copy.process()} on a thread of its own until both stand-ins are inside their process(). */
    private static Thread running(OverlappedCopy copy, StandIn dump, StandIn load, UnitResult[] result)
            throws InterruptedException {
        Thread t = new Thread(() -> result[0] = copy.process());
        t.start();
        dump.started.await();
        load.started.await();
        return t;
    }

    private static CountDownLatch open() {
        return new CountDownLatch(0);
    }

    private static DmException dumpError() {
        return DumpErrors.QUERY_FAILED.error("reading the upstream");
    }

    @Test
    void whileTheDumpRunsStatusIsTheDumpsWithTheLoadsProgressInsideThenTheLoads() throws Exception {
        CountDownLatch dumpGo = new CountDownLatch(1);
        StandIn dump = new StandIn(UnitType.DUMP, UnitResult.done(), dumpGo);
        StandIn load = new StandIn(UnitType.LOAD, UnitResult.done(), new CountDownLatch(1));
        OverlappedCopy copy = new OverlappedCopy(dump, load, new DumpFeed(), "t@s");
        UnitResult[] result = new UnitResult[1];
        Thread t = running(copy, dump, load, result);

        assertEquals(UnitType.DUMP, copy.type());
        JsonNode s = ProtoJson.mapper().valueToTree(copy.status());
        assertEquals("Dump", s.get("unit").asText(), s.toString());
        assertEquals("Load", s.get("load").get("unit").asText(), "the load's progress under `load`: " + s);

        dumpGo.countDown();
        load.go.countDown();
        t.join();
        assertTrue(result[0].finished());
        assertEquals(UnitType.LOAD, copy.type(), "the dump is complete: the subtask shows Load");
        assertEquals(Map.of("unit", "Load", "stage", "running"), copy.status());
    }

    @Test
    void aFailedDumpIsTheResultEvenWhenTheLoadOnlyStopped() {
        DmException e = dumpError();
        OverlappedCopy copy = new OverlappedCopy(new StandIn(UnitType.DUMP, UnitResult.failed(e), open()),
                new StandIn(UnitType.LOAD, UnitResult.cancel(), open()), new DumpFeed(), "t@s");
        UnitResult r = copy.process();
        assertEquals(List.of(e), r.errors());
        assertEquals(UnitType.DUMP, copy.type());
    }

    @Test
    void aFailedLoadIsTheResultAfterTheDumpCompleted() {
        DmException e = LoadErrors.DUMP_DIR_NOT_FOUND.error("/x", "gone");
        OverlappedCopy copy = new OverlappedCopy(new StandIn(UnitType.DUMP, UnitResult.done(), open()),
                new StandIn(UnitType.LOAD, UnitResult.failed(e), open()), new DumpFeed(), "t@s");
        UnitResult r = copy.process();
        assertEquals(List.of(e), r.errors());
        assertEquals(UnitType.LOAD, copy.type(), "resume continues the load; the dump is complete");
    }

    @Test
    void pauseStopsBothAndTheResultIsCanceled() throws Exception {
        StandIn dump = new StandIn(UnitType.DUMP, UnitResult.done(), new CountDownLatch(1));
        StandIn load = new StandIn(UnitType.LOAD, UnitResult.done(), new CountDownLatch(1));
        OverlappedCopy copy = new OverlappedCopy(dump, load, new DumpFeed(), "t@s");
        UnitResult[] result = new UnitResult[1];
        Thread t = running(copy, dump, load, result);
        copy.pause();
        t.join();
        assertTrue(result[0].canceled());
        assertFalse(result[0].finished());
        assertEquals(1, dump.pauses);
        assertEquals(1, load.pauses);
    }

    @Test
    void combineOrdersTheResults() {
        DmException d = dumpError();
        UnitResult failedDump = UnitResult.failed(d);
        assertSame(failedDump, OverlappedCopy.combine(failedDump, UnitResult.cancel()));
        assertTrue(OverlappedCopy.combine(UnitResult.done(), UnitResult.cancel()).canceled());
        assertTrue(OverlappedCopy.combine(UnitResult.cancel(), UnitResult.done()).canceled());
        assertTrue(OverlappedCopy.combine(UnitResult.done(), UnitResult.done()).finished());
    }
}
