package io.dm4j.worker.relay;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The relay sub-directory a sync checkpoint points into. Checkpoints keep the upstream's file names (so a task can
 * move between {@code local} and {@code remote}); after an upstream switch two servers may use the same names (both
 * {@code mysql-bin.000003}), and the checkpoint's GTID set tells them apart: a sub-directory whose whole content
 * (its relay.meta set) the checkpoint already contains is behind it, unless the checkpoint is exactly its end.
 */
final class LocationSubDir {
    private LocationSubDir() {
    }

    static Optional<String> of(RelayLayout layout, Location from) {
        String file = from.position().file();
        List<String> holding = layout.subDirs().stream().filter(d -> Files.exists(layout.file(d, file))).toList();
        if (holding.size() <= 1 || from.gtidSet() == null) {
            return holding.isEmpty() ? Optional.empty() : Optional.of(holding.get(holding.size() - 1));
        }
        for (String d : holding.subList(0, holding.size() - 1)) {
            if (!behind(layout, d, from)) {
                return Optional.of(d);
            }
        }
        return Optional.of(holding.get(holding.size() - 1));
    }

    /** Whether everything {@code subDir} holds was executed before {@code from} and {@code from} is not its end. */
    private static boolean behind(RelayLayout layout, String subDir, Location from) {
        Optional<RelayMeta> meta = layout.readMeta(subDir);
        if (meta.isEmpty() || meta.get().gtidSet().isBlank()) {
            return false;
        }
        try {
            GtidSet end = GtidSet.parse(from.gtidSet().flavor(), meta.get().gtidSet());
            return from.gtidSet().contains(end) && !meta.get().position().equals(from.position());
        } catch (DmException | IllegalArgumentException e) {
            return false;
        }
    }
}
