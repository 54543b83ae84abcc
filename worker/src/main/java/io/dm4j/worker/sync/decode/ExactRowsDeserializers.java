package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The library's rows deserializers with {@link ExactCells} reading the cells the library gets wrong, and inflating
 * MariaDB compressed rows events first ({@link MariadbCompressedEvents}). One subclass per event kind, because the
 * library's row reading lives in the shared abstract base class.
 */
final class ExactRowsDeserializers {
    private ExactRowsDeserializers() {
    }

    static Serializable cell(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        if (type == null) {
            throw new IOException("unsupported binlog column type (not known to mysql-binlog-connector-java; "
                    + "MariaDB compressed columns are one such type)");
        }
        return ExactCells.read(type, meta, in);
    }

    /** The event body to read: {@code in} itself, or a stream over the inflated body of a compressed event. */
    static ByteArrayInputStream body(ByteArrayInputStream in, BooleanSupplier compressed, boolean v2, boolean update)
            throws IOException {
        if (!compressed.getAsBoolean()) {
            return in;
        }
        return new ByteArrayInputStream(MariadbCompressedEvents.inflateRows(in.read(in.available()), v2, update));
    }

    static final class Write extends WriteRowsEventDataDeserializer {
        private final BooleanSupplier compressed;
        private final boolean v2;

        Write(Map<Long, TableMapEventData> tableMaps, BooleanSupplier compressed, boolean v2) {
            super(tableMaps);
            this.compressed = compressed;
            this.v2 = v2;
            setMayContainExtraInformation(v2);
        }

        @Override
        public WriteRowsEventData deserialize(ByteArrayInputStream in) throws IOException {
            return super.deserialize(body(in, compressed, v2, false));
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    static final class Update extends UpdateRowsEventDataDeserializer {
        private final BooleanSupplier compressed;
        private final boolean v2;

        Update(Map<Long, TableMapEventData> tableMaps, BooleanSupplier compressed, boolean v2) {
            super(tableMaps);
            this.compressed = compressed;
            this.v2 = v2;
            setMayContainExtraInformation(v2);
        }

        @Override
        public UpdateRowsEventData deserialize(ByteArrayInputStream in) throws IOException {
            return super.deserialize(body(in, compressed, v2, true));
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    static final class Delete extends DeleteRowsEventDataDeserializer {
        private final BooleanSupplier compressed;
        private final boolean v2;

        Delete(Map<Long, TableMapEventData> tableMaps, BooleanSupplier compressed, boolean v2) {
            super(tableMaps);
            this.compressed = compressed;
            this.v2 = v2;
            setMayContainExtraInformation(v2);
        }

        @Override
        public DeleteRowsEventData deserialize(ByteArrayInputStream in) throws IOException {
            return super.deserialize(body(in, compressed, v2, false));
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }
}
