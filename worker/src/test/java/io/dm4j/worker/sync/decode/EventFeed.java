package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.worker.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs event bytes through a configured EventDeserializer and decodes every row image with RowDecoder. */
final class EventFeed {
    private EventFeed() {
    }

    static List<Event> events(EventDeserializer deserializer, byte[]... events) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] e : events) {
            all.writeBytes(e);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(all.toByteArray());
        List<Event> out = new ArrayList<>();
        for (Event e = deserializer.nextEvent(in); e != null; e = deserializer.nextEvent(in)) {
            out.add(e);
        }
        return out;
    }

    /** Every row image of the rows events, decoded against the last TABLE_MAP seen (update: before, after). */
    static List<Object[]> decodeAll(List<Event> events, TableSchema schema, ZoneId zone) {
        RowDecoder decoder = new RowDecoder(zone);
        RowLayout layout = null;
        List<Object[]> out = new ArrayList<>();
        for (Event e : events) {
            Object d = e.getData();
            if (d instanceof TableMapEventData tm) {
                layout = decoder.layout(tm, schema);
            } else if (d instanceof WriteRowsEventData w) {
                for (Serializable[] row : w.getRows()) {
                    out.add(layout.decode(w.getIncludedColumns(), row));
                }
            } else if (d instanceof UpdateRowsEventData u) {
                for (Map.Entry<Serializable[], Serializable[]> row : u.getRows()) {
                    out.add(layout.decode(u.getIncludedColumnsBeforeUpdate(), row.getKey()));
                    out.add(layout.decode(u.getIncludedColumns(), row.getValue()));
                }
            } else if (d instanceof DeleteRowsEventData del) {
                for (Serializable[] row : del.getRows()) {
                    out.add(layout.decode(del.getIncludedColumns(), row));
                }
            }
        }
        return out;
    }

    /** One TABLE_MAP plus one MySQL 5.6+ (v2) WRITE_ROWS event with the given images, decoded. */
    static List<Object[]> writeV2(TableSchema schema, ZoneId zone, List<BinlogBytes.Col> cols, byte[] optionalMeta,
                                  byte[]... images) throws IOException {
        byte[] tableMap = BinlogBytes.tableMap(42, schema.id().schema(), schema.id().table(), cols, optionalMeta);
        byte[] rows = BinlogBytes.rows(BinlogBytes.WRITE_ROWS_V2, 42, cols.size(), BinlogBytes.all(cols.size()),
                List.of(images));
        return decodeAll(events(BinlogDeserializers.create(), tableMap, rows), schema, zone);
    }
}
