package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A source of 0, 1, 2, ... that counts its calls and never ends. */
    private static final class Counting implements Prefetcher.Source<Integer> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Integer next() {
            return calls.getAndIncrement();
        }
    }

    private static String uniqueName() {
        return "prefetcher-test-" + SEQ.incrementAndGet();
    }

    /** The producing thread of the prefetcher named {@code name}. */
    private static Thread producer(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread " + name);
    }

    /** Waits until the thread blocks on the full queue (the source itself never blocks). */
    private static void awaitBlocked(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    /** Waits until the source was called {@code calls} times and the thread blocks on the full queue again. */
    private static void awaitBlockedAfter(Thread t, Counting source, int calls) {
        while (source.calls.get() < calls || t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    @Test
    void deliversEveryItemInOrderThenTheEnd() throws Exception {
        int[] next = {0};
        Prefetcher.Source<Integer> source = () -> next[0] < 1000 ? next[0]++ : null;
        try (Prefetcher<Integer> p = new Prefetcher<>(uniqueName(), 1, source)) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, p.take());
            }
            assertNull(p.take());
            assertNull(p.take(), "the end stays the end");
        }
    }

    @Test
    void readsAtMostDepthItemsAheadPlusTheOneItHolds() throws Exception {
        for (int depth = 1; depth <= 2; depth++) {
            Counting source = new Counting();
            String name = uniqueName();
            try (Prefetcher<Integer> p = new Prefetcher<>(name, depth, source)) {
                Thread t = producer(name);
                awaitBlockedAfter(t, source, depth + 1);
                assertEquals(depth + 1, source.calls.get(), "queued items plus the one waiting to be queued");
                assertEquals(0, p.take());
                awaitBlockedAfter(t, source, depth + 2);
                assertEquals(depth + 2, source.calls.get(), "one taken, one more read, no more");
                assertEquals(1, p.take());
            }
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAfterTheItemsBeforeIt() throws Exception {
        IOException broken = new IOException("broken file");
        int[] next = {0};
        Prefetcher.Source<Integer> source = () -> {
            if (next[0] < 2) {
                return next[0]++;
            }
            throw broken;
        };
        try (Prefetcher<Integer> p = new Prefetcher<>(uniqueName(), 1, source)) {
            assertEquals(0, p.take());
            assertEquals(1, p.take());
            assertSame(broken, assertThrows(IOException.class, p::take));
            assertSame(broken, assertThrows(IOException.class, p::take), "the failure stays");
        }
    }

    @Test
    void aDmErrorOfTheSourceIsThrownAsItIs() throws Exception {
        DmException bad = LoadErrors.INVALID_STATEMENT.error("t.000000001.sql", 42L, "DROP TABLE t");
        Prefetcher.Source<Integer> source = () -> {
            throw bad;
        };
        try (Prefetcher<Integer> p = new Prefetcher<>(uniqueName(), 1, source)) {
            assertSame(bad, assertThrows(DmException.class, p::take));
        }
    }

    @Test
    void closeEndsAProducerThatWaitsForTheConsumer() {
        String name = uniqueName();
        Prefetcher<Integer> p = new Prefetcher<>(name, 1, new Counting());
        Thread t = producer(name);
        awaitBlocked(t);
        p.close();
        assertFalse(t.isAlive(), "no thread outlives close()");
    }

    @Test
    void closeEndsAProducerThatIsReading() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Prefetcher.Source<Integer> source = () -> {
            reading.countDown();
            try {
                never.await(); // a read that only an interrupt ends (as a FileChannel read does)
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
            return 1;
        };
        String name = uniqueName();
        Prefetcher<Integer> p = new Prefetcher<>(name, 1, source);
        Thread t = producer(name);
        reading.await();
        p.close();
        assertFalse(t.isAlive(), "no thread outlives close()");
    }

    @Test
    void anInterruptedConsumerStopsWaiting() {
        CountDownLatch never = new CountDownLatch(1);
        Prefetcher.Source<Integer> source = () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
            return 1;
        };
        try (Prefetcher<Integer> p = new Prefetcher<>(uniqueName(), 1, source)) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, p::take);
        } finally {
            Thread.interrupted(); // clear, in case take() did not consume it
        }
    }
}
