package io.dm4j.worker.dump;

import java.util.Locale;
import java.util.Set;

/**
 * How a column's values travel through a dump file. Every value is read as the bytes the server sends in the text
 * protocol without conversion ({@code character_set_results = NULL}): numbers and temporal values as ASCII text,
 * character data in the column's own character set, binary data as stored.
 */
public enum ValueKind {
    /** Integers, YEAR and DECIMAL: the server's text is an exact SQL number. */
    EXACT_NUMBER,
    /** DOUBLE: the server prints the shortest text that reads back as the same double. */
    DOUBLE,
    /** FLOAT: selected as DOUBLE, whose exact text converts back to the same float (FLOAT's own text has 6 digits). */
    FLOAT,
    /** DATE, TIME, DATETIME, TIMESTAMP (in UTC): ASCII text with the column's fraction, zero dates as stored. */
    TEMPORAL,
    /** Character data in a UTF-8 character set (utf8mb3, utf8mb4). */
    TEXT_UTF8,
    /** Character data in any other character set (latin1, gbk, ...): only plain ASCII may stay readable. */
    TEXT_OTHER,
    /** MySQL's JSON type: UTF-8 text that must reach the server as utf8mb4, never as a binary string. */
    JSON,
    /** BINARY, VARBINARY, BLOBs and character columns of charset binary. */
    BINARY,
    /** BIT(n): the server sends the bit value's bytes; written as a hex number. */
    BIT,
    /** Spatial types: the server's internal format (SRID + WKB); written as hex. */
    GEOMETRY;

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "year", "decimal", "numeric", "dec", "fixed", "bool", "boolean", "serial");
    private static final Set<String> TEMPORALS = Set.of("date", "time", "datetime", "timestamp");
    private static final Set<String> BINARIES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "long varbinary");
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");
    private static final Set<String> UTF8 = Set.of("utf8", "utf8mb3", "utf8mb4");

    /**
     * The kind of a column from information_schema.COLUMNS.
     *
     * @param dataType {@code DATA_TYPE}, e.g. {@code varchar}
     * @param charset  {@code CHARACTER_SET_NAME}, null for non-character columns
     */
    public static ValueKind of(String dataType, String charset) {
        String t = dataType.toLowerCase(Locale.ROOT);
        if (INTEGERS.contains(t)) {
            return EXACT_NUMBER;
        }
        if (t.equals("float")) {
            return FLOAT;
        }
        if (t.equals("double") || t.equals("real") || t.equals("double precision")) {
            return DOUBLE;
        }
        if (TEMPORALS.contains(t)) {
            return TEMPORAL;
        }
        if (t.equals("bit")) {
            return BIT;
        }
        if (t.equals("json")) {
            return JSON; // MySQL's native type; MariaDB reports JSON columns as longtext
        }
        if (SPATIAL.contains(t)) {
            return GEOMETRY;
        }
        if (BINARIES.contains(t)) {
            return BINARY;
        }
        if (charset == null) {
            // unknown non-character types (INET6, UUID, VECTOR...): their text form is ASCII
            return TEXT_OTHER;
        }
        String cs = charset.toLowerCase(Locale.ROOT);
        if (cs.equals("binary")) {
            return BINARY;
        }
        return UTF8.contains(cs) ? TEXT_UTF8 : TEXT_OTHER;
    }

    /** How a CSV field of this kind is assigned in LOAD DATA. */
    public CsvLoad csvLoad() {
        return switch (this) {
            case BIT -> CsvLoad.UNHEX;
            case JSON -> CsvLoad.UTF8MB4;
            default -> CsvLoad.DIRECT;
        };
    }
}
