package io.dm4j.worker.unit;

/**
 * One step of a subtask: dump, load, sync (and relay). A subtask runs its units in task-mode order; each unit
 * resumes from its own checkpoint, so {@link #process()} after a pause or a crash continues where it stopped.
 */
public interface Unit extends AutoCloseable {

    UnitType type();

    /**
     * Runs until the unit is done (dump, load), is asked to stop by {@link #pause()}, or fails. Blocks the caller.
     * Never throws: failures come back in the result so the subtask can pause with the error.
     */
    UnitResult process();

    /** Asks a running {@link #process()} to stop cleanly (flushing its checkpoint) and return canceled. */
    void pause();

    /** The unit's progress for query-status; a JSON-serialisable record in DM's shape. */
    Object status();

    /** The units this one is made of (itself for a plain unit), for callers that look for a unit's type. */
    default java.util.List<Unit> parts() {
        return java.util.List.of(this);
    }

    /** Releases connections and threads. */
    @Override
    void close();
}
