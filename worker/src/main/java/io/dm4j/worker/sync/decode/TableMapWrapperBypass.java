package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops mysql-binlog-connector-java (0.30.1) from parsing every TABLE_MAP twice. When the TABLE_MAP deserializer is
 * not the library's own class, the {@link EventDeserializer} wraps it and also runs its own deserializer on each
 * table map, only to fill a private table-map cache; with the wrapper gone the library puts our parsed table map into
 * that cache instead (its {@code deserializeTableMapEventData} does so either way), and dm4j's rows deserializers read
 * {@link RecordingTableMapDeserializer}'s map anyway. Where the library's field is not found (another library
 * version) nothing changes: both parses run, as before, and the result is the same.
 */
final class TableMapWrapperBypass {
    private static final Logger LOG = LoggerFactory.getLogger(TableMapWrapperBypass.class);
    private static final String FIELD = "tableMapEventDataDeserializer";

    private TableMapWrapperBypass() {
    }

    /** Call after the last setEventDataDeserializer: each call puts the wrapper back. */
    static boolean apply(EventDeserializer deserializer) {
        try {
            Field f = EventDeserializer.class.getDeclaredField(FIELD);
            f.setAccessible(true);
            f.set(deserializer, null);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("binlog library without field {}: table maps are parsed twice ({})", FIELD, e.toString());
            return false;
        }
    }
}
