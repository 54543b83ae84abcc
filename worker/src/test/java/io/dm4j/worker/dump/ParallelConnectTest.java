package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dump's connections open at the same time, and a failure leaves none of them open. */
class ParallelConnectTest {
    private final Set<Connection> closed = ConcurrentHashMap.newKeySet();

    /** A connection that only records that it was closed. */
    private Connection fake() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "close" -> {
                        closed.add((Connection) proxy);
                        yield null;
                    }
                    case "isClosed" -> closed.contains((Connection) proxy);
                    case "createStatement" -> throw new SQLException("fake connection");
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void everyConnectionIsOpeningAtTheSameTime() throws SQLException {
        // each open waits at a barrier for all four: one after the other, the first would wait for ever
        CyclicBarrier allOpening = new CyclicBarrier(4);
        List<Connection> opened = ParallelConnect.open(() -> {
            try {
                allOpening.await(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new SQLException("the connections were not opened together", e);
            }
            return fake();
        }, 4);
        assertEquals(4, opened.size());
        assertEquals(4, Set.copyOf(opened).size());
        assertTrue(closed.isEmpty());
    }

    @Test
    void oneFailureClosesTheOthersAndIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        SQLException refused = new SQLException("Too many connections", "08004", 1040);
        SQLException thrown = assertThrows(SQLException.class, () -> ParallelConnect.open(() -> {
            if (calls.incrementAndGet() == 2) {
                throw refused;
            }
            return fake();
        }, 4));
        assertSame(refused, thrown);
        assertEquals(4, calls.get());
        assertEquals(3, closed.size());
    }

    @Test
    void aRuntimeFailureOfTheSourceStaysWhatItIs() {
        IllegalStateException e = new IllegalStateException("connect failed");
        assertSame(e, assertThrows(IllegalStateException.class, () -> ParallelConnect.open(() -> {
            throw e;
        }, 2)));
    }

    @Test
    void oneConnectionNeedsNoThreads() throws SQLException {
        Thread caller = Thread.currentThread();
        List<Connection> one = ParallelConnect.open(() -> {
            assertSame(caller, Thread.currentThread());
            return fake();
        }, 1);
        assertEquals(1, one.size());
    }
}
