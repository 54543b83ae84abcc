package io.dm4j.worker.relay;

import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.RelayFiles.RelayFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a relay directory found on this worker can be continued for the subtasks of the source, or must be
 * rebuilt: a relay that does not hold the file of the earliest stored checkpoint (it ends before it, or starts after
 * it, e.g. left from when this worker served the source long ago) is of no use to them, and continuing it would pull
 * binlog nobody needs or leave a hole. Then the directory is emptied and the relay starts again at that checkpoint.
 */
public final class RelayRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(RelayRebuild.class);

    private RelayRebuild() {
    }

    /** Why the relay must be rebuilt for {@code earliest}, or empty when it can be continued (or there is none). */
    static Optional<String> reason(RelayFiles files, Optional<BinlogPosition> earliest) {
        if (files.files().isEmpty() || earliest.isEmpty()) {
            return Optional.empty();
        }
        BinlogPosition need = earliest.get();
        RelayFile holding = RelayPurger.fileOf(files, new RelayNeed("earliest checkpoint", "", need));
        if (holding == null) {
            return Optional.of("it ends in " + files.last() + ", before the earliest checkpoint " + need);
        }
        if (!holding.name().equals(need.file())) {
            return Optional.of("it does not hold " + need.file() + " of the earliest checkpoint " + need + " (the next file it has is "
                    + holding + ")");
        }
        return Optional.empty();
    }

    /** Empties the relay directory when it cannot serve the earliest checkpoint; returns whether it did. */
    public static boolean prepare(Path relayDir, String sourceId, Optional<BinlogPosition> earliest) {
        Optional<String> why = reason(RelayFiles.scan(relayDir), earliest);
        if (why.isEmpty()) {
            return false;
        }
        LOG.warn("relay of source {} in {} is rebuilt from the earliest subtask checkpoint {}: {}", sourceId, relayDir,
                earliest.orElseThrow(), why.get());
        List<Path> all;
        try (Stream<Path> walk = Files.walk(relayDir)) {
            all = walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(relayDir)).toList();
        } catch (IOException e) {
            throw RelayPurgeErrors.REMOVE_FAILED.wrap(e, relayDir);
        }
        for (Path p : all) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw RelayPurgeErrors.REMOVE_FAILED.wrap(e, p);
            }
        }
        return true;
    }
}
