package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeader;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Keeps each event's original bytes as they came off the replication connection (header, body, checksum) in its
 * header ({@link RawHeader}), next to the little the relay decodes ({@link BoundaryDecoder}). The bytes are never
 * re-serialised: the relay writes exactly these.
 */
final class RawEventDeserializer extends EventDeserializer {
    /** An event header that also carries the whole event's bytes. */
    static final class RawHeader extends EventHeaderV4 {
        private final byte[] raw;

        RawHeader(EventHeader from, byte[] raw) {
            this.raw = raw;
            setTimestamp(from.getTimestamp());
            setEventType(from.getEventType());
            setServerId(RawEvents.u32(raw, 5));
            setEventLength(raw.length);
            setNextPosition(RawEvents.logPos(raw));
            setFlags(RawEvents.flags(raw));
        }

        byte[] raw() {
            return raw;
        }
    }

    private final BoundaryDecoder decoder = new BoundaryDecoder();

    @Override
    public void setChecksumType(ChecksumType checksumType) {
        super.setChecksumType(checksumType);
        if (decoder != null) {
            decoder.setChecksumType(checksumType);
        }
    }

    @Override
    public Event nextEvent(ByteArrayInputStream in) throws IOException {
        if (in.peek() == -1) {
            return null;
        }
        byte[] header = in.read(RawEvents.HEADER);
        long length = RawEvents.length(header);
        if (length < RawEvents.HEADER || length > Integer.MAX_VALUE) {
            throw new IOException("binlog event of impossible length " + length);
        }
        byte[] raw = new byte[(int) length];
        System.arraycopy(header, 0, raw, 0, RawEvents.HEADER);
        if (length > RawEvents.HEADER) {
            in.fill(raw, RawEvents.HEADER, (int) length - RawEvents.HEADER);
        }
        Event decoded = decoder.decode(raw);
        return new Event(new RawHeader(decoded.getHeader(), raw), decoded.getData());
    }

    /** The bytes of an event read through this deserializer. */
    static byte[] rawOf(Event e) {
        return ((RawHeader) e.getHeader()).raw();
    }
}
