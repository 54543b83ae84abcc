package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.model.TableId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bytes of data files for every value kind (NULL, integer, decimal, double, float, temporal with fraction
 * and zero date, UTF-8 and non-ASCII text, latin1 text, JSON, binary, BIT, geometry), in both formats, pinned as they
 * were written before the escaping loops were rewritten for speed: the loader and users' tools read these files, so
 * a faster encoder must produce the same text. A second test compares every single byte value and random mixes
 * against an independent per-byte rule.
 */
class DataFileBytesTest {
    private static final List<ColumnMeta> COLUMNS = List.of(
            new ColumnMeta("id", "bigint", null, false, false),
            new ColumnMeta("d", "decimal", null, false, true),
            new ColumnMeta("f", "float", null, false, true),
            new ColumnMeta("db", "double", null, false, true),
            new ColumnMeta("t", "datetime", null, false, true),
            new ColumnMeta("u", "varchar", "utf8mb4", false, true),
            new ColumnMeta("l", "varchar", "latin1", false, true),
            new ColumnMeta("j", "json", null, false, true),
            new ColumnMeta("b", "varbinary", null, false, true),
            new ColumnMeta("bit", "bit", null, false, true),
            new ColumnMeta("g", "point", null, false, true));
    private static final TableMeta TABLE = new TableMeta(new TableId("d", "t"), false, COLUMNS, "id", true, 3, 300);

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] rows(int i) {
        return switch (i) {
            case 0 -> new byte[][] {b("1"), b("-12.50"), b("1.5"), b("2.5e-300"), b("2026-12-03 21:00:00.123456"),
                b("it's \"ok\"\t\u00e9\u4e2d\ud83d\ude00"), b("plain"), b("{\"a\": \"\u00e9\"}"), new byte[] {0, 1, 2, (byte) 0xff},
                new byte[] {5}, new byte[] {0, 0, 0, 0, 1, 1, 0, 0}};
            case 1 -> new byte[][] {b("2"), null, null, null, b("0000-00-00 00:00:00"), b("back\\slash\nnew\rline\u001aZ\0nul"),
                new byte[] {'c', 'a', 'f', (byte) 0xe9}, b("[1,\"\\\\\"]"), new byte[0], new byte[] {0}, null};
            default -> new byte[][] {b("3"), b("0"), b("-3.4028234663852886e38"), b("1e0"), b("00:00:00"),
                new byte[] {'x', (byte) 0xc3}, new byte[0], b("null"), b("text"), new byte[] {1, 2}, new byte[0]};
        };
    }

    private String write(DataFormat format, long statementBytes) throws IOException {
        AtomicInteger n = new AtomicInteger();
        List<DumpIndex.FileEntry> files = new ArrayList<>();
        try (DataFileWriter w = new DataFileWriter(dir, TABLE, format, n::getAndIncrement, 0, statementBytes, files::add,
                new DumpProgress())) {
            for (int i = 0; i < 3; i++) {
                w.writeRow(rows(i));
            }
            w.finish();
        }
        assertEquals(1, files.size());
        byte[] bytes = Files.readAllBytes(dir.resolve(files.get(0).name()));
        Files.delete(dir.resolve(files.get(0).name()));
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void sqlFileBytesAreUnchanged() throws IOException {
        assertEquals(SQL_ONE_STATEMENT, write(DataFormat.SQL, 1_000_000));
        assertEquals(SQL_STATEMENT_PER_ROW, write(DataFormat.SQL, 1));
    }

    @Test
    void csvFileBytesAreUnchanged() throws IOException {
        assertEquals(CSV, write(DataFormat.CSV, 1_000_000));
    }

    @Test
    void everyByteAndRandomMixesEncodeAsThePerByteRuleSays() {
        // each byte value at each place of a 17-byte value, so that it falls in every lane of the 8-byte scans
        int single = 256 * 17;
        byte[][] values = new byte[single + 20_000][];
        for (int i = 0; i < single; i++) {
            byte[] v = "abcdefgh-1234567".getBytes(StandardCharsets.US_ASCII);
            v = java.util.Arrays.copyOf(v, 17);
            v[16] = 'z';
            v[i % 17] = (byte) (i / 17);
            values[i] = v;
        }
        Random r = new Random(15L);
        byte[] alphabet = {'a', '\'', '"', '\\', 0, 0x1a, '\n', '\r', '\t', (byte) 0xc3, (byte) 0xa9, (byte) 0xe4,
            (byte) 0xb8, (byte) 0xad, (byte) 0x80, (byte) 0xff, '0', 'e', '-'};
        for (int n = single; n < values.length; n++) {
            byte[] v = new byte[r.nextInt(40)];
            for (int i = 0; i < v.length; i++) {
                v[i] = alphabet[r.nextInt(alphabet.length)];
            }
            values[n] = v;
        }
        for (byte[] v : values) {
            for (ValueKind k : ValueKind.values()) {
                assertEquals(csvByTheRule(k, v), CsvFields.field(k, v), k + " " + HexFormat.of().formatHex(v));
            }
            assertEquals(SqlLiterals.literal(ValueKind.TEXT_OTHER, v), SqlLiterals.literal(ValueKind.BINARY, v));
            assertEquals(quotedByTheRule(v), SqlLiterals.literal(ValueKind.TEMPORAL, v));
        }
    }

    /** CSV field, byte by byte: the six bytes LOAD DATA interprets escaped, BIT as hex, all in double quotes. */
    private static String csvByTheRule(ValueKind k, byte[] v) {
        StringBuilder sb = new StringBuilder("\"");
        if (k == ValueKind.BIT) {
            sb.append(HexFormat.of().formatHex(v));
        } else {
            for (byte x : v) {
                switch (x) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case 0 -> sb.append("\\0");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case 0x1a -> sb.append("\\Z");
                    default -> sb.append((char) (x & 0xff));
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String quotedByTheRule(byte[] v) {
        return "'" + new String(v, StandardCharsets.UTF_8).replace("'", "''") + "'";
    }

    /** Written by the code before the rewrite (hex of the whole file: one INSERT for three rows). */
    private static final String SQL_ONE_STATEMENT =
            "2f2a21343031303120534554204e414d455320757466386d62342a2f3b0a2f2a213430313033205345542054494d455f5a4f"
            + "4e453d272b30303a3030272a2f3b0a494e5345525420494e544f206074602028606964602c6064602c6066602c606462602c"
            + "6074602c6075602c606c602c606a602c6062602c60626974602c606760292056414c5545530a28312c2d31322e35302c312e"
            + "3565302c322e35652d3330302c27323032362d31322d30332032313a30303a30302e313233343536272c2769742727732022"
            + "6f6b2209c3a9e4b8adf09f9880272c27706c61696e272c277b2261223a2022c3a9227d272c307830303031303266662c3078"
            + "30352c307830303030303030303031303130303030292c0a28322c4e554c4c2c4e554c4c2c4e554c4c2c27303030302d3030"
            + "2d30302030303a30303a3030272c307836323631363336623563373336633631373336383061366536353737306436633639"
            + "366536353161356130303665373536632c307836333631363665392c5f757466386d62342030783562333132633232356335"
            + "63323235642c27272c307830302c4e554c4c292c0a28332c302c2d332e343032383233343636333835323838366533382c31"
            + "65302c2730303a30303a3030272c3078373863332c27272c276e756c6c272c2774657874272c3078303130322c2727293b0a";
    /** The same rows with statement-size 1: one INSERT per row. */
    private static final String SQL_STATEMENT_PER_ROW =
            "2f2a21343031303120534554204e414d455320757466386d62342a2f3b0a2f2a213430313033205345542054494d455f5a4f"
            + "4e453d272b30303a3030272a2f3b0a494e5345525420494e544f206074602028606964602c6064602c6066602c606462602c"
            + "6074602c6075602c606c602c606a602c6062602c60626974602c606760292056414c5545530a28312c2d31322e35302c312e"
            + "3565302c322e35652d3330302c27323032362d31322d30332032313a30303a30302e313233343536272c2769742727732022"
            + "6f6b2209c3a9e4b8adf09f9880272c27706c61696e272c277b2261223a2022c3a9227d272c307830303031303266662c3078"
            + "30352c307830303030303030303031303130303030293b0a494e5345525420494e544f206074602028606964602c6064602c"
            + "6066602c606462602c6074602c6075602c606c602c606a602c6062602c60626974602c606760292056414c5545530a28322c"
            + "4e554c4c2c4e554c4c2c4e554c4c2c27303030302d30302d30302030303a30303a3030272c30783632363136333662356337"
            + "3336633631373336383061366536353737306436633639366536353161356130303665373536632c30783633363136366539"
            + "2c5f757466386d6234203078356233313263323235633563323235642c27272c307830302c4e554c4c293b0a494e53455254"
            + "20494e544f206074602028606964602c6064602c6066602c606462602c6074602c6075602c606c602c606a602c6062602c60"
            + "626974602c606760292056414c5545530a28332c302c2d332e343032383233343636333835323838366533382c3165302c27"
            + "30303a30303a3030272c3078373863332c27272c276e756c6c272c2774657874272c3078303130322c2727293b0a";
    /** The same rows as CSV. */
    private static final String CSV =
            "2231222c222d31322e3530222c22312e35222c22322e35652d333030222c22323032362d31322d30332032313a30303a3030"
            + "2e313233343536222c2269742773205c226f6b5c2209c3a9e4b8adf09f9880222c22706c61696e222c227b5c22615c223a20"
            + "5c22c3a95c227d222c225c300102ff222c223035222c225c305c305c305c3001015c305c30220a2232222c5c4e2c5c4e2c5c"
            + "4e2c22303030302d30302d30302030303a30303a3030222c226261636b5c5c736c6173685c6e6e65775c726c696e655c5a5a"
            + "5c306e756c222c22636166e9222c225b312c5c225c5c5c5c5c225d222c22222c223030222c5c4e0a2233222c2230222c222d"
            + "332e34303238323334363633383532383836653338222c22316530222c2230303a30303a3030222c2278c3222c22222c226e"
            + "756c6c222c2274657874222c2230313032222c22220a";
}
