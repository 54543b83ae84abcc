package io.dm4j.worker.load;

import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.filter.TableRouter;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.progress.TableBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the data files of a dump into load jobs, against the checkpoint: a file loaded in an earlier run only counts
 * as done, a partly loaded one continues at its offset, a new one gets its checkpoint row (offset 0, the dump's id)
 * before any connection may take it ({@link #submit}). The counters are the load's status.
 */
final class FilePlanner {
    private final Path dir;
    private final TableRouter router;
    private final Map<TableId, ExtractedColumns> extracts;
    private final Map<String, LoaderCheckpoint.FilePoint> points;
    private final String dumpId;
    private final Counters counters;
    private final List<FileJob> jobs = new ArrayList<>();
    private final List<LoaderCheckpoint.FilePoint> toRegister = new ArrayList<>();

    /** The load's progress counters (query-status). */
    record Counters(AtomicLong totalBytes, AtomicLong finishedBytes, AtomicLong totalFiles, AtomicLong finishedFiles) {
    }

    FilePlanner(Path dir, TableRouter router, Map<TableId, ExtractedColumns> extracts,
                Map<String, LoaderCheckpoint.FilePoint> points, String dumpId, Counters counters) {
        this.dir = dir;
        this.router = router;
        this.extracts = extracts;
        this.points = points;
        this.dumpId = dumpId;
        this.counters = counters;
    }

    /** Adds one data file of table {@code t}; {@code progress} is the table's status entry. */
    void add(DumpIndex.TableEntry t, DumpIndex.FileEntry f, TableBoard.Entry progress) {
        counters.totalBytes().addAndGet(f.bytes());
        counters.totalFiles().incrementAndGet();
        LoaderCheckpoint.FilePoint p = points.get(f.name());
        if (p != null && p.endPos() != f.bytes()) {
            throw LoadErrors.FILE_CHANGED.error(f.name(), "the checkpoint says it has " + p.endPos()
                    + " bytes, the dump index says " + f.bytes());
        }
        if (p != null && p.done()) {
            counters.finishedBytes().addAndGet(f.bytes());
            counters.finishedFiles().incrementAndGet();
            fileDone(progress, f, f.bytes());
            return;
        }
        Path path = dir.resolve(f.name());
        checkFile(path, f);
        if (p == null) {
            toRegister.add(new LoaderCheckpoint.FilePoint(f.name(), t.schema(), t.table(), 0, f.bytes(), dumpId));
        } else {
            counters.finishedBytes().addAndGet(p.offset());
            progress.addBytes(p.offset());
        }
        jobs.add(new FileJob(t, f, path, router.route(t.id()), extracts.getOrDefault(t.id(), ExtractedColumns.NONE),
                progress));
    }

    /** The jobs added since the last call, after their checkpoint rows are stored. */
    List<FileJob> submit(LoaderCheckpoint checkpoint) {
        if (!toRegister.isEmpty()) {
            checkpoint.register(toRegister);
            toRegister.clear();
        }
        List<FileJob> out = List.copyOf(jobs);
        jobs.clear();
        return out;
    }

    /** A data file is complete: its rows count for the table, and {@code bytes} more (those not counted yet). */
    static void fileDone(TableBoard.Entry table, DumpIndex.FileEntry f, long bytes) {
        table.addBytes(bytes);
        table.addRows(f.rows());
        table.partDone();
    }

    private static void checkFile(Path path, DumpIndex.FileEntry f) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw LoadErrors.FILE_READ.wrap(e, path);
        }
        if (size != f.bytes()) {
            throw LoadErrors.FILE_CHANGED.error(path, "it has " + size + " bytes, the dump index says " + f.bytes());
        }
    }
}
