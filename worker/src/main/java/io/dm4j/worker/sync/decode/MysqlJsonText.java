package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonFormatter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * MySQL binary JSON (column type 245) as JSON text that MySQL parses back to the same value, in the layout
 * MySQL prints ({@code {"a": 1, "b": [true, null]}}). The library's JsonStringFormatter is not used because it
 * prints doubles of 1e7 and more as plain integers (they would come back as integers), negative TIME values
 * wrongly, and opaque values as bare base64. Values JSON text cannot carry keep MySQL's own text form and come
 * back as strings, as with mysqldump: DATE/TIME/DATETIME ({@code "2015-01-15 23:24:25.000000"}), other opaque
 * values ({@code "base64:type15:AQ=="}); DECIMAL comes back as a double.
 */
public final class MysqlJsonText {
    private MysqlJsonText() {
    }

    /** JSON text of a binary JSON value; an empty value (MySQL's stored form of JSON null in some cases) is {@code null}. */
    public static String fromBinary(byte[] binary) throws IOException {
        if (binary.length == 0) {
            return "null";
        }
        TextFormatter formatter = new TextFormatter();
        new ExactJsonBinary(binary).parse(formatter);
        return formatter.toString();
    }

    /** Fixes the library's reading of TIME values inside JSON (packed like TIME2 in memory: (hms << 24) + micros). */
    private static final class ExactJsonBinary extends JsonBinary {
        ExactJsonBinary(byte[] bytes) {
            super(bytes);
        }

        @Override
        protected void parseTime(JsonFormatter formatter) throws IOException {
            long packed = readInt64();
            boolean negative = packed < 0;
            long abs = Math.abs(packed);
            long hms = abs >> 24;
            formatter.value(TemporalText.time(negative, (int) ((hms >> 12) & 0x3FF), (int) ((hms >> 6) & 0x3F),
                    (int) (hms & 0x3F), (int) (abs & 0xFFFFFF), 6));
        }
    }

    private static final class TextFormatter implements JsonFormatter {
        private final StringBuilder sb = new StringBuilder();
        // after '{' or '[' no separator is needed; nextEntry() writes ", " between members
        @Override
        public void beginObject(int numElements) {
            sb.append('{');
        }

        @Override
        public void beginArray(int numElements) {
            sb.append('[');
        }

        @Override
        public void endObject() {
            sb.append('}');
        }

        @Override
        public void endArray() {
            sb.append(']');
        }

        @Override
        public void name(String name) {
            quoted(name);
            sb.append(": ");
        }

        @Override
        public void value(String value) {
            quoted(value);
        }

        @Override
        public void value(int value) {
            sb.append(value);
        }

        @Override
        public void value(long value) {
            sb.append(value);
        }

        @Override
        public void value(double value) {
            // Java's shortest round-trip form always has '.' or 'E', so MySQL reads it back as a double
            sb.append(Double.toString(value));
        }

        @Override
        public void value(BigInteger value) {
            sb.append(value);
        }

        @Override
        public void value(BigDecimal value) {
            sb.append(value.toPlainString());
        }

        @Override
        public void value(boolean value) {
            sb.append(value);
        }

        @Override
        public void valueNull() {
            sb.append("null");
        }

        @Override
        public void valueYear(int year) {
            sb.append(year);
        }

        @Override
        public void valueDate(int year, int month, int day) {
            quoted(TemporalText.date(year, month, day));
        }

        @Override
        public void valueDatetime(int year, int month, int day, int hour, int min, int sec, int micros) {
            quoted(TemporalText.dateTime(year, month, day, hour, min, sec, micros, 6));
        }

        @Override
        public void valueTime(int hour, int min, int sec, int micros) {
            quoted(TemporalText.time(hour < 0, Math.abs(hour), min, sec, Math.abs(micros), 6));
        }

        @Override
        public void valueTimestamp(long secondsPastEpoch, int micros) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(secondsPastEpoch, 0, ZoneOffset.UTC);
            valueDatetime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                    t.getSecond(), micros);
        }

        @Override
        public void valueOpaque(ColumnType type, byte[] value) {
            quoted("base64:type" + type.getCode() + ":" + Base64.getEncoder().encodeToString(value));
        }

        @Override
        public void nextEntry() {
            sb.append(", ");
        }

        /** A JSON string: quote, backslash and control characters escaped, everything else as is. */
        private void quoted(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
