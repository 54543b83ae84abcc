package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The MariaDB 10.11 XA events of {@code binlog/mariadb-10.11-xa.hex} (see its header for the SQL). */
public final class XaFixture {
    private XaFixture() {
    }

    /** The fixture's events read by {@code deserializer} (which must expect CRC32 checksums). */
    public static List<Event> events(EventDeserializer deserializer) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = XaFixture.class.getResourceAsStream("/binlog/mariadb-10.11-xa.hex")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    all.writeBytes(HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).trim()));
                }
            }
        }
        ByteArrayInputStream in = new ByteArrayInputStream(all.toByteArray());
        List<Event> out = new ArrayList<>();
        for (Event e = deserializer.nextEvent(in); e != null; e = deserializer.nextEvent(in)) {
            out.add(e);
        }
        return out;
    }
}
