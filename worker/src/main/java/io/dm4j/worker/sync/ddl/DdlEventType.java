package io.dm4j.worker.sync.ddl;

/** The binlog-filter event type of a DDL, named as DM's {@code filters.events} names it. */
public enum DdlEventType {
    CREATE_DATABASE("create database"),
    DROP_DATABASE("drop database"),
    ALTER_DATABASE("alter database"),
    CREATE_TABLE("create table"),
    DROP_TABLE("drop table"),
    TRUNCATE_TABLE("truncate table"),
    RENAME_TABLE("rename table"),
    ALTER_TABLE("alter table"),
    CREATE_INDEX("create index"),
    DROP_INDEX("drop index");

    private final String label;

    DdlEventType(String label) {
        this.label = label;
    }

    /** DM's name, e.g. {@code create table}. */
    public String label() {
        return label;
    }

    /** Whether the statement works on a whole schema (routed with schema-level rules). */
    public boolean schemaLevel() {
        return this == CREATE_DATABASE || this == DROP_DATABASE || this == ALTER_DATABASE;
    }

    @Override
    public String toString() {
        return label;
    }
}
