package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The library's TABLE_MAP deserializer that also records each table map in a map we own, because the
 * EventDeserializer keeps its own map private and our rows deserializers need one to read rows.
 *
 * <p>The server writes the same TABLE_MAP before every rows event of a table (once per transaction at least), and
 * with {@code binlog_row_metadata=FULL} parsing it (names, charsets, enum members, keys) is most of the reader
 * thread's work. The parsed result is a function of the event body alone, so a body equal byte for byte to the last
 * one seen for its table id gets the same (never modified) {@link TableMapEventData} back without parsing; any
 * change (a DDL, a table id reused for another table) changes the body and is parsed afresh. Used by the one thread
 * reading the stream.
 */
final class RecordingTableMapDeserializer implements EventDataDeserializer<TableMapEventData> {
    /** Table ids remembered; past that the memory starts over (only the saving is lost). */
    static final int CAPACITY = 4096;

    private record Parsed(byte[] body, TableMapEventData data) {
    }

    private final TableMapEventDataDeserializer delegate = new TableMapEventDataDeserializer();
    private final Map<Long, TableMapEventData> tableMaps;
    private final Map<Long, Parsed> lastBodies = new HashMap<>();

    RecordingTableMapDeserializer(Map<Long, TableMapEventData> tableMaps) {
        this.tableMaps = tableMaps;
    }

    @Override
    public TableMapEventData deserialize(ByteArrayInputStream in) throws IOException {
        byte[] body = in.read(in.available()); // the event body: the stream is limited to it
        long tableId = leadingTableId(body);
        Parsed last = lastBodies.get(tableId);
        TableMapEventData data;
        if (last != null && Arrays.equals(last.body(), body)) {
            data = last.data();
        } else {
            data = delegate.deserialize(new ByteArrayInputStream(body));
            if (lastBodies.size() >= CAPACITY) {
                lastBodies.clear();
            }
            lastBodies.put(tableId, new Parsed(body, data));
        }
        tableMaps.put(data.getTableId(), data);
        return data;
    }

    /** The 6-byte little-endian table id the body starts with (-1 for a body too short to hold one). */
    private static long leadingTableId(byte[] body) {
        if (body.length < 6) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < 6; i++) {
            id |= (body[i] & 0xFFL) << (8 * i);
        }
        return id;
    }
}
