package io.dm4j.worker.sync.decode;

import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;

/**
 * TRANSACTION_PAYLOAD (MySQL 8.0.20+ with binlog_transaction_compression=ON). The library's own version reads
 * the inner events with an unconfigured EventDeserializer, so their rows would bypass {@link ExactCells} and
 * the compatibility modes; this one reads them with a deserializer from {@link BinlogDeserializers#create()}.
 *
 * <p>Format: a header of (packed type, packed length, value) fields ended by type 0; type 1 is the payload
 * size, 2 the compression (0 zstd, 255 none), 3 the uncompressed size; then the payload, a run of whole
 * events without checksums.
 */
final class CompressedTransactionDeserializer implements EventDataDeserializer<TransactionPayloadEventData> {
    private static final int END_MARK = 0;
    private static final int PAYLOAD_SIZE = 1;
    private static final int COMPRESSION_TYPE = 2;
    private static final int UNCOMPRESSED_SIZE = 3;
    private static final int COMPRESSION_NONE = 255;

    @Override
    public TransactionPayloadEventData deserialize(ByteArrayInputStream in) throws IOException {
        TransactionPayloadEventData data = new TransactionPayloadEventData();
        while (in.available() > 0) {
            int fieldType = in.readPackedInteger();
            if (fieldType == END_MARK) {
                break;
            }
            int fieldLength = in.readPackedInteger();
            switch (fieldType) {
                case PAYLOAD_SIZE -> data.setPayloadSize(in.readPackedInteger());
                case COMPRESSION_TYPE -> data.setCompressionType(in.readPackedInteger());
                case UNCOMPRESSED_SIZE -> data.setUncompressedSize(in.readPackedInteger());
                default -> in.read(fieldLength); // a field a newer server added: skip it
            }
        }
        if (data.getUncompressedSize() == 0) {
            data.setUncompressedSize(data.getPayloadSize());
        }
        data.setPayload(in.read(data.getPayloadSize()));
        byte[] events = data.getCompressionType() == COMPRESSION_NONE ? data.getPayload()
                : Zstd.decompress(data.getPayload(), data.getUncompressedSize());
        EventDeserializer inner = BinlogDeserializers.create();
        ByteArrayInputStream stream = new ByteArrayInputStream(events);
        ArrayList<Event> out = new ArrayList<>();
        for (Event e = inner.nextEvent(stream); e != null; e = inner.nextEvent(stream)) {
            out.add(e);
        }
        data.setUncompressedEvents(out);
        return data;
    }
}
