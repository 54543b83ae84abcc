package io.dm4j.common.errors;

/** DM's error classes; the class fixes the thousands prefix of an error code (database 10xxx, config 20xxx, ...). */
public enum ErrorClass {
    DATABASE("database", 10),
    FUNCTIONAL("functional", 11),
    CONFIG("config", 20),
    BINLOG_OP("binlog-op", 22),
    CHECKPOINT("checkpoint", 24),
    TASK_CHECK("task-check", 26),
    RELAY_EVENT_LIB("relay-event-lib", 28),
    RELAY_UNIT("relay-unit", 30),
    DUMP_UNIT("dump-unit", 32),
    LOAD_UNIT("load-unit", 34),
    SYNC_UNIT("sync-unit", 36),
    DM_MASTER("dm-master", 38),
    DM_WORKER("dm-worker", 40),
    HA("ha", 42),
    VALIDATOR("validator", 43),
    SCHEMA_TRACKER("schema-tracker", 44),
    SCHEDULER("scheduler", 46),
    DMCTL("dmctl", 48),
    OPENAPI("openapi", 49),
    NOT_SET("not-set", 50);

    private final String label;
    private final int prefix;

    ErrorClass(String label, int prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    /** The name DM prints, e.g. {@code sync-unit}. */
    public String label() {
        return label;
    }

    /** Codes of this class are {@code prefix * 1000 + n}. */
    public int prefix() {
        return prefix;
    }
}
