package io.dm4j.worker.subtask;

import io.dm4j.common.config.CheckerConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next automatic resume of one subtask: starts at backoff-min, grows by backoff-factor after
 * every resume up to backoff-max, and shrinks one step after backoff-rollback of healthy running. With jitter the
 * wait is drawn between half the step and the step, so several subtasks do not retry in lockstep.
 */
final class Backoff {
    private final CheckerConfig cfg;
    private final DoubleSupplier random;
    private long currentNanos;

    Backoff(CheckerConfig cfg, DoubleSupplier random) {
        this.cfg = cfg;
        this.random = random;
        this.currentNanos = cfg.backoffMin().toNanos();
    }

    /** The step without jitter. */
    Duration step() {
        return Duration.ofNanos(currentNanos);
    }

    /** The wait to use now. */
    Duration delay() {
        if (!cfg.backoffJitter()) {
            return step();
        }
        double f = 0.5 + 0.5 * random.getAsDouble();
        return Duration.ofNanos(Math.max(cfg.backoffMin().toNanos(), (long) (currentNanos * f)));
    }

    void forward() {
        currentNanos = Math.min(cfg.backoffMax().toNanos(), (long) (currentNanos * cfg.backoffFactor()));
    }

    void rollback() {
        currentNanos = Math.max(cfg.backoffMin().toNanos(), (long) (currentNanos / cfg.backoffFactor()));
    }

    boolean atMin() {
        return currentNanos <= cfg.backoffMin().toNanos();
    }
}
