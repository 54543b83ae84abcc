package io.dm4j.master.server;

import io.dm4j.common.config.Encryptor;
import io.dm4j.common.config.MasterConfig;
import io.dm4j.master.check.TaskPrecheck;
import io.dm4j.master.scheduler.BindingPlanner;
import io.dm4j.master.scheduler.Liveness;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.ClusterStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every master operation needs: the persisted state, worker liveness, the calls to workers, and one lock that
 * serialises operations that change the state (dmctl requests and the scheduler's binding decisions), so that a
 * check and the command it leads to see the same state.
 */
final class MasterCore {
    private static final Logger LOG = LoggerFactory.getLogger(MasterCore.class);

    final MasterConfig config;
    final ClusterStore store;
    final Liveness liveness;
    final WorkerDriver driver;
    final DbProbe probe;
    final TaskPrecheck precheck;
    final Encryptor encryptor;
    private final ReentrantLock opLock = new ReentrantLock(true);

    MasterCore(MasterConfig config, ClusterStore store, Liveness liveness, WorkerDriver driver, DbProbe probe, Encryptor encryptor) {
        this.config = config;
        this.store = store;
        this.liveness = liveness;
        this.driver = driver;
        this.probe = probe;
        this.precheck = probe.precheck();
        this.encryptor = encryptor;
    }

    ClusterState state() {
        return store.state();
    }

    /** Runs a state-changing operation alone. */
    <T> T exclusive(Supplier<T> op) {
        opLock.lock();
        try {
            return op.get();
        } finally {
            opLock.unlock();
        }
    }

    /** Like {@link #exclusive(Supplier)} but gives up at once when another operation runs (for periodic work). */
    boolean tryExclusive(Runnable op) {
        if (!opLock.tryLock()) {
            return false;
        }
        try {
            op.run();
            return true;
        } finally {
            opLock.unlock();
        }
    }

    /** Applies the scheduler's binding decisions for the current state and liveness; call under the op lock. */
    List<Command> rebalance() {
        ClusterState s = state();
        List<Command> plan = BindingPlanner.plan(s, liveness.alive());
        if (!plan.isEmpty()) {
            for (Command c : plan) {
                if (c instanceof Command.Unbind u) {
                    String w = s.bindings().get(u.sourceId());
                    LOG.warn("source {} unbound from worker {}: {}", u.sourceId(), w,
                            liveness.sinceLastSeen(w).map(d -> "no keepalive for " + d.toMillis() + " ms").orElse("worker unknown"));
                } else if (c instanceof Command.Bind b) {
                    LOG.info("source {} bound to worker {}", b.sourceId(), b.worker());
                }
            }
            store.apply(plan);
        }
        return plan;
    }

    Duration workerCallTimeout() {
        return driver.rpcTimeout();
    }
}
