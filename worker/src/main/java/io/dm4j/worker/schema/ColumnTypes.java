package io.dm4j.worker.schema;

import io.dm4j.common.position.Flavor;
import io.dm4j.worker.sync.ddl.DataTypeSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a data type as written into the form SHOW CREATE TABLE prints, so a tracked table and a fresh
 * upstream read agree: default display widths and lengths, DECIMAL(10,0), ENUM labels re-quoted, character
 * types with an explicit charset and collation, {@code CHARACTER SET binary} turned into binary types.
 */
final class ColumnTypes {
    private ColumnTypes() {
    }

    static final Set<String> CHARACTER_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set");
    static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> TEMPORAL_FSP = Set.of("time", "datetime", "timestamp");
    private static final Map<String, String> TO_BINARY = Map.of("char", "binary", "varchar", "varbinary",
            "tinytext", "tinyblob", "text", "blob", "mediumtext", "mediumblob", "longtext", "longblob");
    /** Display widths MariaDB/MySQL 5.7 give integer types: {signed, unsigned}. */
    private static final Map<String, int[]> DISPLAY_WIDTH = Map.of("tinyint", new int[] {4, 3},
            "smallint", new int[] {6, 5}, "mediumint", new int[] {9, 8}, "int", new int[] {11, 10},
            "bigint", new int[] {20, 20});
    private static final String[] TEXT_BY_SIZE = {"tinytext", "text", "mediumtext", "longtext"};
    private static final String[] BLOB_BY_SIZE = {"tinyblob", "blob", "mediumblob", "longblob"};
    private static final long[] SIZE_LIMITS = {255L, 65_535L, 16_777_215L, 4_294_967_295L};

    static boolean isCharacter(String type) {
        return CHARACTER_TYPES.contains(type);
    }

    /**
     * Normalizes a column type.
     *
     * @param tableDefault the table's charset/collation for character columns that give none
     */
    static DataTypeSyntax normalize(DataTypeSyntax t, CharsetCollation tableDefault, ServerDefaults server) {
        String name = t.name();
        List<String> args = new ArrayList<>(t.args());
        boolean unsigned = t.unsigned() || t.zerofill();
        String charset = Charsets.normalizeCharset(t.charset());
        String collation = Charsets.normalizeCollation(t.collation());

        if (name.equals("json") && server.flavor() == Flavor.MARIADB) {
            // MariaDB's JSON is LONGTEXT utf8mb4_bin (the caller adds the json_valid check)
            name = "longtext";
            if (charset == null && collation == null) {
                charset = "utf8mb4";
                collation = "utf8mb4_bin";
            }
        }
        if ("binary".equals(charset) && TO_BINARY.containsKey(name)) {
            name = TO_BINARY.get(name);
            charset = null;
            collation = null;
        }
        if ((name.equals("text") || name.equals("blob")) && args.size() == 1) {
            long chars = Long.parseLong(args.get(0));
            boolean text = name.equals("text");
            CharsetCollation cc = text ? characterSet(charset, collation, t.binary(), tableDefault, server) : null;
            long bytes = text ? chars * Charsets.maxLength(cc.charset()) : chars;
            int i = 0;
            while (i < SIZE_LIMITS.length - 1 && bytes > SIZE_LIMITS[i]) {
                i++;
            }
            name = text ? TEXT_BY_SIZE[i] : BLOB_BY_SIZE[i];
            args.clear();
        }
        switch (name) {
            case "float":
                if (args.size() == 1) {
                    name = Integer.parseInt(args.get(0).trim()) > 24 ? "double" : "float";
                    args.clear();
                }
                break;
            case "decimal":
                if (args.isEmpty()) {
                    args.add("10");
                }
                if (args.size() == 1) {
                    args.add("0");
                }
                break;
            case "char":
            case "binary":
            case "bit":
                if (args.isEmpty()) {
                    args.add("1");
                }
                break;
            case "year":
                if (server.integerDisplayWidth() && args.isEmpty()) {
                    args.add("4");
                } else if (!server.integerDisplayWidth()) {
                    args.clear();
                }
                break;
            case "enum":
            case "set":
                args.clear();
                for (String e : t.elements()) {
                    args.add(quote(e));
                }
                break;
            default:
                if (TEMPORAL_FSP.contains(name) && args.size() == 1 && args.get(0).trim().equals("0")) {
                    args.clear();
                }
        }
        if (DISPLAY_WIDTH.containsKey(name)) {
            if (server.integerDisplayWidth()) {
                if (args.isEmpty()) {
                    args.add(String.valueOf(DISPLAY_WIDTH.get(name)[unsigned ? 1 : 0]));
                }
            } else if (!t.zerofill() && !(name.equals("tinyint") && args.equals(List.of("1")))) {
                args.clear();
            }
        }
        List<String> trimmed = new ArrayList<>();
        for (String a : args) {
            trimmed.add(a.trim());
        }
        DataTypeSyntax out = new DataTypeSyntax(name, trimmed, t.elements(), unsigned, t.zerofill(), null, null, false);
        if (isCharacter(name)) {
            CharsetCollation cc = characterSet(charset, collation, t.binary(), tableDefault, server);
            out = out.withCharset(cc.charset(), cc.collation());
        }
        return out;
    }

    /** The charset/collation a character column ends up with. */
    static CharsetCollation characterSet(String charset, String collation, boolean binaryAttribute,
                                         CharsetCollation tableDefault, ServerDefaults server) {
        CharsetCollation cc = server.resolve(charset, collation);
        if (cc == null) {
            cc = tableDefault;
        }
        if (binaryAttribute && collation == null) {
            cc = new CharsetCollation(cc.charset(), cc.charset().equals("binary") ? "binary" : cc.charset() + "_bin");
        }
        return cc;
    }

    /** A text type big enough for {@code chars} characters after conversion to a wider charset (CONVERT TO). */
    static String widenText(String type, String fromCharset, String toCharset) {
        int i = List.of(TEXT_BY_SIZE).indexOf(type);
        if (i < 0) {
            return type;
        }
        long chars = SIZE_LIMITS[i] / Charsets.maxLength(fromCharset);
        long bytes = chars * Charsets.maxLength(toCharset);
        int j = i;
        while (j < SIZE_LIMITS.length - 1 && bytes > SIZE_LIMITS[j]) {
            j++;
        }
        return TEXT_BY_SIZE[j];
    }

    /** An ENUM/SET label quoted as SHOW CREATE TABLE prints it. */
    static String quote(String label) {
        return "'" + label.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
