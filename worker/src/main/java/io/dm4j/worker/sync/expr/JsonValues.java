package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** JSON values as MySQL reads, prints and compares them. */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** MySQL stores object keys ordered by length, then bytes. */
    private static final Comparator<String> KEY_ORDER = Comparator.<String>comparingInt(k -> utf8Length(k))
            .thenComparing(JsonValues::compareCodePoints);

    private JsonValues() {
    }

    /** Parses JSON text; invalid text fails as MySQL's "Invalid JSON text" does. */
    static JsonNode parse(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw ExprException.evaluate("Invalid JSON text: the document is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw ExprException.evaluate("Invalid JSON text: " + e.getOriginalMessage());
        }
    }

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ExprException e) {
            return false;
        }
    }

    /**
     * A SQL value as a JSON value: JSON as is, numbers as numbers, strings as JSON strings (not parsed, as MySQL does
     * when a JSON value meets a string), temporal values as their text.
     */
    static JsonNode toJson(Object v, ExprType t) {
        if (v instanceof JsonNode j) {
            return j;
        }
        if (v instanceof Long l) {
            return LongNode.valueOf(l);
        }
        if (v instanceof BigInteger b) {
            return BigIntegerNode.valueOf(b);
        }
        if (v instanceof BigDecimal d) {
            return DecimalNode.valueOf(d);
        }
        if (v instanceof Double || v instanceof Float) {
            return DoubleNode.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof String s && !t.members().isEmpty()) {
            return TextNode.valueOf(s);
        }
        return TextNode.valueOf(Values.toText(v));
    }

    /** A JSON value in numeric context. */
    static Number toNumber(JsonNode j) {
        if (j.isIntegralNumber()) {
            return j.canConvertToLong() ? (Number) j.longValue() : j.bigIntegerValue();
        }
        if (j.isBigDecimal()) {
            return j.decimalValue();
        }
        if (j.isNumber()) {
            return j.doubleValue();
        }
        if (j.isBoolean()) {
            return j.booleanValue() ? 1L : 0L;
        }
        if (j.isTextual()) {
            return Values.parseDouble(j.textValue());
        }
        return 0L;
    }

    /** The text of a JSON string, else the JSON text (JSON_UNQUOTE / {@code ->>}). */
    static String unquote(JsonNode j) {
        return j.isTextual() ? j.textValue() : format(j);
    }

    /** JSON_UNQUOTE of a plain string: a quoted JSON string loses its quotes and escapes, anything else is unchanged. */
    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            JsonNode n = parse(s);
            return n.textValue();
        }
        return s;
    }

    /** JSON_TYPE's name of a value. */
    static String typeName(JsonNode j) {
        return switch (j.getNodeType()) {
            case OBJECT -> "OBJECT";
            case ARRAY -> "ARRAY";
            case STRING -> "STRING";
            case BOOLEAN -> "BOOLEAN";
            case NULL -> "NULL";
            case NUMBER -> j.isIntegralNumber() ? (j.canConvertToLong() ? "INTEGER" : "UNSIGNED INTEGER")
                    : j.isBigDecimal() ? "DECIMAL" : "DOUBLE";
            default -> "OPAQUE";
        };
    }

    /** JSON_LENGTH: members of an object, elements of an array, 1 for a scalar. */
    static long length(JsonNode j) {
        return j.isContainerNode() ? j.size() : 1;
    }

    /** An array of the given values (JSON_EXTRACT with several paths or wildcards). */
    static JsonNode array(List<JsonNode> items) {
        var a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Printing

    /** The JSON text as MySQL prints it: {@code {"a": 1, "b": [1, 2]}}, object keys in MySQL's storage order. */
    static String format(JsonNode j) {
        StringBuilder sb = new StringBuilder();
        write(sb, j);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode j) {
        switch (j.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>();
                j.properties().forEach(e -> keys.add(e.getKey()));
                keys.sort(KEY_ORDER);
                sb.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    quote(sb, keys.get(i));
                    sb.append(": ");
                    write(sb, j.get(keys.get(i)));
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < j.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(sb, j.get(i));
                }
                sb.append(']');
            }
            case STRING -> quote(sb, j.textValue());
            case NUMBER -> sb.append(number(j));
            case BOOLEAN -> sb.append(j.booleanValue());
            default -> sb.append("null");
        }
    }

    private static String number(JsonNode j) {
        if (j.isIntegralNumber()) {
            return j.bigIntegerValue().toString();
        }
        if (j.isBigDecimal()) {
            return j.decimalValue().toPlainString();
        }
        String s = Double.toString(j.doubleValue());
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
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

    // ------------------------------------------------------------------------------------------------------------
    // Comparing

    /**
     * MySQL's JSON comparison: values of different types order by type (null, numbers, strings, objects, arrays,
     * booleans, lowest first); numbers compare by value, strings by code point, arrays element by element, booleans
     * false before true; two objects are equal when they have the same keys with equal values.
     */
    static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (a.getNodeType()) {
            case NUMBER -> {
                return numeric(a).compareTo(numeric(b));
            }
            case STRING -> {
                return compareCodePoints(a.textValue(), b.textValue());
            }
            case BOOLEAN -> {
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            }
            case ARRAY -> {
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            }
            case OBJECT -> {
                return objectsEqual(a, b) ? 0 : compareCodePoints(format(a), format(b)) <= 0 ? -1 : 1;
            }
            default -> {
                return 0;
            }
        }
    }

    private static boolean objectsEqual(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            JsonNode other = b.get(e.getKey());
            if (other == null || compare(e.getValue(), other) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int rank(JsonNode j) {
        return switch (j.getNodeType()) {
            case NULL, MISSING -> 0;
            case NUMBER -> 1;
            case STRING -> 2;
            case OBJECT -> 3;
            case ARRAY -> 4;
            case BOOLEAN -> 5;
            default -> 6;
        };
    }

    private static BigDecimal numeric(JsonNode j) {
        if (j.isIntegralNumber()) {
            return new BigDecimal(j.bigIntegerValue());
        }
        if (j.isBigDecimal()) {
            return j.decimalValue();
        }
        return new BigDecimal(Double.toString(j.doubleValue()));
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static JsonNode jsonNull() {
        return NullNode.getInstance();
    }
}
