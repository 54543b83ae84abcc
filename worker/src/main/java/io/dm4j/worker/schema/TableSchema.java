package io.dm4j.worker.schema;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The structure of one upstream table at a binlog position: columns in binlog order, the primary key,
 * the unique keys, and the CREATE TABLE text it was built from (persisted as {@code table_info}).
 * {@code partialKeys} are the UNIQUE keys with a prefix or expression part: they do not identify rows (so they are
 * not in {@code uniqueKeys}) but rows can conflict on them.
 */
public record TableSchema(TableId id, List<ColumnDef> columns, List<KeyDef> uniqueKeys, String createTable,
                          List<PartialKey> partialKeys) {

    public TableSchema {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
        partialKeys = partialKeys == null ? List.of() : List.copyOf(partialKeys);
    }

    /** A structure without prefix or expression unique keys. */
    public TableSchema(TableId id, List<ColumnDef> columns, List<KeyDef> uniqueKeys, String createTable) {
        this(id, columns, uniqueKeys, createTable, List.of());
    }

    /** Position of a column by name (case-insensitive, as MySQL column names are), or -1. */
    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnDef column(String columnName) {
        int i = indexOf(columnName);
        return i < 0 ? null : columns.get(i);
    }

    /** The PRIMARY KEY, or null. */
    public KeyDef primaryKey() {
        for (KeyDef k : uniqueKeys) {
            if (k.primary()) {
                return k;
            }
        }
        return null;
    }

    /**
     * The columns that identify a row: the primary key, else the first unique key whose columns are all
     * NOT NULL, else every stored column. One function feeds causality, safe mode and WHERE clauses.
     */
    public int[] identityColumns() {
        KeyDef key = primaryKey();
        if (key == null) {
            for (KeyDef k : uniqueKeys) {
                if (k.columns().stream().allMatch(c -> column(c) != null && !column(c).nullable())) {
                    key = k;
                    break;
                }
            }
        }
        if (key != null) {
            int[] idx = new int[key.columns().size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = indexOf(key.columns().get(i));
            }
            return idx;
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).generated() != ColumnDef.Generated.VIRTUAL) {
                all.add(i);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether rows are identified by a real key (false means by all columns: slow and risky). */
    public boolean hasIdentityKey() {
        if (primaryKey() != null) {
            return true;
        }
        return uniqueKeys.stream().anyMatch(k -> k.columns().stream()
                .allMatch(c -> column(c) != null && !column(c).nullable()));
    }

    /** Column positions of every PRIMARY/UNIQUE key, for causality (a row conflicts on any of its keys). */
    public List<int[]> allKeyColumns() {
        List<int[]> out = new ArrayList<>();
        for (KeyDef k : uniqueKeys) {
            int[] idx = new int[k.columns().size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = indexOf(k.columns().get(i));
            }
            out.add(idx);
        }
        return out;
    }
}
