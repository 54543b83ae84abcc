package io.dm4j.common.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The event names a binlog event filter rule may list ({@code events}), as DM spells them. */
public final class FilterEventNames {
    private FilterEventNames() {
    }

    /** Every accepted name in its canonical (lower-case) spelling. */
    public static final List<String> ALL = List.of(
            "all", "all dml", "all ddl", "none", "none ddl", "none dml",
            "insert", "update", "delete",
            "create database", "drop database", "alter database",
            "create table", "drop table", "truncate table", "rename table",
            "create index", "drop index", "create view", "drop view", "alter table",
            "add table partition", "drop table partition", "truncate table partition",
            "add foreign key", "drop foreign key",
            "incompatible ddl changes", "value range decrease", "precision decrease", "modify column", "rename column",
            "rename index", "drop column", "drop primary key", "drop unique key", "modify default value",
            "modify constraint", "modify columns order", "modify charset", "modify collation", "remove auto increment",
            "modify storage engine", "reorganize table partition", "rebuild table partition", "coalesce table partition",
            "split table partition", "exchange table partition",
            "modify schema charset and collate", "modify table charset and collate", "modify table comment",
            "recover table", "alter table partitioning", "remove table partitioning", "add column", "set default value",
            "rebase auto id", "add primary key", "alter index visibility", "alter ttl info", "alter ttl remove",
            "multi schema change");

    private static final Map<String, String> ALIASES = Map.of(
            "create schema", "create database",
            "drop schema", "drop database",
            "alter schema", "alter database");

    /** The canonical spelling of {@code name} (case-insensitive; schema aliases map to database), if it is known. */
    public static Optional<String> canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (ALIASES.containsKey(n)) {
            return Optional.of(ALIASES.get(n));
        }
        return ALL.contains(n) ? Optional.of(n) : Optional.empty();
    }
}
