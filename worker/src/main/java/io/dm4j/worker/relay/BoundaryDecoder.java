package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import java.io.IOException;

/**
 * Decodes only what the relay needs from an event's bytes: the events that move the position or end a transaction
 * (rotate, format description, query, XID, GTID, MySQL's previous GTIDs, XA prepare, compressed
 * transaction) get their data; all others
 * (table maps, rows, ...) only their header. The relay copies bytes and never needs row values, and a relay that
 * starts in the middle of a transaction has no table map for the rows it sees first.
 */
final class BoundaryDecoder {
    private static final int QUERY = 2;
    private static final int XID = 16;
    private static final int GTID = 33;
    private static final int PREVIOUS_GTIDS = PreviousGtids.TYPE;
    private static final int XA_PREPARE = 38;
    private static final int TRANSACTION_PAYLOAD = 40;
    private static final int MARIADB_GTID = 162;
    private static final int MARIADB_QUERY_COMPRESSED = 165;

    private final EventDeserializer full = BinlogDeserializers.create();
    private final EventHeaderV4Deserializer headers = new EventHeaderV4Deserializer();

    /** The event with typed data for the boundary events, header only for the others. */
    Event decode(byte[] raw) throws IOException {
        int type = RawEvents.type(raw);
        if (type == RawEvents.FORMAT_DESCRIPTION) {
            full.setChecksumType(RawEvents.checksumAlgorithm(raw) == RawEvents.CHECKSUM_CRC32
                    ? ChecksumType.CRC32 : ChecksumType.NONE);
        }
        if (needsData(type)) {
            return full.nextEvent(new ByteArrayInputStream(raw));
        }
        return new Event(headers.deserialize(new ByteArrayInputStream(raw)), null);
    }

    void setChecksumType(ChecksumType type) {
        full.setChecksumType(type);
    }

    private static boolean needsData(int type) {
        return switch (type) {
            case QUERY, RawEvents.ROTATE, RawEvents.FORMAT_DESCRIPTION, XID, GTID, PREVIOUS_GTIDS, XA_PREPARE, TRANSACTION_PAYLOAD,
                 MARIADB_GTID, MARIADB_QUERY_COMPRESSED -> true;
            default -> false;
        };
    }
}
