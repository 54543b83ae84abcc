package io.dm4j.worker.sync.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A TABLE_MAP whose body equals the last one of its table id is not parsed again; any other body is. On the real
 * MariaDB 10.11 TABLE_MAP of the all-types fixture (binlog_row_metadata=FULL, CRC32).
 */
// setChecksumType: the fixture has no FORMAT_DESCRIPTION event to learn CRC32 from
@SuppressWarnings("deprecation")
class RecordingTableMapDeserializerTest {
    private static final int HEADER = 19;
    private static final int CRC = 4;

    /** The fixture's TABLE_MAP event (header, body, CRC32). */
    private static byte[] tableMapEvent() throws IOException {
        try (InputStream in = resource("/binlog/mariadb-10.11-all-types.hex")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("TABLE_MAP ")) {
                    return HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).trim());
                }
            }
        }
        throw new IllegalStateException("no TABLE_MAP in the fixture");
    }

    private static InputStream resource(String resource) {
        return RecordingTableMapDeserializerTest.class.getResourceAsStream(resource);
    }

    private static byte[] body(byte[] event) {
        return Arrays.copyOfRange(event, HEADER, event.length - CRC);
    }

    /** What the stock library parses from a body. */
    private static String stock(byte[] body) throws IOException {
        return new TableMapEventDataDeserializer().deserialize(new ByteArrayInputStream(body)).toString();
    }

    /** The same body under another header, as the server writes it again later in the binlog. */
    private static byte[] rewrittenLater(byte[] event, long timestamp, long nextPosition) {
        byte[] copy = event.clone();
        for (int i = 0; i < 4; i++) {
            copy[i] = (byte) (timestamp >>> (8 * i));
            copy[13 + i] = (byte) (nextPosition >>> (8 * i));
        }
        return copy;
    }

    /** The event with one body byte changed (the CRC is left as it is: the deserializer does not check it). */
    private static byte[] withBodyByte(byte[] event, int bodyOffset, byte value) {
        byte[] copy = event.clone();
        copy[HEADER + bodyOffset] = value;
        return copy;
    }

    @Test
    void anEqualBodyIsNotParsedAgainAndAChangedOneIs() throws Exception {
        byte[] first = tableMapEvent();
        byte[] body = body(first);
        // the body: table id (6), flags (2), schema name length + name + NUL, table name length + name + NUL, ...
        int schemaLength = body[8];
        int tableNameAt = 8 + 1 + schemaLength + 1 + 1;
        assertEquals('t', body[tableNameAt]);
        byte[] otherTable = withBodyByte(first, tableNameAt, (byte) 'u');
        byte[] reusedId = withBodyByte(first, 0, (byte) (body[0] + 1)); // the same table under another table id

        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(ChecksumType.CRC32);
        List<Event> events = EventFeed.events(d, first, rewrittenLater(first, 1_700_000_100L, 90_000L), otherTable,
                rewrittenLater(first, 1_700_000_200L, 95_000L), reusedId);
        assertEquals(5, events.size());
        for (Event e : events) {
            assertEquals(EventType.TABLE_MAP, e.getHeader().getEventType());
        }
        TableMapEventData a = events.get(0).getData();
        TableMapEventData again = events.get(1).getData();
        TableMapEventData u = events.get(2).getData();
        TableMapEventData backToT = events.get(3).getData();
        TableMapEventData otherId = events.get(4).getData();

        assertEquals(stock(body), a.toString());
        assertSame(a, again, "an equal body gives the parsed table map back");
        assertEquals("u", u.getTable());
        assertEquals(stock(body(otherTable)), u.toString());
        assertNotSame(a, backToT, "the table id now maps another body: parsed again");
        assertEquals(stock(body), backToT.toString());
        assertEquals(a.getTableId() + 1, otherId.getTableId());
        assertEquals("t", otherId.getTable());
        assertEquals(stock(body(reusedId)), otherId.toString());
        assertTrue(a.getColumnMetadata().length > 20, "the fixture's table map has its column metadata");
    }

    @Test
    void theRowsDeserializersSeeTheTableMapOfTheirTableId() throws Exception {
        byte[] event = tableMapEvent();
        ConcurrentHashMap<Long, TableMapEventData> tableMaps = new ConcurrentHashMap<>();
        RecordingTableMapDeserializer d = new RecordingTableMapDeserializer(tableMaps);
        TableMapEventData first = d.deserialize(new ByteArrayInputStream(body(event)));
        assertSame(first, tableMaps.get(first.getTableId()));
        tableMaps.clear(); // a rotation: the recorded maps start over, the parsed bodies stay valid
        TableMapEventData second = d.deserialize(new ByteArrayInputStream(body(event)));
        assertSame(first, second);
        assertSame(first, tableMaps.get(first.getTableId()));
    }
    @Test
    @SuppressWarnings("unchecked")
    void theLibraryDoesNotParseEachTableMapASecondTime() throws Exception {
        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(ChecksumType.CRC32);
        TableMapEventData ours = EventFeed.events(d, tableMapEvent()).get(0).getData();
        // the library's private cache holds the table map it parsed itself, unless it left the parse to ours
        java.lang.reflect.Field cache = EventDeserializer.class.getDeclaredField("tableMapEventByTableId");
        cache.setAccessible(true);
        assertSame(ours, ((java.util.Map<Long, TableMapEventData>) cache.get(d)).get(ours.getTableId()));
    }
}
