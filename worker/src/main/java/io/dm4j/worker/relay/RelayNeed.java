package io.dm4j.worker.relay;

import io.dm4j.common.position.BinlogPosition;

/**
 * A reader of the relay log and where it reads from: a subtask at its checkpoint, or the relay writer at its current
 * file. Relay files from the one holding {@code position} on are needed by it.
 *
 * @param owner    who needs it, for messages ({@code subtask t1}, {@code the relay writer})
 * @param subDir   the relay sub-directory of the position, or "" when only the upstream file name is known (a
 *                 checkpoint): then the earliest sub-directory holding that file counts, which keeps more, never less
 * @param position the upstream binlog position (file name as in the relay sub-directory)
 */
public record RelayNeed(String owner, String subDir, BinlogPosition position) {
    public RelayNeed {
        subDir = subDir == null ? "" : subDir;
    }

    @Override
    public String toString() {
        return owner + " at " + (subDir.isEmpty() ? "" : subDir + " ") + position;
    }
}
