package io.dm4j.worker.sync.ddl;

import java.sql.SQLException;
import java.util.Set;

/**
 * Downstream DDL errors that mean the statement's effect is already there, so replication goes on.
 *
 * <p>In every mode, the errors DM ignores (its {@code ignoreDDLError}): the database or table exists, the database
 * or table to drop is unknown, the column or key name exists, the column or key to drop does not exist. They occur
 * when the downstream was changed by hand, or when a DDL is replayed after a stop that lost its checkpoint.
 *
 * <p>In safe mode only (a replay after an unclean stop, where the same DDL may have run before), also the errors a
 * second run of a rename or a column drop gives: unknown column, table does not exist, multiple primary key. Outside
 * safe mode they point at a downstream that differs from the upstream, and pause the task.
 */
public final class DdlAlreadyDone {
    private static final Set<Integer> ALWAYS = Set.of(
            1007, // ER_DB_CREATE_EXISTS
            1008, // ER_DB_DROP_EXISTS
            1050, // ER_TABLE_EXISTS_ERROR
            1051, // ER_BAD_TABLE_ERROR (unknown table on DROP)
            1060, // ER_DUP_FIELDNAME
            1061, // ER_DUP_KEYNAME
            1091, // ER_CANT_DROP_FIELD_OR_KEY
            1176  // ER_KEY_DOES_NOT_EXITS
    );

    private static final Set<Integer> REPLAY_ONLY = Set.of(
            1054, // ER_BAD_FIELD_ERROR (column dropped or renamed already)
            1068, // ER_MULTIPLE_PRI_KEY (primary key added already)
            1146  // ER_NO_SUCH_TABLE (table renamed already)
    );

    private DdlAlreadyDone() {
    }

    /** Whether {@code e}, raised by a downstream DDL, means the DDL is already applied. */
    public static boolean means(SQLException e, boolean safeMode) {
        int code = e.getErrorCode();
        return ALWAYS.contains(code) || (safeMode && REPLAY_ONLY.contains(code));
    }
}
