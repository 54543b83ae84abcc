package io.dm4j.master.ha;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * This master's view of the replication, read at scrape time: whether it leads, the Raft term, and how far its copy
 * of the cluster state is (equal {@code dm4j_master_state_index} on every master means they agree), and DM's
 * {@code dm_master_start_leader_counter}.
 */
public final class HaMetrics implements MultiCollector {
    private final RaftNode node;

    public HaMetrics(RaftNode node) {
        this.node = node;
    }

    @Override
    public MetricSnapshots collect() {
        boolean leads = node.isLeader();
        return new MetricSnapshots(
                gauge("dm4j_master_leader", "1 when this master is the Raft leader, else 0", leads ? 1 : 0),
                gauge("dm4j_master_raft_term", "the Raft term this master is in", node.term()),
                gauge("dm4j_master_state_index", "number of cluster-state commands applied on this master", node.state().index()),
                gauge("dm4j_master_raft_log_start_index", "first Raft log index still on disk (entries before it are in a snapshot)",
                        node.logStartIndex()),
                // DM's counter, under its exact name (the client library would add _total to a counter)
                gauge("dm_master_start_leader_counter", "times this master started leading since it started", node.leaderStarts()));
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
