package io.dm4j.worker.metrics;

import static io.dm4j.worker.metrics.Families.gauge;
import static io.dm4j.worker.metrics.Families.point;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.RelayStatus;
import io.dm4j.worker.relay.RelayUnit;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The relay unit's families with DM's names, read from its status at scrape time: {@code dm_relay_binlog_file} and
 * {@code dm_relay_binlog_pos} ({@code node=master}: the upstream's position, {@code node=relay}: written up to),
 * {@code dm_relay_space} ({@code type=capacity|available}: the file system holding relay-dir) and dm4j's
 * {@code dm_relay_stage} (2 running, 3 paused, 4 stopped, as {@code dm_worker_task_state}); and what the relay
 * measured as it ran ({@link RelayObserver}: write duration and size, read duration, read and write errors, data
 * corruption, exits with an error). Nothing while the
 * worker runs no relay. Every point carries {@code source_id} (dm4j's addition: the alert rules name the source).
 */
public final class RelayMetrics {
    private RelayMetrics() {
    }

    /** The supplier {@link WorkerMetrics} takes, over the worker's relay unit when it has one. */
    public static Supplier<List<MetricSnapshot>> of(Supplier<Optional<RelayUnit>> relay) {
        return () -> relay.get().map(r -> {
            List<MetricSnapshot> all = new ArrayList<>(snapshots(r.sourceId(), r.status(), r.layout().root()));
            all.addAll(r.observer().collect(Labels.of("source_id", r.sourceId())));
            return all;
        }).orElse(List.of());
    }

    static List<MetricSnapshot> snapshots(String sourceId, RelayStatus status, Path relayDir) {
        Labels source = Labels.of("source_id", sourceId);
        GaugeSnapshot.Builder file = gauge("dm_relay_binlog_file",
                "binlog file index (numeric suffix) of the upstream (node=master) and of the relay (node=relay)");
        GaugeSnapshot.Builder pos = gauge("dm_relay_binlog_pos",
                "binlog offset of the upstream (node=master) and of the relay's last complete event (node=relay)");
        position(file, pos, source.add("node", "master"), status.masterBinlog());
        position(file, pos, source.add("node", "relay"), status.relayBinlog());
        GaugeSnapshot.Builder stage = gauge("dm_relay_stage", "stage of the relay unit: 2 running, 3 paused, 4 stopped");
        stage.dataPoint(point(source, switch (status.stage()) {
            case RelayUnit.RUNNING -> 2;
            case RelayUnit.PAUSED -> 3;
            case RelayUnit.STOPPED -> 4;
            default -> 1;
        }));
        GaugeSnapshot.Builder space = gauge("dm_relay_space", "bytes of the file system holding relay-dir, by type");
        try {
            FileStore store = Files.getFileStore(Files.exists(relayDir) ? relayDir : relayDir.toAbsolutePath().getParent());
            space.dataPoint(point(source.add("type", "capacity"), store.getTotalSpace()));
            space.dataPoint(point(source.add("type", "available"), store.getUsableSpace()));
        } catch (IOException | RuntimeException e) {
            // no file system to read (relay-dir gone): the family stays empty
        }
        return List.of(file.build(), pos.build(), stage.build(), space.build());
    }

    private static void position(GaugeSnapshot.Builder file, GaugeSnapshot.Builder pos, Labels labels, String shown) {
        BinlogPosition p = DisplayedPosition.parse(shown).orElse(null);
        if (p == null) {
            return;
        }
        file.dataPoint(point(labels, p.fileIndex()));
        pos.dataPoint(point(labels, p.pos()));
    }
}
