package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The library's rows deserializers with {@link ExactCells} reading the cells the library gets wrong. One
 * subclass per event kind, because the library's row reading lives in the shared abstract base class.
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

    static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }

    static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            return ExactCells.handles(type) || type == null ? cell(type, meta, in)
                    : super.deserializeCell(type, meta, length, in);
        }
    }
}
