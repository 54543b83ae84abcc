package io.dm4j.worker.sync.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MysqlCharsetsTest {

    @Test
    void pureAsciiTextDecodesTheSameThroughTheShortcutInEveryAsciiTransparentCharset() throws Exception {
        byte[] ascii = "id-42 `x` \\ ~\u007f\u0000".getBytes(StandardCharsets.US_ASCII);
        for (String charset : new String[] {"utf8mb4", "UTF8MB3", "utf8", "ascii", "latin1", "gbk"}) {
            assertEquals("id-42 `x` \\ ~\u007f\u0000", MysqlCharsets.decoder(charset).decode(ascii), charset);
        }
    }

    @Test
    void multiByteUtf8StillDecodesAndMalformedUtf8IsStillRefused() throws Exception {
        MysqlCharsets.TextDecoder utf8 = MysqlCharsets.decoder("utf8mb4");
        assertEquals("naïve 数据 😀", utf8.decode("naïve 数据 😀".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CharacterCodingException.class, () -> utf8.decode(new byte[] {'a', (byte) 0xC3, 0x28}));
        assertThrows(CharacterCodingException.class, () -> utf8.decode(new byte[] {(byte) 0xFF}));
    }

    @Test
    void aByteAbove0x7fIsRefusedInAsciiAndMappedInLatin1() throws Exception {
        assertThrows(CharacterCodingException.class, () -> MysqlCharsets.decoder("ascii").decode(new byte[] {'a', (byte) 0x80}));
        // MySQL's latin1 is cp1252 with the five unassigned bytes as C1 controls
        assertEquals("a\u20ac\u0081\u00ff", MysqlCharsets.decoder("latin1").decode(new byte[] {'a', (byte) 0x80, (byte) 0x81, (byte) 0xFF}));
    }

    @Test
    void otherCharsetsDecodeThroughTheirJavaCharset() throws Exception {
        assertEquals("数据", MysqlCharsets.decoder("gbk").decode("数据".getBytes("GBK")));
        assertEquals("ab", MysqlCharsets.decoder("ucs2").decode(new byte[] {0, 'a', 0, 'b'}));
        assertEquals(MysqlCharsets.decode("数据".getBytes("GBK"), "gbk"), "数据");
    }

    @Test
    void anUnsupportedCharsetIsRefusedWhenItsDecoderIsAskedFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MysqlCharsets.decoder("klingon"));
        assertEquals("unsupported character set klingon", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MysqlCharsets.decoder("binary"));
    }
}
