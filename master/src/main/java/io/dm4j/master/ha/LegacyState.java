package io.dm4j.master.ha;

import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-dir of a single master of an earlier release ({@code wal.log} + {@code snapshot.json}, see
 * {@link StateStore}). A master that starts alone on such a data-dir takes the state over into the replicated log
 * once, then renames the old files to {@code *.migrated}, kept as a backup.
 */
final class LegacyState {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyState.class);
    private static final String[] FILES = {"wal.log", "snapshot.json"};

    private LegacyState() {
    }

    /** The old state when data-dir has one that was not migrated yet. */
    static Optional<ClusterState> find(Path dataDir) {
        boolean any = false;
        for (String f : FILES) {
            any |= Files.exists(dataDir.resolve(f));
        }
        if (!any) {
            return Optional.empty();
        }
        try (StateStore old = StateStore.open(dataDir, Integer.MAX_VALUE)) {
            return Optional.of(old.state());
        }
    }

    /** Renames the old files once their state is in the replicated log. */
    static void retire(Path dataDir) {
        for (String f : FILES) {
            Path p = dataDir.resolve(f);
            try {
                if (Files.exists(p)) {
                    Files.move(p, dataDir.resolve(f + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.warn("cannot rename {} after migrating it: {}; it is ignored from now on", p, e.toString());
            }
        }
    }
}
