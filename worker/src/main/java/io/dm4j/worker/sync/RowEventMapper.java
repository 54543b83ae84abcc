package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Location;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.RowDecoder;
import io.dm4j.worker.sync.decode.RowLayout;
import io.dm4j.worker.sync.expr.ExpressionFilter;
import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where a binlog rows event becomes {@link RowChange}s: the table map names the table, the selection decides whether
 * it is replicated, the tracked structure and the decoder turn raw cells into typed values, and the route names the
 * downstream table (plus the extract-* columns of merge mode).
 */
final class RowEventMapper {
    private final TableSelection selection;
    private final RowDecoder decoder;
    private final BiFunction<TableId, TableMapEventData, TableSchema> schemas;
    private final ExpressionFilter expressionFilter;
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final Map<Long, RowLayout> layouts = new HashMap<>();

    /**
     * @param schemas          the tracked structure of a table, found on first use for the rows of its TABLE_MAP
     * @param expressionFilter the task's expression-filter rules: rows they drop are not returned
     */
    RowEventMapper(TableSelection selection, RowDecoder decoder, BiFunction<TableId, TableMapEventData, TableSchema> schemas,
                   ExpressionFilter expressionFilter) {
        this.selection = selection;
        this.decoder = decoder;
        this.schemas = schemas;
        this.expressionFilter = expressionFilter;
    }

    void onTableMap(TableMapEventData tableMap) {
        TableMapEventData previous = tableMaps.put(tableMap.getTableId(), tableMap);
        if (previous != null && !sameTable(previous, tableMap)) {
            layouts.remove(tableMap.getTableId());
        }
    }

    /** A DDL changed a table's structure: decoding layouts built from the old one are stale. */
    void forgetLayouts() {
        layouts.clear();
    }

    /** Table ids are reused per binlog file; a rotation starts over. */
    void onRotate() {
        tableMaps.clear();
        layouts.clear();
    }

    static boolean isRows(EventType type) {
        return EventType.isWrite(type) || EventType.isUpdate(type) || EventType.isDelete(type);
    }

    /**
     * The row changes of one rows event; empty when its table is not replicated or a filter ignores the event.
     * Rows an expression filter drops are left out.
     */
    List<RowChange> map(Event event, Location at) {
        EventType type = event.getHeader().getEventType();
        long tableId = tableIdOf(event, type);
        TableMapEventData tableMap = tableMaps.get(tableId);
        if (tableMap == null) {
            throw new IllegalStateException("rows event for unknown table id " + tableId + " at " + at);
        }
        TableId source = new TableId(tableMap.getDatabase(), tableMap.getTable());
        if (!selection.keep(source)) {
            return List.of();
        }
        ChangeType kind = EventType.isWrite(type) ? ChangeType.INSERT
                : EventType.isUpdate(type) ? ChangeType.UPDATE : ChangeType.DELETE;
        if (selection.decideRows(source, kind, at) == FilterAction.IGNORE) {
            return List.of();
        }
        RowLayout layout = layouts.get(tableId);
        if (layout == null) {
            layout = decoder.layout(tableMap, schemas.apply(source, tableMap));
            layouts.put(tableId, layout);
        }
        TableSchema schema = layout.schema();
        TableId target = selection.route(source);
        ExtractedColumns extra = selection.extract(source);
        Object[] extraValues = extra.values().toArray();
        List<RowChange> out = new ArrayList<>();
        switch (kind) {
            case INSERT -> {
                WriteRowsEventData d = event.getData();
                for (Serializable[] row : d.getRows()) {
                    keep(out, new RowChange(ChangeType.INSERT, source, target, schema, null,
                            layout.decode(d.getIncludedColumns(), row), extra.columns(), extraValues));
                }
            }
            case UPDATE -> {
                UpdateRowsEventData d = event.getData();
                BitSet before = d.getIncludedColumnsBeforeUpdate();
                BitSet after = d.getIncludedColumns();
                for (Map.Entry<Serializable[], Serializable[]> row : d.getRows()) {
                    keep(out, new RowChange(ChangeType.UPDATE, source, target, schema,
                            layout.decode(before, row.getKey()), layout.decode(after, row.getValue()),
                            extra.columns(), extraValues));
                }
            }
            case DELETE -> {
                DeleteRowsEventData d = event.getData();
                for (Serializable[] row : d.getRows()) {
                    keep(out, new RowChange(ChangeType.DELETE, source, target, schema,
                            layout.decode(d.getIncludedColumns(), row), null, extra.columns(), extraValues));
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return out;
    }

    /** Adds the change unless an expression-filter rule drops it. */
    private void keep(List<RowChange> out, RowChange change) {
        if (!expressionFilter.skip(change)) {
            out.add(change);
        }
    }

    private static long tableIdOf(Event event, EventType type) {
        if (EventType.isWrite(type)) {
            return ((WriteRowsEventData) event.getData()).getTableId();
        }
        if (EventType.isUpdate(type)) {
            return ((UpdateRowsEventData) event.getData()).getTableId();
        }
        return ((DeleteRowsEventData) event.getData()).getTableId();
    }

    private static boolean sameTable(TableMapEventData a, TableMapEventData b) {
        return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
                && java.util.Arrays.equals(a.getColumnTypes(), b.getColumnTypes());
    }
}
