package io.dm4j.worker.sync.decode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MySQL/MariaDB character sets as Java text decoders. MySQL's {@code latin1} is Windows-1252 whose five
 * unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls U+0081..U+009D; it gets its own
 * table so that every byte round-trips. {@code ucs2}/{@code utf16}/{@code utf32} are big-endian.
 */
public final class MysqlCharsets {
    private static final Map<String, String> JAVA_NAMES = javaNames();
    private static final char[] LATIN1 = latin1Table();
    /** Character sets in which a byte below 0x80 is always the ASCII character (and never part of another). */
    private static final Set<String> ASCII_TRANSPARENT = Set.of("utf8mb4", "utf8mb3", "utf8", "ascii");

    private MysqlCharsets() {
    }

    /** Whether {@code mysqlCharset} can be decoded ({@code binary} can: it is not text). */
    public static boolean isSupported(String mysqlCharset) {
        String key = key(mysqlCharset);
        return key.equals("binary") || key.equals("latin1") || JAVA_NAMES.containsKey(key);
    }

    /** The supported MySQL character set names, for error messages. */
    public static String supportedNames() {
        return "binary, latin1, " + String.join(", ", JAVA_NAMES.keySet());
    }

    /** Decodes the bytes of one character set: resolved once per column, then called per value. */
    @FunctionalInterface
    public interface TextDecoder {
        /** @throws CharacterCodingException when the bytes are not valid in the character set */
        String decode(byte[] bytes) throws CharacterCodingException;
    }

    /**
     * Decodes {@code bytes} stored in {@code mysqlCharset}.
     *
     * @throws CharacterCodingException when the bytes are not valid in that character set
     * @throws IllegalArgumentException when the character set is not supported or is {@code binary}
     */
    public static String decode(byte[] bytes, String mysqlCharset) throws CharacterCodingException {
        return decoder(mysqlCharset).decode(bytes);
    }

    /**
     * The decoder of {@code mysqlCharset}. Text that is pure ASCII (most keys, codes and names) skips the charset
     * decoder in the character sets where every byte below 0x80 is that ASCII character and nothing else.
     *
     * @throws IllegalArgumentException when the character set is not supported or is {@code binary}
     */
    public static TextDecoder decoder(String mysqlCharset) {
        String key = key(mysqlCharset);
        if (key.equals("latin1")) {
            return bytes -> isAscii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : latin1(bytes);
        }
        String javaName = JAVA_NAMES.get(key);
        if (javaName == null) {
            throw new IllegalArgumentException("unsupported character set " + mysqlCharset);
        }
        Charset charset = Charset.forName(javaName);
        if (ASCII_TRANSPARENT.contains(key)) {
            return bytes -> isAscii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : strict(charset, bytes);
        }
        return bytes -> strict(charset, bytes);
    }

    private static String latin1(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = LATIN1[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Decodes with a fresh decoder that reports malformed input instead of replacing it (decoders are not thread-safe). */
    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String key(String mysqlCharset) {
        return mysqlCharset == null ? "" : mysqlCharset.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> javaNames() {
        Map<String, String> m = new TreeMap<>();
        m.put("utf8mb4", "UTF-8");
        m.put("utf8mb3", "UTF-8");
        m.put("utf8", "UTF-8");
        m.put("ascii", "US-ASCII");
        m.put("gbk", "GBK");
        m.put("gb18030", "GB18030");
        m.put("gb2312", "GB2312");
        m.put("big5", "Big5");
        m.put("ucs2", "UTF-16BE");
        m.put("utf16", "UTF-16BE");
        m.put("utf16le", "UTF-16LE");
        m.put("utf32", "UTF-32BE");
        m.put("sjis", "Shift_JIS");
        m.put("cp932", "windows-31j");
        m.put("ujis", "EUC-JP");
        m.put("eucjpms", "x-eucJP-Open");
        m.put("euckr", "EUC-KR");
        m.put("tis620", "TIS-620");
        m.put("koi8r", "KOI8-R");
        m.put("koi8u", "KOI8-U");
        m.put("cp1250", "windows-1250");
        m.put("cp1251", "windows-1251");
        m.put("cp1256", "windows-1256");
        m.put("cp1257", "windows-1257");
        m.put("cp850", "IBM850");
        m.put("cp852", "IBM852");
        m.put("cp866", "IBM866");
        m.put("greek", "ISO-8859-7");
        m.put("hebrew", "ISO-8859-8");
        m.put("latin2", "ISO-8859-2");
        m.put("latin5", "ISO-8859-9");
        m.put("latin7", "ISO-8859-13");
        m.put("macroman", "x-MacRoman");
        m.put("macce", "x-MacCentralEurope");
        m.values().removeIf(javaName -> !Charset.isSupported(javaName));
        return m;
    }

    private static char[] latin1Table() {
        char[] table = new char[256];
        CharsetDecoder cp1252 = Charset.forName("windows-1252").newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int b = 0; b < 256; b++) {
            try {
                table[b] = cp1252.decode(ByteBuffer.wrap(new byte[] {(byte) b})).get();
            } catch (CharacterCodingException unassigned) {
                table[b] = (char) b; // MySQL maps the unassigned cp1252 bytes to the C1 control of the same number
            }
        }
        return table;
    }
}
