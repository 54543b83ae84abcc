package io.dm4j.worker.relay;

import io.dm4j.common.config.PurgeConfig;
import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.RelayFiles.RelayFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes relay log files that nobody needs any more: by hand ({@code purge-relay}: the files before a given one) or
 * automatically ({@code purge.expires}, {@code purge.remain-space}). The rule is the same for both: a file that a
 * reader still needs (the file holding a subtask's checkpoint, every file after it, and the file the relay writes)
 * is never deleted; a manual purge that would delete one is refused as a whole. Only binlog files are deleted;
 * sub-directories, their {@code relay.meta} and the index stay, so readers and the writer find the layout intact.
 */
public final class RelayPurger {
    private static final Logger LOG = LoggerFactory.getLogger(RelayPurger.class);
    static final long GIB = 1024L * 1024 * 1024;
    static final String WRITER = "the relay writer";

    private final Path relayDir;
    private final String sourceId;
    private final Supplier<List<RelayNeed>> needs;
    private final DiskSpace disk;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private volatile String runningKind = "";

    /**
     * @param needs where the readers are; throws {@link RelayPurgeErrors#NEED_UNKNOWN} when a reader's position is not
     *              known (then nothing may be purged)
     */
    public RelayPurger(Path relayDir, String sourceId, Supplier<List<RelayNeed>> needs, DiskSpace disk, Clock clock) {
        this.relayDir = relayDir;
        this.sourceId = sourceId;
        this.needs = needs;
        this.disk = disk;
        this.clock = clock;
    }

    /** {@code purge-relay}: deletes the files before {@code filename} of {@code subDir} ("" = the newest sub-directory). */
    public List<RelayFile> purgeBefore(String subDir, String filename) {
        return exclusive("manual", () -> {
            RelayFiles files = RelayFiles.scan(relayDir);
            List<RelayFile> plan = planBefore(files, subDir, filename, needs.get());
            return delete(plan, "purge-relay before " + (subDir.isEmpty() ? files.newestSubDir() : subDir) + "/" + filename);
        });
    }

    /** One run of the automatic purge; returns what it deleted (nothing when the configuration asks for nothing). */
    public List<RelayFile> purgeAuto(PurgeConfig cfg) {
        if (cfg.expires() == 0 && cfg.remainSpace() == 0) {
            return List.of();
        }
        return exclusive("automatic", () -> {
            RelayFiles files = RelayFiles.scan(relayDir);
            if (files.files().isEmpty()) {
                return List.of();
            }
            long free = cfg.remainSpace() > 0 ? disk.freeBytes(relayDir) : Long.MAX_VALUE;
            List<RelayFile> plan = planAuto(files, needs.get(), cfg, clock.instant(), free);
            return delete(plan, "automatic purge (expires " + cfg.expires() + " h, remain-space " + cfg.remainSpace() + " GB"
                    + (cfg.remainSpace() > 0 ? ", free " + free / (1024 * 1024) + " MiB" : "") + ")");
        });
    }

    private List<RelayFile> exclusive(String kind, Supplier<List<RelayFile>> op) {
        if (!running.tryLock()) {
            throw RelayPurgeErrors.ALREADY_PURGING.error(runningKind, sourceId);
        }
        try {
            runningKind = kind;
            return op.get();
        } finally {
            runningKind = "";
            running.unlock();
        }
    }

    /** The first file some reader needs, and who; the relay writer always needs the last file. */
    record FirstNeeded(RelayFile file, RelayNeed need) {
    }

    static FirstNeeded firstNeeded(RelayFiles files, List<RelayNeed> needs) {
        RelayFile last = files.last();
        FirstNeeded first = last == null ? null
                : new FirstNeeded(last, new RelayNeed(WRITER, last.subDir(), new BinlogPosition(last.name(), BinlogPosition.FIRST_EVENT_POS)));
        for (RelayNeed n : needs) {
            RelayFile f = fileOf(files, n);
            if (f != null && (first == null || f.before(first.file()))) {
                first = new FirstNeeded(f, n);
            }
        }
        return first;
    }

    /**
     * The file a reader at this position reads now: the first file, in reading order from its sub-directory (or from
     * the first one when unknown), that is not before its position. Null when every file is before it.
     */
    static RelayFile fileOf(RelayFiles files, RelayNeed n) {
        int from = n.subDir().isEmpty() ? 0 : files.subDirs().indexOf(n.subDir());
        if (from < 0) {
            from = 0; // a sub-directory not in the index: keep everything rather than guess
        }
        for (RelayFile f : files.files()) {
            // by name first: after an upstream switch the servers' file numbers are unrelated (rep-bin.000003 may
            // follow up-bin.000009)
            if (f.order() >= from && f.name().equals(n.position().file())) {
                return f;
            }
        }
        BinlogPosition start = new BinlogPosition(n.position().file(), BinlogPosition.FIRST_EVENT_POS);
        for (RelayFile f : files.files()) {
            if (f.order() >= from && f.start().compareTo(start) >= 0) {
                return f;
            }
        }
        return null;
    }

    /** The files a manual purge before {@code subDir/filename} deletes; refuses when one of them is needed. */
    static List<RelayFile> planBefore(RelayFiles files, String subDir, String filename, List<RelayNeed> needs) {
        String dir = subDir.isEmpty() ? files.newestSubDir() : subDir;
        if (!files.subDirs().contains(dir)) {
            throw RelayPurgeErrors.SUB_DIR_NOT_FOUND.error(dir, files.relayDir().resolve(RelayFiles.INDEX), files.subDirs());
        }
        List<RelayFile> inDir = files.in(dir);
        RelayFile target = inDir.stream().filter(f -> f.name().equals(filename)).findFirst().orElse(null);
        if (target == null) {
            throw RelayPurgeErrors.BAD_FILENAME.error(filename, dir, inDir.stream().map(RelayFile::name).toList());
        }
        List<RelayFile> before = files.files().stream().filter(f -> f.before(target)).toList();
        FirstNeeded needed = firstNeeded(files, needs);
        if (needed != null && needed.file().before(target)) {
            throw RelayPurgeErrors.FILE_NEEDED.error(needed.file(), needed.need().owner(), needed.need().position(), dir + "/" + filename);
        }
        return before;
    }

    /**
     * The files an automatic run deletes: among the files before the first needed one, those older than
     * {@code expires} hours, plus, while free space is below {@code remain-space} GB, the oldest ones until enough
     * would be free again.
     */
    static List<RelayFile> planAuto(RelayFiles files, List<RelayNeed> needs, PurgeConfig cfg, Instant now, long freeBytes) {
        FirstNeeded needed = firstNeeded(files, needs);
        List<RelayFile> safe = files.files().stream().filter(f -> needed == null || f.before(needed.file())).toList();
        Set<RelayFile> out = new LinkedHashSet<>();
        if (cfg.expires() > 0) {
            Instant limit = now.minus(Duration.ofHours(cfg.expires()));
            safe.stream().filter(f -> f.modified().isBefore(limit)).forEach(out::add);
        }
        if (cfg.remainSpace() > 0) {
            long wanted = cfg.remainSpace() * GIB;
            long free = freeBytes;
            for (RelayFile f : out) {
                free += f.size();
            }
            for (RelayFile f : safe) {
                if (free >= wanted) {
                    break;
                }
                if (out.add(f)) {
                    free += f.size();
                }
            }
        }
        return files.files().stream().filter(out::contains).toList();
    }

    private List<RelayFile> delete(List<RelayFile> plan, String why) {
        List<RelayFile> done = new ArrayList<>();
        for (RelayFile f : plan) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                LOG.warn("relay purge of source {} ({}) stopped after {} files: {}", sourceId, why, done.size(), e.toString());
                throw RelayPurgeErrors.REMOVE_FAILED.wrap(e, f.path());
            }
            done.add(f);
            LOG.info("relay purge of source {}: deleted {} ({} bytes, modified {}): {}", sourceId, f, f.size(), f.modified(), why);
        }
        if (done.isEmpty()) {
            LOG.debug("relay purge of source {}: nothing to delete ({})", sourceId, why);
        } else {
            LOG.info("relay purge of source {}: {} files, {} bytes deleted ({})", sourceId, done.size(),
                    done.stream().mapToLong(RelayFile::size).sum(), why);
        }
        return done;
    }
}
