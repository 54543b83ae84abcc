package io.dm4j.worker.subtask;

import io.dm4j.common.config.CheckerConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DM's task checker for one source (its {@code checker} settings): every check-interval, each subtask that an error
 * paused is resumed once its backoff has passed, if the errors allow it ({@link ResumePolicy}); subtasks paused on
 * request are never touched. A subtask that runs healthily for backoff-rollback gets its backoff shrunk again.
 */
public final class AutoResumer {
    private static final Logger LOG = LoggerFactory.getLogger(AutoResumer.class);

    private final CheckerConfig cfg;
    private final Supplier<Collection<SubTask>> subtasks;
    private final LongSupplier clock;
    private final Map<SubTask, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Map<SubTask, Long> healthySince = new ConcurrentHashMap<>();
    private final Set<SubTask> reportedUnresumable = ConcurrentHashMap.newKeySet();

    public AutoResumer(CheckerConfig cfg, Supplier<Collection<SubTask>> subtasks) {
        this(cfg, subtasks, System::nanoTime);
    }

    AutoResumer(CheckerConfig cfg, Supplier<Collection<SubTask>> subtasks, LongSupplier clock) {
        this.cfg = cfg;
        this.subtasks = subtasks;
        this.clock = clock;
    }

    public CheckerConfig config() {
        return cfg;
    }

    /** One pass over the subtasks; returns how many were resumed. */
    public int check() {
        if (!cfg.checkEnable()) {
            return 0;
        }
        Collection<SubTask> all = subtasks.get();
        backoffs.keySet().retainAll(all);
        healthySince.keySet().retainAll(all);
        reportedUnresumable.retainAll(all);
        long now = clock.getAsLong();
        int resumed = 0;
        for (SubTask st : all) {
            Backoff b = backoffs.computeIfAbsent(st, k -> new Backoff(cfg, () -> ThreadLocalRandom.current().nextDouble()));
            if (st.pausedByError()) {
                healthySince.remove(st);
                if (!ResumePolicy.resumable(st.errors())) {
                    if (reportedUnresumable.add(st)) {
                        LOG.warn("subtask {} on source {} stays paused: its error cannot be fixed by resuming ({})", st.name(),
                                st.sourceId(), st.errorSummary());
                    }
                    continue;
                }
                if (now - st.pausedAtNanos() >= b.delay().toNanos()) {
                    LOG.info("auto-resuming subtask {} on source {} after {} ms (error: {})", st.name(), st.sourceId(),
                            (now - st.pausedAtNanos()) / 1_000_000, st.errorSummary());
                    st.resume();
                    b.forward();
                    resumed++;
                }
            } else if (st.stage() == io.dm4j.proto.message.Stage.RUNNING) {
                reportedUnresumable.remove(st);
                long since = healthySince.computeIfAbsent(st, k -> now);
                if (!b.atMin() && now - since >= cfg.backoffRollback().toNanos()) {
                    b.rollback();
                    healthySince.put(st, now);
                }
            }
        }
        return resumed;
    }

    Backoff backoffOf(SubTask st) {
        return backoffs.get(st);
    }
}
