package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.model.RowChange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TableTexts} per upstream table, shared by the apply threads of one {@link DmlBuilder}. An entry is used only
 * for the very {@link io.dm4j.worker.schema.TableSchema} instance it was built from: the schema tracker replaces a
 * table's instance on every DDL or reload (and the dispatcher hands each row change the tracker's current one), so
 * the texts are rebuilt exactly when the tracked table information changes. Holds at most {@code capacity} tables;
 * past that it starts over.
 */
final class TableTextCache {
    static final int DEFAULT_CAPACITY = 4096;

    private final JsonMatch jsonMatch;
    private final int capacity;
    private final Map<TableId, TableTexts> bySource = new ConcurrentHashMap<>();

    TableTextCache(JsonMatch jsonMatch) {
        this(jsonMatch, DEFAULT_CAPACITY);
    }

    TableTextCache(JsonMatch jsonMatch, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.jsonMatch = jsonMatch;
        this.capacity = capacity;
    }

    TableTexts of(RowChange c) {
        TableTexts t = bySource.get(c.source());
        if (t != null && t.fits(c.schema(), c.target(), c.extraColumns())) {
            return t;
        }
        t = new TableTexts(c.schema(), c.target(), c.extraColumns(), jsonMatch);
        if (bySource.size() >= capacity) {
            bySource.clear();
        }
        bySource.put(c.source(), t);
        return t;
    }

    /** Tables remembered now. */
    int size() {
        return bySource.size();
    }
}
