package io.dm4j.worker.metrics;

import io.dm4j.worker.unit.UnitType;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How often each unit of one subtask stopped with an error, split as DM splits {@code *_exit_with_error_count}:
 * {@code resumable_err="true"} when auto-resume may retry the error, {@code "false"} when only an operator can.
 * Kept by the subtask, so the counts survive the units being recreated on resume.
 */
public final class UnitExits {
    private final AtomicLongArray counts = new AtomicLongArray(UnitType.values().length * 2);

    public void record(UnitType unit, boolean resumable) {
        counts.incrementAndGet(index(unit, resumable));
    }

    public long count(UnitType unit, boolean resumable) {
        return counts.get(index(unit, resumable));
    }

    private static int index(UnitType unit, boolean resumable) {
        return unit.ordinal() * 2 + (resumable ? 1 : 0);
    }
}
