package io.dm4j.worker.relay;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.CheckpointErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.sync.checkpoint.CheckpointStore;
import io.dm4j.worker.sync.checkpoint.SyncCheckpoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each subtask of a source will read the binlog from, as stored downstream: the global point of
 * {@code dm_meta.{task}_syncer_checkpoint} (what a restarted or moved subtask resumes from, never ahead of what it
 * applied). A subtask without a checkpoint needs its incremental start point ({@code mysql-instances[].meta}); one
 * still in its full copy has no known position yet, which makes every purge unsafe. Full-only tasks read no binlog.
 */
public final class CheckpointNeeds {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointNeeds.class);

    private CheckpointNeeds() {
    }

    /** One subtask's need, or empty when it reads no binlog; throws {@link RelayPurgeErrors#NEED_UNKNOWN} when unknown. */
    static Optional<RelayNeed> of(SubTaskConfig sub, Optional<BinlogPosition> checkpoint) {
        if (!sub.taskMode().hasSync()) {
            return Optional.empty();
        }
        String owner = "subtask " + sub.name();
        if (checkpoint.isPresent()) {
            return Optional.of(new RelayNeed(owner, "", checkpoint.get()));
        }
        if (!sub.taskMode().hasDump() && !sub.taskMode().hasLoad() && sub.meta() != null && sub.meta().position().isPresent()) {
            return Optional.of(new RelayNeed(owner, "", sub.meta().position().get()));
        }
        throw RelayPurgeErrors.NEED_UNKNOWN.error(owner, "it has no sync checkpoint in " + sub.metaSchema() + "." + sub.name()
                + "_syncer_checkpoint yet" + (sub.taskMode().hasDump() ? " (its full copy has not finished)" : ""), sub.sourceId());
    }

    /** Every subtask's need, read from the downstream checkpoints now; throws when one is not known (for purging). */
    public static List<RelayNeed> read(SourceConfig source, List<SubTaskConfig> subs) {
        List<RelayNeed> out = new ArrayList<>();
        Flavor flavor = null;
        for (SubTaskConfig sub : subs) {
            if (!sub.taskMode().hasSync()) {
                continue;
            }
            if (flavor == null) {
                flavor = flavorOf(source);
            }
            of(sub, stored(sub, flavor)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The earliest position the subtasks have stored, skipping those whose position is not known yet (where a relay
     * starts: a worker that takes over a source rebuilds its relay from here, not from the upstream's current end).
     */
    public static Optional<Location> earliestStored(SourceConfig source, List<SubTaskConfig> subs) {
        List<RelayNeed> known = new ArrayList<>();
        for (SubTaskConfig sub : subs) {
            try {
                known.addAll(read(source, List.of(sub)));
            } catch (DmException e) {
                LOG.info("relay of source {}: {}", source.sourceId(), e.getMessage());
            }
        }
        return earliest(known).map(n -> new Location(n.position(), null));
    }

    /** The earliest of the needs (the point a relay must start from so that every subtask finds its data). */
    public static Optional<RelayNeed> earliest(List<RelayNeed> needs) {
        return needs.stream().min(Comparator.comparing(RelayNeed::position));
    }

    private static Optional<BinlogPosition> stored(SubTaskConfig sub, Flavor flavor) {
        DownstreamConfig dc = DownstreamConfig.forTask(sub, null, 1);
        try (Downstream down = Downstream.open(dc, sub.name() + "-relay-needs")) {
            CheckpointStore store = new CheckpointStore(down.dataSource(), sub.metaSchema(), sub.name(), flavor);
            Optional<SyncCheckpoint> cp = store.load(sub.sourceId());
            return cp.map(SyncCheckpoint::global).map(g -> g.position()).filter(p -> !p.file().isEmpty());
        } catch (DmException e) {
            if (e.code() == CheckpointErrors.LOAD_FAILED) {
                LOG.debug("no checkpoint table for subtask {} yet: {}", sub.name(), e.getMessage());
                return Optional.empty(); // the table does not exist yet: treated as no checkpoint, which keeps more
            }
            throw e;
        }
    }

    private static Flavor flavorOf(SourceConfig source) {
        if (source.flavor() != null) {
            return source.flavor();
        }
        try {
            return Upstream.of(source.from()).flavor();
        } catch (SQLException e) {
            throw RelayPurgeErrors.NEED_UNKNOWN.error("the subtasks", "the upstream flavor cannot be read: " + e.getMessage(),
                    source.sourceId());
        }
    }
}
