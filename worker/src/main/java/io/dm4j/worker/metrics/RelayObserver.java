package io.dm4j.worker.metrics;

import static io.dm4j.worker.metrics.Families.gauge;
import static io.dm4j.worker.metrics.Families.point;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.worker.subtask.ResumePolicy;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay unit measures as it runs, under DM's names and buckets (tiflow dm/relay/metrics.go):
 * {@code dm_relay_write_duration} and {@code dm_relay_write_size} per event appended (next to a write system call
 * each, so one observation is noise), {@code dm_relay_read_binlog_duration} per event taken from the upstream
 * stream (the wait for it included, as DM's blocking read), {@code dm_relay_read_error_count} (reconnects after a
 * failed read and reads that paused the relay), {@code dm_relay_write_error_count}, {@code dm_relay_data_corruption}
 * and {@code dm_relay_exit_with_error_count{resumable_err}}.
 *
 * <p>{@link RelayMetrics} collects it at scrape time with {@code source_id}. One per relay unit, so the counts
 * survive pause and resume. DM's counters are served as gauges of the count, so they keep DM's names (the Java
 * client would add {@code _total} to a counter), as {@code dm_syncer_exit_with_error_count} is.
 */
public final class RelayObserver {
    /** DM's buckets for the write and read durations: 5 µs doubling 25 times. */
    static final double[] DURATION_BUCKETS = SyncObserver.DURATION_BUCKETS;
    /** DM's buckets for the write size: 16 bytes doubling 20 times. */
    static final double[] SIZE_BUCKETS = SyncObserver.exponential(16, 2, 20);

    private final Histogram writeDuration = SyncObserver.histogram("dm_relay_write_duration",
            "time (s) of writing one binlog event to the relay file", DURATION_BUCKETS);
    private final Histogram writeSize = SyncObserver.histogram("dm_relay_write_size",
            "bytes of one binlog event written to the relay file", SIZE_BUCKETS);
    private final Histogram readDuration = SyncObserver.histogram("dm_relay_read_binlog_duration",
            "time (s) of reading one binlog event from the upstream, the wait for it included", DURATION_BUCKETS);
    // DM's counters keep their names without "_total": served as gauges of a count, as UnitFamilies does
    private final AtomicLong readErrors = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final AtomicLong corruption = new AtomicLong();
    private final AtomicLong resumableExits = new AtomicLong();
    private final AtomicLong unresumableExits = new AtomicLong();

    /** One event of {@code bytes} was appended in {@code nanos}. */
    public void written(int bytes, long nanos) {
        writeSize.observe(bytes);
        writeDuration.observe(nanos / 1e9);
    }

    /** One event came from the upstream after {@code nanos}. */
    public void read(long nanos) {
        readDuration.observe(nanos / 1e9);
    }

    /** The upstream stream failed {@code count} more times and reconnected. */
    public void readFailures(int count) {
        readErrors.addAndGet(count);
    }

    /** The relay stopped with {@code error}: counted by kind and as an exit. */
    public void exited(DmException error) {
        int code = error.code().code();
        if (code == RelayErrors.WRITE.code()) {
            writeErrors.incrementAndGet();
        } else if (code == RelayErrors.CORRUPT.code()) {
            corruption.incrementAndGet();
        } else if (code != RelayErrors.GAP.code() && code != RelayErrors.OVERLAP.code()
                && code != RelayErrors.DIR.code() && code != RelayErrors.INDEX.code() && code != RelayErrors.META.code()) {
            readErrors.incrementAndGet(); // the upstream or the stream from it
        }
        (ResumePolicy.resumable(List.of(error)) ? resumableExits : unresumableExits).incrementAndGet();
    }

    /** The current values, each point with {@code source} added to its labels. */
    public List<MetricSnapshot> collect(Labels source) {
        Relabeled histograms = new Relabeled();
        histograms.add(List.of(writeDuration.collect(), writeSize.collect(), readDuration.collect()), source);
        List<MetricSnapshot> out = new ArrayList<>(histograms.snapshots());
        out.add(count("dm_relay_read_error_count", "failed reads of the binlog from the upstream (each reconnect"
                + " after one, and each that paused the relay)", source, readErrors));
        out.add(count("dm_relay_write_error_count", "failed writes of relay files", source, writeErrors));
        out.add(count("dm_relay_data_corruption", "damaged relay data found: an event before the last one of a"
                + " file fails its checksum or length", source, corruption));
        out.add(gauge("dm_relay_exit_with_error_count", "times the relay unit stopped with an error (resumable_err:"
                + " whether resume-relay may get past it)")
                .dataPoint(point(source.add("resumable_err", "true"), resumableExits.get()))
                .dataPoint(point(source.add("resumable_err", "false"), unresumableExits.get())).build());
        return out;
    }

    private static MetricSnapshot count(String name, String help, Labels labels, AtomicLong value) {
        return gauge(name, help).dataPoint(point(labels, value.get())).build();
    }
}
