package io.dm4j.worker.subtask;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.ProcessResult;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task on one source: runs its units one after another on its own thread (task-mode order; a unit that
 * finishes hands over to the next) and owns the stage DM reports.
 *
 * <pre>
 * New ──start──▶ Running ──unit fails──▶ Paused (errors)      ──resume──▶ Running
 *                   │    ──pause─────▶ Pausing ─▶ Paused (canceled) ──resume──▶ Running
 *                   └── last unit done ──▶ Finished            any ──stop──▶ Stopped
 * </pre>
 * A pause asks the running unit to stop cleanly (it flushes its checkpoint) and waits for it; resume calls
 * {@link Unit#process()} again on the same unit, which continues from its checkpoint.
 */
public final class SubTask {
    private static final Logger LOG = LoggerFactory.getLogger(SubTask.class);
    static final Duration PAUSE_WAIT = Duration.ofSeconds(8);

    private final String name;
    private final String sourceId;
    private final SubTaskConfig cfg;
    private final SourceConfig source;
    private final UnitFactory factory;
    private final UnitContext ctx;
    private final LongSupplier clock;

    private List<Unit> units = List.of();
    private int current;
    private int closedBelow; // units before this index are finished and closed
    private Stage stage = Stage.NEW;
    private boolean canceled;
    private List<DmException> errors = List.of();
    private boolean pauseRequested;
    private boolean stopRequested;
    private Thread runner;
    private long pausedAtNanos;
    private long runningSinceNanos;
    private JsonNode finishedUnitStatus;
    private final io.dm4j.worker.metrics.UnitExits exits = new io.dm4j.worker.metrics.UnitExits();

    public SubTask(SubTaskConfig cfg, SourceConfig source, UnitFactory factory, UnitContext ctx) {
        this(cfg.name(), cfg.sourceId(), cfg, source, factory, ctx, System::nanoTime);
    }

    SubTask(String name, String sourceId, SubTaskConfig cfg, SourceConfig source, UnitFactory factory, UnitContext ctx,
            LongSupplier clock) {
        this.name = name;
        this.sourceId = sourceId;
        this.cfg = cfg;
        this.source = source;
        this.factory = factory;
        this.ctx = ctx;
        this.clock = clock;
    }

    /** A subtask whose configuration could not be used: it stays Paused with that error until replaced. */
    public static SubTask broken(String name, String sourceId, DmException error) {
        SubTask t = new SubTask(name, sourceId, null, null, null, null, System::nanoTime);
        t.stage = Stage.PAUSED;
        t.errors = List.of(error);
        return t;
    }

    public String name() {
        return name;
    }

    public String sourceId() {
        return sourceId;
    }

    public synchronized Stage stage() {
        return stage;
    }

    /** Paused by a request (not to be resumed automatically). */
    public synchronized boolean canceled() {
        return canceled;
    }

    public synchronized List<DmException> errors() {
        return errors;
    }

    /** Paused by errors and not by a request: what auto-resume may act on. */
    public synchronized boolean pausedByError() {
        return stage == Stage.PAUSED && !canceled && !errors.isEmpty() && cfg != null && !stopRequested;
    }

    synchronized long pausedAtNanos() {
        return pausedAtNanos;
    }

    synchronized long runningSinceNanos() {
        return runningSinceNanos;
    }

    /** New → Running: makes the units and starts the first one. */
    public synchronized void start() {
        if (stage != Stage.NEW) {
            return;
        }
        if (!createUnits()) {
            return;
        }
        run();
    }

    /** New → Paused without running anything (a subtask whose desired stage is Paused); resume starts it. */
    public synchronized void startPaused() {
        if (stage == Stage.NEW) {
            stage = Stage.PAUSED;
            canceled = true;
            pausedAtNanos = clock.getAsLong();
        }
    }

    private boolean createUnits() {
        try {
            units = List.copyOf(factory.create(cfg, source, ctx));
            current = 0;
            closedBelow = 0;
            return true;
        } catch (RuntimeException e) {
            DmException dm = e instanceof DmException d ? d
                    : WorkerErrors.UNIT_CREATE_FAILED.wrap(e, "of " + cfg.taskMode().label(), name, sourceId);
            LOG.error("subtask {} on source {} cannot start: {}", name, sourceId, dm.getMessage());
            toPaused(false, List.of(dm));
            return false;
        }
    }

    private void run() {
        stage = Stage.RUNNING;
        canceled = false;
        errors = List.of();
        pauseRequested = false;
        runningSinceNanos = clock.getAsLong();
        runner = new Thread(this::loop, "dm4j-subtask-" + name + "@" + sourceId);
        runner.setDaemon(true);
        runner.start();
    }

    private void loop() {
        while (true) {
            Unit unit;
            synchronized (this) {
                if (pauseRequested) {
                    toPaused(true, List.of());
                    return;
                }
                if (current >= units.size()) {
                    stage = Stage.FINISHED;
                    LOG.info("subtask {} on source {} finished", name, sourceId);
                    notifyAll();
                    return;
                }
                unit = units.get(current);
            }
            LOG.info("subtask {} on source {}: unit {} running", name, sourceId, unit.type().label());
            UnitResult r;
            try {
                r = unit.process();
            } catch (Throwable t) {
                LOG.error("subtask {} on source {}: unit {} threw", name, sourceId, unit.type().label(), t);
                r = UnitResult.failed(WorkerErrors.SUBTASK_CRASHED.wrap(t, unit.type().label(), name));
            }
            synchronized (this) {
                if (!r.errors().isEmpty()) {
                    LOG.warn("subtask {} on source {}: unit {} failed: {}", name, sourceId, unit.type().label(),
                            r.errors().get(0).getMessage());
                    exits.record(unit.type(), ResumePolicy.resumable(r.errors()));
                    toPaused(false, r.errors());
                    return;
                }
                if (!r.finished()) {
                    toPaused(true, List.of());
                    return;
                }
                LOG.info("subtask {} on source {}: unit {} finished", name, sourceId, unit.type().label());
                if (current < units.size() - 1) {
                    closeQuietly(unit);
                    closedBelow = current + 1;
                } else {
                    finishedUnitStatus = statusJson(unit); // shown after the subtask finished
                }
                current++;
            }
        }
    }

    private void toPaused(boolean byRequest, List<DmException> errs) {
        stage = Stage.PAUSED;
        canceled = byRequest;
        errors = List.copyOf(errs);
        pausedAtNanos = clock.getAsLong();
        notifyAll();
    }

    /**
     * Running → Paused on request: the unit stops cleanly (flushing its checkpoint). A subtask already paused by
     * an error is marked as paused on request, so auto-resume leaves it alone. Waits up to 8 s for the unit.
     */
    public void pause() {
        Unit unit;
        synchronized (this) {
            if (stage == Stage.PAUSED) {
                canceled = true;
                return;
            }
            if (stage != Stage.RUNNING) {
                return;
            }
            pauseRequested = true;
            stage = Stage.PAUSING;
            unit = current < units.size() ? units.get(current) : null;
        }
        if (unit != null) {
            try {
                unit.pause();
            } catch (RuntimeException e) {
                LOG.warn("subtask {}: pausing unit {} failed: {}", name, unit.type().label(), e.toString());
            }
        }
        awaitNotRunning(PAUSE_WAIT);
        synchronized (this) {
            if (stage == Stage.PAUSED) {
                canceled = true; // a unit that failed while being paused still counts as paused on request
            }
        }
    }

    private synchronized void awaitNotRunning(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (stage == Stage.PAUSING || stage == Stage.RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("subtask {} on source {}: the unit did not stop within {} ms", name, sourceId, limit.toMillis());
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Paused → Running (after a request or an error): the current unit continues from its checkpoint. */
    public synchronized void resume() {
        if (stage != Stage.PAUSED || cfg == null || stopRequested) {
            return;
        }
        if (units.isEmpty() && !createUnits()) {
            return;
        }
        LOG.info("subtask {} on source {} resuming", name, sourceId);
        run();
    }

    /** Any stage → Stopped: pauses cleanly and releases the units. Not resumable (start-task again). */
    public void stop() {
        synchronized (this) {
            stopRequested = true;
        }
        pause();
        List<Unit> toClose;
        synchronized (this) {
            stage = Stage.STOPPED;
            toClose = new ArrayList<>(units.subList(Math.min(closedBelow, units.size()), units.size()));
            units = List.of();
            current = 0;
            closedBelow = 0;
        }
        toClose.forEach(SubTask::closeQuietly);
    }

    /** query-status of this subtask, in DM's shape. */
    public SubTaskStatus status() {
        Unit unit;
        Stage st;
        boolean cancel;
        List<DmException> errs;
        JsonNode finished;
        UnitType lastType;
        synchronized (this) {
            unit = current < units.size() ? units.get(current) : null;
            st = stage;
            cancel = canceled;
            errs = errors;
            finished = finishedUnitStatus;
            lastType = units.isEmpty() ? null : units.get(units.size() - 1).type();
        }
        UnitType type = unit != null ? unit.type() : lastType;
        JsonNode unitStatus = unit != null ? statusJson(unit) : finished;
        ProcessResult result = !cancel && errs.isEmpty() ? null
                : new ProcessResult(cancel, errs.stream().map(ProcessError::of).toList(), null);
        return new SubTaskStatus(name, st, type == null ? "" : type.label(), result, "",
                type == UnitType.DUMP ? unitStatus : null, type == UnitType.LOAD ? unitStatus : null,
                type == UnitType.SYNC ? unitStatus : null, type == UnitType.CHECK ? unitStatus : null);
    }

    private JsonNode statusJson(Unit unit) {
        try {
            Object s = unit.status();
            return s == null ? null : ProtoJson.mapper().valueToTree(s);
        } catch (RuntimeException e) {
            LOG.debug("subtask {}: status of unit {} failed: {}", name, unit.type().label(), e.toString());
            return null;
        }
    }

    private static void closeQuietly(Unit u) {
        try {
            u.close();
        } catch (RuntimeException e) {
            LOG.warn("closing unit {} failed: {}", u.type().label(), e.toString());
        }
    }

    /** How often each unit of this subtask stopped with an error, for /metrics. */
    public io.dm4j.worker.metrics.UnitExits exits() {
        return exits;
    }

    /** The unit running (or paused) now, when it is of {@code type}; for commands that act on a unit's state. */
    public synchronized <T> java.util.Optional<T> currentUnit(Class<T> type) {
        Unit unit = current < units.size() ? units.get(current) : null;
        return unit == null ? java.util.Optional.empty()
                : unit.parts().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** A one-line description of the error that paused the subtask, for answers to the master. */
    public synchronized String errorSummary() {
        return errors.isEmpty() ? "" : errors.get(0).getMessage();
    }

}
