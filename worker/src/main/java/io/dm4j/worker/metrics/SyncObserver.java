package io.dm4j.worker.metrics;

import io.dm4j.worker.db.SqlExecutor;
import io.dm4j.worker.db.SqlStatement;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * What one sync unit measures as it runs, for DM's duration and lag metrics. Every observation is made per
 * downstream transaction, per transaction end, per DDL or per checkpoint flush, never per row, so the cost on the
 * hot path is one histogram observation (tens of nanoseconds) per transaction.
 *
 * <p>The histograms carry no task labels here: {@link WorkerMetrics} adds {@code task}, {@code source_id} and
 * {@code worker} when it collects them, so nothing needs registering and a stopped subtask's series go with it.
 */
public final class SyncObserver {
    /** DM's buckets for apply durations: 5 µs doubling 25 times (to about 84 s). */
    static final double[] DURATION_BUCKETS = exponential(0.000005, 2, 25);
    /** DM's buckets for the lag histogram: 0.5 s doubling 12 times (to 1024 s). */
    static final double[] LAG_BUCKETS = exponential(0.5, 2, 12);
    /** DM's buckets for the checkpoint flush interval: 1 s, then every 50 s up to 1001 s. */
    static final double[] FLUSH_BUCKETS = linear(1, 50, 21);

    private final Clock clock;
    private final Histogram txn = histogram("dm_syncer_txn_duration_time",
            "time (s) of one downstream DML transaction of the applier (its statements and COMMIT)", DURATION_BUCKETS);
    private final Histogram query = histogram("dm_syncer_query_duration_time",
            "time (s) of every downstream execution of the sync unit: DML transactions and DDL", DURATION_BUCKETS);
    private final Histogram stmt = Histogram.builder().name("dm_syncer_stmt_duration_time")
            .help("time (s) of one downstream statement, by type (ddl; DML is timed per transaction)")
            .labelNames("type").classicUpperBounds(DURATION_BUCKETS).classicOnly().withoutExemplars().build();
    private final Histogram lag = histogram("dm_syncer_replication_lag",
            "seconds between a transaction's upstream event time and the moment the sync unit passed its end",
            LAG_BUCKETS);
    private final Histogram flushInterval = histogram("dm_syncer_flush_checkpoints_time_interval",
            "seconds between two checkpoint flushes", FLUSH_BUCKETS);
    private final Counter transactions = Counter.builder().name("dm_syncer_finished_transaction_total")
            .help("upstream transactions the sync unit passed the end of").withoutExemplars().build();
    private volatile long lastFlushMillis;

    public SyncObserver(Clock clock) {
        this.clock = clock;
        this.lastFlushMillis = clock.millis();
    }

    /**
     * The executor the applier commits through, timed: one observation per downstream transaction (a batch of up
     * to {@code batch} changes), on the queue's own thread.
     */
    public SqlExecutor timed(SqlExecutor executor) {
        return new SqlExecutor() {
            @Override
            public void executeTransaction(List<SqlStatement> statements) throws SQLException {
                long start = System.nanoTime();
                executor.executeTransaction(statements);
                double seconds = (System.nanoTime() - start) / 1e9;
                txn.observe(seconds);
                query.observe(seconds);
            }

            @Override
            public String serverVersion() {
                return executor.serverVersion();
            }
        };
    }

    /** An upstream transaction ended; {@code eventTimeMillis} is its binlog timestamp (0: unknown). */
    public void transactionEnd(long eventTimeMillis) {
        transactions.inc();
        if (eventTimeMillis > 0) {
            lag.observe(Math.max(0, clock.millis() - eventTimeMillis) / 1000.0);
        }
    }

    /** A DDL ran downstream in {@code nanos}. */
    public void ddlExecuted(long nanos) {
        double seconds = nanos / 1e9;
        stmt.labelValues("ddl").observe(seconds);
        query.observe(seconds);
    }

    /** The checkpoint was written; observes the time since the previous write (or the unit's start). */
    public void checkpointFlushed() {
        long now = clock.millis();
        flushInterval.observe((now - lastFlushMillis) / 1000.0);
        lastFlushMillis = now;
    }

    /** The current values, without task labels. */
    List<MetricSnapshot> collect() {
        return List.of(txn.collect(), query.collect(), stmt.collect(), lag.collect(), flushInterval.collect(),
                transactions.collect());
    }

    static Histogram histogram(String name, String help, double[] buckets) {
        // no exemplars: no tracing here, and sampling them costs a clock read per observation
        return Histogram.builder().name(name).help(help).classicUpperBounds(buckets).classicOnly().withoutExemplars()
                .build();
    }

    static double[] exponential(double start, double factor, int count) {
        double[] b = new double[count];
        for (int i = 0; i < count; i++) {
            b[i] = start * Math.pow(factor, i);
        }
        return b;
    }

    static double[] linear(double start, double width, int count) {
        double[] b = new double[count];
        for (int i = 0; i < count; i++) {
            b[i] = start + width * i;
        }
        return b;
    }
}
