package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The library's TABLE_MAP deserializer that also records each table map in a map we own, because the
 * EventDeserializer keeps its own map private and our rows deserializers need one to read rows.
 */
final class RecordingTableMapDeserializer implements EventDataDeserializer<TableMapEventData> {
    private final TableMapEventDataDeserializer delegate = new TableMapEventDataDeserializer();
    private final Map<Long, TableMapEventData> tableMaps;

    RecordingTableMapDeserializer(Map<Long, TableMapEventData> tableMaps) {
        this.tableMaps = tableMaps;
    }

    @Override
    public TableMapEventData deserialize(ByteArrayInputStream in) throws IOException {
        TableMapEventData data = delegate.deserialize(in);
        tableMaps.put(data.getTableId(), data);
        return data;
    }
}
