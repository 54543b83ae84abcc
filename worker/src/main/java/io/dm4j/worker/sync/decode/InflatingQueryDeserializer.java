package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** The library's QUERY deserializer, which first inflates a MariaDB QUERY_COMPRESSED event's body. */
final class InflatingQueryDeserializer extends QueryEventDataDeserializer {
    private final BooleanSupplier compressed;

    /** @param compressed whether the event being read is compressed (asked once per event) */
    InflatingQueryDeserializer(BooleanSupplier compressed) {
        this.compressed = compressed;
    }

    @Override
    public QueryEventData deserialize(ByteArrayInputStream in) throws IOException {
        if (!compressed.getAsBoolean()) {
            return super.deserialize(in);
        }
        byte[] body = MariadbCompressedEvents.inflateQuery(in.read(in.available()));
        return super.deserialize(new ByteArrayInputStream(body));
    }
}
