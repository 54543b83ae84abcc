package io.dm4j.worker.relay;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.Location;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.relay.RelayFiles.RelayFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay log of the source this worker serves, as the master wants it: creates the {@link RelayUnit} when the
 * relay stage becomes Running or Paused (first rebuilding a relay directory that cannot serve the earliest subtask
 * checkpoint, see {@link RelayRebuild}), pauses, resumes and stops it when the stage changes, runs the automatic purge
 * every {@code purge.interval}, and carries out {@code purge-relay}. A stage the master repeats is left alone, so a
 * relay paused by an error is not restarted by every refresh.
 */
public final class RelayHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHolder.class);

    private final String workerName;
    private final DiskSpace disk;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dm4j-relay-purge");
        t.setDaemon(true);
        return t;
    });

    private SourceConfig source;
    private Path relayDir;
    private Supplier<List<SubTaskConfig>> subtasks = List::of;
    private Stage desired = Stage.STOPPED;
    private RelayUnit unit;
    private RelayPurger purger;
    private ScheduledFuture<?> autoPurge;

    public RelayHolder(String workerName, DiskSpace disk, Clock clock) {
        this.workerName = workerName;
        this.disk = disk;
        this.clock = clock;
    }

    /**
     * Brings the relay of {@code src} to the master's stage (Running, Paused, or Stopped = none).
     *
     * @param dir      this worker's relay directory for the source
     * @param subs     the configurations of the source's subtasks on this worker (their checkpoints are read downstream)
     */
    public synchronized void apply(SourceConfig src, Path dir, Stage stage, Supplier<List<SubTaskConfig>> subs) {
        if (source != null && (!source.equals(src) || !relayDir.equals(dir))) {
            release("the source or its configuration changed");
        }
        source = src;
        relayDir = dir;
        subtasks = subs;
        if (stage == desired && (unit != null || stage == Stage.STOPPED)) {
            return;
        }
        Stage before = desired;
        desired = stage;
        if (stage == Stage.STOPPED) {
            stopUnit("stop-relay");
            return;
        }
        if (unit == null) {
            RelayRebuild.prepare(dir, src.sourceId(), CheckpointNeeds.earliestStored(src, subs.get()).map(Location::position));
            unit = new RelayUnit(src, new RelayLayout(dir), () -> CheckpointNeeds.earliestStored(source, subtasks.get()));
            purger = new RelayPurger(dir, src.sourceId(), this::needs, disk, clock);
            schedulePurge(src);
            LOG.info("relay of source {} in {}: stage {}", src.sourceId(), dir, stage.label());
            if (stage == Stage.RUNNING) {
                unit.start();
            } else {
                unit.pause();
            }
            return;
        }
        LOG.info("relay of source {}: stage {} → {}", src.sourceId(), before.label(), stage.label());
        if (stage == Stage.RUNNING) {
            unit.resume();
        } else if (stage == Stage.PAUSED) {
            unit.pause();
        }
    }

    /** The running relay unit, if the source has one here (sync units read from it). */
    public synchronized Optional<RelayUnit> unit() {
        return Optional.ofNullable(unit);
    }

    /** Stops the relay and forgets the source (unbinding, shutdown). The relay files stay on disk. */
    public synchronized void release(String why) {
        stopUnit(why);
        source = null;
        relayDir = null;
        subtasks = List::of;
        desired = Stage.STOPPED;
    }

    private void stopUnit(String why) {
        if (autoPurge != null) {
            autoPurge.cancel(false);
            autoPurge = null;
        }
        if (unit != null) {
            LOG.info("stopping the relay of source {}: {}", source.sourceId(), why);
            try {
                unit.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping the relay of source {} failed: {}", source.sourceId(), ErrorClassifier.toDm(e).getMessage());
            }
            unit = null;
        }
        purger = null;
    }

    /** {@code purge-relay}: what was deleted, or the coded error why nothing was. */
    public CommonResponse purge(PurgeRelayRequest r) {
        RelayPurger p;
        String src;
        synchronized (this) {
            p = purger;
            src = source == null ? "" : source.sourceId();
        }
        if (p == null || !src.equals(r.source())) {
            throw RelayPurgeErrors.RELAY_NOT_RUNNING.error(r.source(), workerName);
        }
        List<RelayFile> deleted = p.purgeBefore(r.subDir(), r.filename());
        return new CommonResponse(true, deleted.isEmpty() ? "no relay log file before " + r.filename()
                : "deleted " + deleted.size() + " relay log files: " + deleted);
    }

    /** Who needs which relay file now: every subtask's stored checkpoint (strict) and the running readers. */
    private List<RelayNeed> needs() {
        SourceConfig src;
        Supplier<List<SubTaskConfig>> subs;
        RelayUnit u;
        synchronized (this) {
            src = source;
            subs = subtasks;
            u = unit;
        }
        List<RelayNeed> out = new ArrayList<>(CheckpointNeeds.read(src, subs.get()));
        if (u != null) {
            u.earliestNeeded().ifPresent(l -> out.add(new RelayNeed("a running sync unit", "", l.position())));
        }
        return out;
    }

    private void schedulePurge(SourceConfig src) {
        if (!src.purge().enabled()) {
            return;
        }
        long every = src.purge().interval();
        autoPurge = timer.scheduleWithFixedDelay(() -> autoPurgeOnce(src), every, every, TimeUnit.SECONDS);
    }

    private void autoPurgeOnce(SourceConfig src) {
        RelayPurger p;
        synchronized (this) {
            p = purger;
        }
        if (p == null) {
            return;
        }
        try {
            p.purgeAuto(src.purge());
        } catch (DmException e) {
            if (e.code() == RelayPurgeErrors.NEED_UNKNOWN || e.code() == RelayPurgeErrors.ALREADY_PURGING) {
                LOG.info("automatic relay purge of source {} skipped: {}", src.sourceId(), e.getMessage());
            } else {
                LOG.warn("automatic relay purge of source {} failed: {}", src.sourceId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("automatic relay purge of source {} failed: {}", src.sourceId(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        release("the worker is shutting down");
        timer.shutdownNow();
    }
}
