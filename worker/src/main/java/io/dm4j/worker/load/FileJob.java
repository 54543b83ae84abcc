package io.dm4j.worker.load;

import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.progress.TableBoard;
import java.nio.file.Path;

/**
 * One data file to load.
 *
 * @param table   the dumped table the file belongs to
 * @param file    the file's index entry (name, rows, size)
 * @param path    where the file is
 * @param target  the routed downstream table
 * @param extract origin columns and values of a merge route ({@link ExtractedColumns#NONE} when none)
 * @param progress the table's per-table progress entry, advanced as the file's statements commit
 */
record FileJob(DumpIndex.TableEntry table, DumpIndex.FileEntry file, Path path, TableId target, ExtractedColumns extract,
               TableBoard.Entry progress) {

    String name() {
        return file.name();
    }

    long size() {
        return file.bytes();
    }
}
