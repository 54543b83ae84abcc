package io.dm4j.worker.subtask;

import io.dm4j.common.errors.DmException;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted unit: fails with the queued errors first (one per process call), then either finishes at once
 * ({@code finishes}) or runs until paused.
 */
final class FakeUnit implements Unit {
    final UnitType type;
    final boolean finishes;
    final Deque<DmException> failures = new ArrayDeque<>();
    final AtomicInteger processCalls = new AtomicInteger();
    final AtomicInteger pauseCalls = new AtomicInteger();
    volatile boolean closed;
    private volatile boolean paused;

    FakeUnit(UnitType type, boolean finishes) {
        this.type = type;
        this.finishes = finishes;
    }

    FakeUnit failingWith(DmException... errors) {
        for (DmException e : errors) {
            failures.add(e);
        }
        return this;
    }

    @Override
    public UnitType type() {
        return type;
    }

    @Override
    public UnitResult process() {
        processCalls.incrementAndGet();
        paused = false;
        DmException e;
        synchronized (failures) {
            e = failures.poll();
        }
        if (e != null) {
            return UnitResult.failed(e);
        }
        if (finishes) {
            return UnitResult.done();
        }
        synchronized (this) {
            while (!paused) {
                try {
                    wait(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return UnitResult.cancel();
                }
            }
        }
        return UnitResult.cancel();
    }

    @Override
    public synchronized void pause() {
        pauseCalls.incrementAndGet();
        paused = true;
        notifyAll();
    }

    @Override
    public Object status() {
        return Map.of("unit", type.label(), "processCalls", processCalls.get());
    }

    @Override
    public void close() {
        closed = true;
        pause();
    }
}
