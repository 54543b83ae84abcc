package io.dm4j.worker.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the unlabelled histograms and counters of several sync units into one family per name, each data point
 * with its subtask's labels added ({@code task}, {@code source_id}, {@code worker}).
 */
final class Relabeled {
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final Map<String, List<HistogramDataPointSnapshot>> histograms = new LinkedHashMap<>();
    private final Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();

    /** Adds every data point of {@code snapshots}, with {@code labels} added to its own. */
    void add(List<MetricSnapshot> snapshots, Labels labels) {
        for (MetricSnapshot s : snapshots) {
            String name = s.getMetadata().getName();
            metadata.putIfAbsent(name, s.getMetadata());
            if (s instanceof HistogramSnapshot h) {
                List<HistogramDataPointSnapshot> out = histograms.computeIfAbsent(name, n -> new ArrayList<>());
                for (HistogramDataPointSnapshot p : h.getDataPoints()) {
                    out.add(new HistogramDataPointSnapshot(p.getClassicBuckets(), p.getSum(), p.getLabels().merge(labels),
                            p.getExemplars(), 0L));
                }
            } else if (s instanceof CounterSnapshot c) {
                List<CounterDataPointSnapshot> out = counters.computeIfAbsent(name, n -> new ArrayList<>());
                for (CounterDataPointSnapshot p : c.getDataPoints()) {
                    out.add(new CounterDataPointSnapshot(p.getValue(), p.getLabels().merge(labels), null, 0L));
                }
            }
        }
    }

    /** One snapshot per family seen, in the order first seen; families of no data point are kept (empty). */
    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        histograms.forEach((name, points) -> out.add(new HistogramSnapshot(metadata.get(name), points)));
        counters.forEach((name, points) -> out.add(new CounterSnapshot(metadata.get(name), points)));
        return out;
    }
}
