package io.dm4j.worker.server;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.relay.CheckpointNeeds;
import io.dm4j.worker.sync.checkpoint.SyncCheckpoint;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The earliest sync checkpoint stored downstream by the source's subtasks on this worker: where a new relay log must
 * start so that every task can read it, and what a relay purge must keep. A task that never synced has none.
 */
final class StoredCheckpoints implements Supplier<Optional<Location>> {
    private final SourceConfig source;
    private final Supplier<List<SubTaskConfig>> tasks;

    StoredCheckpoints(SourceConfig source, Supplier<List<SubTaskConfig>> tasks) {
        this.source = source;
        this.tasks = tasks;
    }

    /** @throws DmException when a downstream cannot be read (a purge must then keep everything) */
    @Override
    public Optional<Location> get() {
        List<SubTaskConfig> configs = tasks.get();
        if (configs.isEmpty()) {
            return Optional.empty();
        }
        Flavor flavor;
        try {
            flavor = source.flavor() != null ? source.flavor() : Upstream.of(source.from()).flavor();
        } catch (SQLException e) {
            throw io.dm4j.common.errors.RelayErrors.UPSTREAM_READ.wrap(e, source.from().host(), e.getMessage());
        }
        return configs.stream().filter(c -> c.taskMode().hasSync()).map(c -> CheckpointNeeds.load(c, flavor))
                .flatMap(Optional::stream).map(SyncCheckpoint::global).filter(Objects::nonNull)
                .min(Comparator.comparing(Location::position));
    }
}
