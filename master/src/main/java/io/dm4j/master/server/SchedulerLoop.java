package io.dm4j.master.server;

import io.dm4j.common.errors.DmException;
import io.dm4j.master.state.ClusterState;
import io.dm4j.proto.message.WorkerOpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's periodic work: notice workers whose keepalive lapsed, rebind their sources, bind sources waiting
 * for a worker, and send every live worker the assignment it has not acknowledged yet. This is also what re-drives
 * the workers after a master restart.
 */
final class SchedulerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);

    private final MasterCore core;
    private final ScheduledExecutorService timer;
    private final ExecutorService pushers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private Set<String> lastAlive = new TreeSet<>();
    private final java.util.function.BooleanSupplier leading;

    /** @param leading whether this master leads now: only the leader schedules and talks to workers */
    SchedulerLoop(MasterCore core, Duration every, java.util.function.BooleanSupplier leading) {
        this.core = core;
        this.leading = leading;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dm4j-scheduler"));
        this.pushers = Executors.newCachedThreadPool(r -> daemon(r, "dm4j-worker-push"));
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void tick() {
        try {
            if (!leading.getAsBoolean()) {
                lastAlive = new TreeSet<>();
                return;
            }
            Set<String> alive = core.liveness.alive();
            for (String w : lastAlive) {
                if (!alive.contains(w) && core.state().workers().containsKey(w)) {
                    LOG.warn("worker {} is offline: no keepalive for {} ms", w,
                            core.liveness.sinceLastSeen(w).map(Duration::toMillis).orElse(-1L));
                    core.driver.forget(w); // stop dialling it; a new client is made when it is back
                }
            }
            lastAlive = alive;
            core.tryExclusive(core::rebalance);
            ClusterState s = core.state();
            for (String w : s.workers().keySet()) {
                if (alive.contains(w) && core.driver.needsPush(s, w) && inFlight.add(w)) {
                    pushers.execute(() -> push(w));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("scheduler tick failed", e);
        }
    }

    private void push(String worker) {
        try {
            WorkerOpResponse r = core.driver.push(worker);
            if (!r.result()) {
                LOG.warn("worker {} did not accept its assignment: {}", worker, r.msg());
            }
        } catch (DmException e) {
            LOG.debug("worker {}: sending its assignment failed: {}", worker, e.getMessage());
        } finally {
            inFlight.remove(worker);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pushers.shutdownNow();
    }
}
