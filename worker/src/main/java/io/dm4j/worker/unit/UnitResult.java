package io.dm4j.worker.unit;

import io.dm4j.common.errors.DmException;
import java.util.List;

/**
 * How a unit's {@link Unit#process()} ended: finished (a dump or load that completed), canceled (paused or
 * stopped on request), or failed with errors.
 */
public record UnitResult(boolean finished, boolean canceled, List<DmException> errors) {
    public UnitResult {
        errors = List.copyOf(errors);
    }

    public static UnitResult done() {
        return new UnitResult(true, false, List.of());
    }

    public static UnitResult cancel() {
        return new UnitResult(false, true, List.of());
    }

    public static UnitResult failed(DmException e) {
        return new UnitResult(false, false, List.of(e));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
