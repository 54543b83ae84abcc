package io.dm4j.worker.dump;

import java.sql.SQLException;

/** Points in the start of a dump where tests act upstream (run DDL); production uses {@link #NONE}. */
interface DumpHook {
    DumpHook NONE = new DumpHook() { };

    /** After the structures were read the first time, before the snapshot opens. */
    default void beforeSnapshot(int attempt) throws SQLException {
    }

    /** After the snapshot opened, before its tables are pinned. */
    default void afterSnapshot(int attempt) throws SQLException {
    }

    /** After the tables are pinned (DDL on them now waits for the dump), before the structures are read again. */
    default void afterPin(int attempt) throws SQLException {
    }
}
