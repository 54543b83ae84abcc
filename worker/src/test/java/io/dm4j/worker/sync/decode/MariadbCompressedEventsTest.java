package io.dm4j.worker.sync.decode;

import static io.dm4j.worker.sync.decode.BinlogBytes.rowImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.BinlogBytes.Col;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** MariaDB compressed events (log_bin_compress=ON) read as their ordinary forms. */
// setChecksumType: the fixture has no FORMAT_DESCRIPTION event to learn CRC32 from
@SuppressWarnings("deprecation")
class MariadbCompressedEventsTest {

    private static byte[][] capturedEvents() throws IOException {
        try (InputStream in = MariadbCompressedEventsTest.class.getResourceAsStream("/binlog/mariadb-10.11-compressed.hex")) {
            List<byte[]> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    events.add(HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).trim()));
                }
            }
            return events.toArray(new byte[0][]);
        }
    }

    private static TableSchema table() {
        return Columns.table("xt", "t", Columns.num("id", "int", false),
                Columns.text("v", "varchar", 100, "utf8mb4", "utf8mb4_general_ci"));
    }

    @Test
    void capturedCompressedQueryAndRowsEventsDecodeAsOrdinaryEvents() throws Exception {
        EventDeserializer d = BinlogDeserializers.create();
        d.setChecksumType(ChecksumType.CRC32);
        List<Event> events = EventFeed.events(d, capturedEvents());

        assertEquals(EventType.QUERY, events.get(0).getHeader().getEventType());
        BinlogEventHeader queryHeader = (BinlogEventHeader) events.get(0).getHeader();
        assertTrue(queryHeader.compressed());
        assertEquals(MariadbCompressedEvents.QUERY_COMPRESSED, queryHeader.typeCode());
        QueryEventData q = events.get(0).getData();
        assertEquals("CREATE TABLE IF NOT EXISTS xt.t(id INT PRIMARY KEY, v VARCHAR(100))", q.getSql());
        assertEquals("", q.getDatabase());

        assertEquals(EventType.WRITE_ROWS, events.get(2).getHeader().getEventType());
        assertEquals(EventType.UPDATE_ROWS, events.get(4).getHeader().getEventType());
        assertEquals(EventType.DELETE_ROWS, events.get(6).getHeader().getEventType());
        assertFalse(((BinlogEventHeader) events.get(1).getHeader()).compressed());
        // positions stay those of the compressed events as written
        assertEquals(0x395, ((BinlogEventHeader) events.get(2).getHeader()).getNextPosition());

        List<Object[]> rows = EventFeed.decodeAll(events, table(), ZoneOffset.UTC);
        String a = "a".repeat(50);
        String b = "b".repeat(50);
        assertEquals(4, rows.size());
        assertArrayEquals(new Object[] {1L, a}, rows.get(0));
        assertArrayEquals(new Object[] {1L, a}, rows.get(1));
        assertArrayEquals(new Object[] {1L, b}, rows.get(2));
        assertArrayEquals(new Object[] {1L, b}, rows.get(3));
    }

    /** MariaDB writes v1 rows events, but its format defines compressed v2 ones too (169-171): built by hand. */
    @Test
    void compressedV2RowsEventWithExtraDataAndAWideColumnCount() throws Exception {
        int n = 300; // a column count that needs the 3-byte packed form
        List<Col> cols = new ArrayList<>();
        byte[][] cells = new byte[n][];
        for (int i = 0; i < n; i++) {
            cols.add(Col.longInt());
            cells[i] = BinlogBytes.le(i * 7L, 4);
        }
        byte[] tableMap = BinlogBytes.tableMap(5, "db", "w", cols, null);
        byte[] image = rowImage(cells);
        byte[] bitmap = bitmap(n);
        BinlogBytes.Out head = new BinlogBytes.Out();
        head.le(5, 6).le(1, 2).le(5, 2).u8(0xAA).u8(0xBB).u8(0xCC) // extra data: length 5 counts itself
                .u8(252).le(n, 2).bytes(bitmap);
        byte[] rowsBody = concat(head.toByteArray(), compressedRecord(image));
        byte[] event = BinlogBytes.event(MariadbCompressedEvents.WRITE_ROWS_COMPRESSED, rowsBody);

        List<Event> events = EventFeed.events(BinlogDeserializers.create(), tableMap, event);
        assertEquals(EventType.EXT_WRITE_ROWS, events.get(1).getHeader().getEventType());
        com.github.shyiko.mysql.binlog.event.WriteRowsEventData data = events.get(1).getData();
        assertEquals(1, data.getRows().size());
        assertEquals(299 * 7, data.getRows().get(0)[299]);
    }

    @Test
    void brokenCompressedRecordsAreErrorsNotSkips() {
        byte[] notCompressed = {0, 1, 2};
        IOException e = assertThrows(IOException.class, () -> MariadbCompressedEvents.inflateFrom(notCompressed, 0));
        assertTrue(e.getMessage().contains("lacks the compressed flag"), e.getMessage());
        byte[] zstdAlgorithm = {(byte) 0x91, 3, 1, 2, 3};
        e = assertThrows(IOException.class, () -> MariadbCompressedEvents.inflateFrom(zstdAlgorithm, 0));
        assertTrue(e.getMessage().contains("algorithm 1"), e.getMessage());
        byte[] truncated = compressedRecord("hello world".getBytes(StandardCharsets.US_ASCII));
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 4); // the zlib checksum is missing
        assertThrows(IOException.class, () -> MariadbCompressedEvents.inflateFrom(cut, 0));
        byte[] corrupt = truncated.clone();
        corrupt[corrupt.length - 1] ^= 0x55;
        assertThrows(IOException.class, () -> MariadbCompressedEvents.inflateFrom(corrupt, 0));
    }

    @Test
    void lengthOfLengthUpToFourBytes() throws Exception {
        byte[] big = new byte[70_000]; // needs a 3-byte length
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        byte[] record = compressedRecord(big);
        assertEquals(0x83, record[0] & 0xFF);
        assertArrayEquals(concat(new byte[] {9}, big), MariadbCompressedEvents.inflateFrom(concat(new byte[] {9}, record), 1));
    }

    /** MariaDB's compressed record: header byte (0x80 | length size), length big-endian, zlib stream. */
    static byte[] compressedRecord(byte[] plain) {
        int lengthBytes = plain.length > 0xFFFFFF ? 4 : plain.length > 0xFFFF ? 3 : plain.length > 0xFF ? 2 : 1;
        Deflater deflater = new Deflater();
        deflater.setInput(plain);
        deflater.finish();
        byte[] buf = new byte[plain.length + 64];
        int size = deflater.deflate(buf);
        deflater.end();
        BinlogBytes.Out o = new BinlogBytes.Out();
        o.u8(0x80 | lengthBytes).be(plain.length, lengthBytes).bytes(java.util.Arrays.copyOf(buf, size));
        return o.toByteArray();
    }

    private static byte[] bitmap(int n) {
        byte[] b = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            b[i / 8] |= (byte) (1 << (i % 8));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
