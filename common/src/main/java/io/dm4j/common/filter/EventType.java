package io.dm4j.common.filter;

import io.dm4j.common.errors.FilterErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binlog event types of the binlog event filter, with DM's names. Group names ({@code all}, {@code all dml},
 * {@code none ddl}, {@code incompatible ddl changes}, ...) only appear in rules; events carry a concrete type.
 *
 * <p>DDL types come in two categories as in DM: plain DDL and "incompatible" DDL (changes that may lose data,
 * e.g. {@code drop column}, {@code truncate table}); {@code all ddl} covers both, {@code incompatible ddl changes}
 * only the latter. DM classifies an {@code ALTER TABLE} by its first specification that has a finer type (e.g.
 * {@code drop column}); a rule naming {@code alter table} does not match such events. {@code add foreign key} and
 * {@code drop foreign key} are dm4j additions (DM's code has no such types).
 */
public enum EventType {
    ALL("all", Category.GROUP),
    ALL_DML("all dml", Category.GROUP),
    ALL_DDL("all ddl", Category.GROUP),
    NONE("none", Category.GROUP),
    NONE_DDL("none ddl", Category.GROUP),
    NONE_DML("none dml", Category.GROUP),
    INCOMPATIBLE_DDL_CHANGES("incompatible ddl changes", Category.GROUP),

    INSERT("insert", Category.DML),
    UPDATE("update", Category.DML),
    DELETE("delete", Category.DML),

    CREATE_DATABASE("create database", Category.DDL),
    ALTER_DATABASE("alter database", Category.DDL),
    CREATE_TABLE("create table", Category.DDL),
    CREATE_INDEX("create index", Category.DDL),
    CREATE_VIEW("create view", Category.DDL),
    DROP_VIEW("drop view", Category.DDL),
    ALTER_TABLE("alter table", Category.DDL),
    ADD_TABLE_PARTITION("add table partition", Category.DDL),
    ADD_FOREIGN_KEY("add foreign key", Category.DDL),
    DROP_FOREIGN_KEY("drop foreign key", Category.DDL),

    DROP_DATABASE("drop database", Category.INCOMPATIBLE_DDL),
    DROP_TABLE("drop table", Category.INCOMPATIBLE_DDL),
    TRUNCATE_TABLE("truncate table", Category.INCOMPATIBLE_DDL),
    RENAME_TABLE("rename table", Category.INCOMPATIBLE_DDL),
    DROP_INDEX("drop index", Category.INCOMPATIBLE_DDL),
    DROP_TABLE_PARTITION("drop table partition", Category.INCOMPATIBLE_DDL),
    TRUNCATE_TABLE_PARTITION("truncate table partition", Category.INCOMPATIBLE_DDL),
    VALUE_RANGE_DECREASE("value range decrease", Category.INCOMPATIBLE_DDL),
    PRECISION_DECREASE("precision decrease", Category.INCOMPATIBLE_DDL),
    MODIFY_COLUMN("modify column", Category.INCOMPATIBLE_DDL),
    RENAME_COLUMN("rename column", Category.INCOMPATIBLE_DDL),
    RENAME_INDEX("rename index", Category.INCOMPATIBLE_DDL),
    DROP_COLUMN("drop column", Category.INCOMPATIBLE_DDL),
    DROP_PRIMARY_KEY("drop primary key", Category.INCOMPATIBLE_DDL),
    DROP_UNIQUE_KEY("drop unique key", Category.INCOMPATIBLE_DDL),
    MODIFY_DEFAULT_VALUE("modify default value", Category.INCOMPATIBLE_DDL),
    MODIFY_CONSTRAINT("modify constraint", Category.INCOMPATIBLE_DDL),
    MODIFY_COLUMNS_ORDER("modify columns order", Category.INCOMPATIBLE_DDL),
    MODIFY_CHARSET("modify charset", Category.INCOMPATIBLE_DDL),
    MODIFY_COLLATION("modify collation", Category.INCOMPATIBLE_DDL),
    REMOVE_AUTO_INCREMENT("remove auto increment", Category.INCOMPATIBLE_DDL),
    MODIFY_STORAGE_ENGINE("modify storage engine", Category.INCOMPATIBLE_DDL),
    REORGANIZE_TABLE_PARTITION("reorganize table partition", Category.INCOMPATIBLE_DDL),
    REBUILD_TABLE_PARTITION("rebuild table partition", Category.INCOMPATIBLE_DDL),
    COALESCE_TABLE_PARTITION("coalesce table partition", Category.INCOMPATIBLE_DDL),
    SPLIT_TABLE_PARTITION("split table partition", Category.INCOMPATIBLE_DDL),
    EXCHANGE_TABLE_PARTITION("exchange table partition", Category.INCOMPATIBLE_DDL),
    MODIFY_SCHEMA_CHARSET_AND_COLLATE("modify schema charset and collate", Category.INCOMPATIBLE_DDL),
    MODIFY_TABLE_CHARSET_AND_COLLATE("modify table charset and collate", Category.INCOMPATIBLE_DDL),
    MODIFY_TABLE_COMMENT("modify table comment", Category.INCOMPATIBLE_DDL),
    RECOVER_TABLE("recover table", Category.INCOMPATIBLE_DDL),
    ALTER_TABLE_PARTITIONING("alter table partitioning", Category.INCOMPATIBLE_DDL),
    REMOVE_TABLE_PARTITIONING("remove table partitioning", Category.INCOMPATIBLE_DDL),
    ADD_COLUMN("add column", Category.INCOMPATIBLE_DDL),
    SET_DEFAULT_VALUE("set default value", Category.INCOMPATIBLE_DDL),
    REBASE_AUTO_ID("rebase auto id", Category.INCOMPATIBLE_DDL),
    ADD_PRIMARY_KEY("add primary key", Category.INCOMPATIBLE_DDL),
    ALTER_INDEX_VISIBILITY("alter index visibility", Category.INCOMPATIBLE_DDL),
    ALTER_TTL_INFO("alter ttl info", Category.INCOMPATIBLE_DDL),
    ALTER_TTL_REMOVE("alter ttl remove", Category.INCOMPATIBLE_DDL),
    MULTI_SCHEMA_CHANGE("multi schema change", Category.INCOMPATIBLE_DDL);

    /** What an event type stands for. */
    public enum Category {
        /** A name for a group of types, used only in rules. */
        GROUP,
        DML,
        DDL,
        /** DDL that may lose data. */
        INCOMPATIBLE_DDL
    }

    private static final Map<String, EventType> BY_NAME;

    static {
        Map<String, EventType> names = new LinkedHashMap<>();
        for (EventType t : values()) {
            names.put(t.label, t);
        }
        names.put("create schema", CREATE_DATABASE);
        names.put("drop schema", DROP_DATABASE);
        names.put("alter schema", ALTER_DATABASE);
        BY_NAME = Collections.unmodifiableMap(names);
    }

    private final String label;
    private final Category category;

    EventType(String label, Category category) {
        this.label = label;
        this.category = category;
    }

    /** DM's name, e.g. {@code truncate table}. */
    public String label() {
        return label;
    }

    public Category category() {
        return category;
    }

    public boolean isDml() {
        return category == Category.DML;
    }

    /** Whether it is a DDL type, incompatible or not. */
    public boolean isDdl() {
        return category == Category.DDL || category == Category.INCOMPATIBLE_DDL;
    }

    /**
     * Parses DM's name, case-insensitively ({@code create schema}, {@code drop schema}, {@code alter schema} are
     * aliases of the database forms).
     *
     * @throws io.dm4j.common.errors.DmException {@link FilterErrors#UNKNOWN_EVENT_TYPE} listing the allowed names
     */
    public static EventType parse(String text) {
        EventType t = text == null ? null : BY_NAME.get(text.strip().toLowerCase(Locale.ROOT));
        if (t == null) {
            throw FilterErrors.UNKNOWN_EVENT_TYPE.error("unknown binlog event type '" + text + "'; allowed: "
                    + String.join(", ", allowedNames()));
        }
        return t;
    }

    /** Every name {@link #parse} accepts. */
    public static List<String> allowedNames() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    @Override
    public String toString() {
        return label;
    }
}
