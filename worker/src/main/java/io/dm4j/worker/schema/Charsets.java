package io.dm4j.worker.schema;

import java.util.Locale;
import java.util.Map;

/**
 * Facts about MySQL/MariaDB character sets: each one's default collation, its maximum bytes per character,
 * and which charset a collation belongs to. {@code utf8} is spelled {@code utf8mb3} everywhere (as MariaDB
 * 10.6+ and MySQL 8.0.30+ print it). The default collation of {@code utf8mb4} depends on the server and is
 * supplied by {@link ServerDefaults}.
 */
public final class Charsets {
    private Charsets() {
    }

    /** charset → {default collation, maxlen}. */
    private static final Map<String, Object[]> CHARSETS = Map.ofEntries(
            entry("armscii8", "armscii8_general_ci", 1), entry("ascii", "ascii_general_ci", 1),
            entry("big5", "big5_chinese_ci", 2), entry("binary", "binary", 1),
            entry("cp1250", "cp1250_general_ci", 1), entry("cp1251", "cp1251_general_ci", 1),
            entry("cp1256", "cp1256_general_ci", 1), entry("cp1257", "cp1257_general_ci", 1),
            entry("cp850", "cp850_general_ci", 1), entry("cp852", "cp852_general_ci", 1),
            entry("cp866", "cp866_general_ci", 1), entry("cp932", "cp932_japanese_ci", 2),
            entry("dec8", "dec8_swedish_ci", 1), entry("eucjpms", "eucjpms_japanese_ci", 3),
            entry("euckr", "euckr_korean_ci", 2), entry("gb18030", "gb18030_chinese_ci", 4),
            entry("gb2312", "gb2312_chinese_ci", 2), entry("gbk", "gbk_chinese_ci", 2),
            entry("geostd8", "geostd8_general_ci", 1), entry("greek", "greek_general_ci", 1),
            entry("hebrew", "hebrew_general_ci", 1), entry("hp8", "hp8_english_ci", 1),
            entry("keybcs2", "keybcs2_general_ci", 1), entry("koi8r", "koi8r_general_ci", 1),
            entry("koi8u", "koi8u_general_ci", 1), entry("latin1", "latin1_swedish_ci", 1),
            entry("latin2", "latin2_general_ci", 1), entry("latin5", "latin5_turkish_ci", 1),
            entry("latin7", "latin7_general_ci", 1), entry("macce", "macce_general_ci", 1),
            entry("macroman", "macroman_general_ci", 1), entry("sjis", "sjis_japanese_ci", 2),
            entry("swe7", "swe7_swedish_ci", 1), entry("tis620", "tis620_thai_ci", 1),
            entry("ucs2", "ucs2_general_ci", 2), entry("ujis", "ujis_japanese_ci", 3),
            entry("utf16", "utf16_general_ci", 4), entry("utf16le", "utf16le_general_ci", 4),
            entry("utf32", "utf32_general_ci", 4), entry("utf8mb3", "utf8mb3_general_ci", 3),
            entry("utf8mb4", "utf8mb4_general_ci", 4));

    private static Map.Entry<String, Object[]> entry(String charset, String collation, int maxLen) {
        return Map.entry(charset, new Object[] {collation, maxLen});
    }

    /** Lower-case name with {@code utf8} spelled {@code utf8mb3}. */
    public static String normalizeCharset(String charset) {
        if (charset == null) {
            return null;
        }
        String c = charset.toLowerCase(Locale.ROOT);
        return c.equals("utf8") ? "utf8mb3" : c;
    }

    /** Lower-case collation with the {@code utf8_} prefix spelled {@code utf8mb3_}. */
    public static String normalizeCollation(String collation) {
        if (collation == null) {
            return null;
        }
        String c = collation.toLowerCase(Locale.ROOT);
        return c.startsWith("utf8_") ? "utf8mb3_" + c.substring(5) : c;
    }

    /** The charset a collation belongs to: {@code latin1_bin} → {@code latin1}; unknown prefixes are returned as they are. */
    public static String charsetOf(String collation) {
        String c = normalizeCollation(collation);
        if (c.equals("binary")) {
            return "binary";
        }
        if (c.startsWith("uca1400_")) {
            return "utf8mb4"; // MariaDB 11's charset-less UCA 14 collation names
        }
        int u = c.indexOf('_');
        return u < 0 ? c : c.substring(0, u);
    }

    /**
     * The default collation of a charset as MariaDB and MySQL 5.7 have it (MySQL 8 differs only for utf8mb4,
     * see {@link ServerDefaults#defaultCollation}); null for an unknown charset.
     */
    public static String defaultCollation(String charset) {
        Object[] e = CHARSETS.get(normalizeCharset(charset));
        return e == null ? null : (String) e[0];
    }

    /** Maximum bytes per character; 4 for unknown charsets (the safe guess for capacity). */
    public static int maxLength(String charset) {
        Object[] e = CHARSETS.get(normalizeCharset(charset));
        return e == null ? 4 : (Integer) e[1];
    }
}
