package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;

/**
 * A v4 event header that keeps what the library's header drops: the type code as written (the library maps every
 * code it does not know to {@code UNKNOWN}) and whether the event was a MariaDB compressed event that was inflated
 * into its ordinary form ({@link MariadbCompressedEvents}).
 */
public final class BinlogEventHeader extends EventHeaderV4 {
    private int typeCode;
    private boolean compressed;

    /** The event type code as written in the binlog (0..255). */
    public int typeCode() {
        return typeCode;
    }

    void setTypeCode(int typeCode) {
        this.typeCode = typeCode;
    }

    /** True when the event arrived as a MariaDB *_COMPRESSED_EVENT and {@link #getEventType()} is its inflated form. */
    public boolean compressed() {
        return compressed;
    }

    void setCompressed(boolean compressed) {
        this.compressed = compressed;
    }

    @Override
    public String toString() {
        return super.toString() + (compressed ? " (compressed, type code " + typeCode + ")" : "");
    }
}
