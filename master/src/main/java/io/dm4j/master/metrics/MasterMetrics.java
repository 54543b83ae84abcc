package io.dm4j.master.metrics;

import io.dm4j.master.scheduler.WorkerStage;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.WorkerEntry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The master's DM metrics, computed at scrape time from the cluster state and the keepalive liveness:
 * {@code dm_master_worker_state{worker}} with DM's numbers (offline 0, free 1, bound 2; DM's relay 1.5 does not
 * occur while dm4j has no relay).
 */
public final class MasterMetrics implements MultiCollector {
    private final Supplier<ClusterState> state;
    private final Supplier<Set<String>> alive;

    public MasterMetrics(Supplier<ClusterState> state, Supplier<Set<String>> alive) {
        this.state = state;
        this.alive = alive;
    }

    @Override
    public MetricSnapshots collect() {
        return snapshots(state.get(), alive.get());
    }

    static double stateNumber(WorkerStage stage) {
        return switch (stage) {
            case OFFLINE -> 0;
            case FREE -> 1;
            case BOUND -> 2;
        };
    }

    static MetricSnapshots snapshots(ClusterState s, Set<String> alive) {
        GaugeSnapshot.Builder workers = GaugeSnapshot.builder().name("dm_master_worker_state")
                .help("state of a registered worker: 0 offline, 1 free, 2 bound");
        for (WorkerEntry w : s.workers().values()) {
            workers.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("worker", w.name()))
                    .value(stateNumber(WorkerStage.of(s, alive, w.name()))).build());
        }
        return new MetricSnapshots(workers.build());
    }
}
