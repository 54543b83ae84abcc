package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads the 19-byte v4 event header into a {@link BinlogEventHeader}. MariaDB compressed events get the type of
 * their ordinary form, so every later stage (position tracking, rows mapping, DDL) treats them as usual; the data
 * deserializers read {@link #lastWasCompressed()} to inflate the body first. One instance per EventDeserializer
 * (events of one connection are read one at a time, header then body).
 */
final class BinlogEventHeaderDeserializer implements EventHeaderDeserializer<BinlogEventHeader> {
    private boolean lastWasCompressed;

    @Override
    public BinlogEventHeader deserialize(ByteArrayInputStream in) throws IOException {
        BinlogEventHeader h = new BinlogEventHeader();
        h.setTimestamp(in.readLong(4) * 1000L);
        int code = in.readInteger(1);
        h.setTypeCode(code);
        EventType inflated = MariadbCompressedEvents.ordinaryTypeOf(code);
        EventType type = inflated != null ? inflated : EventType.byEventNumber(code);
        h.setEventType(type == null ? EventType.UNKNOWN : type);
        h.setCompressed(inflated != null);
        h.setServerId(in.readLong(4));
        h.setEventLength(in.readLong(4));
        h.setNextPosition(in.readLong(4));
        h.setFlags(in.readInteger(2));
        lastWasCompressed = inflated != null;
        return h;
    }

    /** Whether the header read last belongs to a MariaDB compressed event. */
    boolean lastWasCompressed() {
        return lastWasCompressed;
    }
}
