package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/** MySQL's conversions between runtime values (see {@link ExprType} for which Java class each kind uses). */
final class Values {
    static final Long TRUE = 1L;
    static final Long FALSE = 0L;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    static Long bool(Boolean b) {
        return b == null ? null : b ? TRUE : FALSE;
    }

    /** The truth of a value in a boolean context: null for NULL, else whether it is non-zero as a number. */
    static Boolean truth(Object v, ExprType t) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof SqlTemporal temporal) {
            return !temporal.isZero();
        }
        Number n = toNumber(v, t);
        if (n instanceof Long l) {
            return l != 0;
        }
        if (n instanceof BigInteger b) {
            return b.signum() != 0;
        }
        if (n instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        return n.doubleValue() != 0;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Numbers

    /**
     * The value in numeric context: {@link Long}/{@link BigInteger} for INT, {@link BigDecimal}, or {@link Double}.
     * Strings give their leading number (MySQL's lenient conversion), ENUM/SET their index or bit mask, hexadecimal
     * literals their unsigned value, temporal values YYYYMMDD[hhmmss[.f]].
     */
    static Number toNumber(Object v, ExprType t) {
        if (v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Double) {
            return (Number) v;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof String s) {
            if (!t.members().isEmpty()) {
                return memberNumber(s, t.members(), t.set());
            }
            return parseDouble(s);
        }
        if (v instanceof byte[] b) {
            if (t.hexNumber()) {
                return integer(new BigInteger(1, b).min(TWO_64.subtract(BigInteger.ONE)));
            }
            return parseDouble(new String(b, StandardCharsets.ISO_8859_1));
        }
        if (v instanceof SqlTemporal temporal) {
            return temporal.toNumber();
        }
        if (v instanceof JsonNode j) {
            return JsonValues.toNumber(j);
        }
        throw new IllegalArgumentException("not a value: " + v.getClass());
    }

    static double toDouble(Object v, ExprType t) {
        Number n = toNumber(v, t);
        return n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue();
    }

    static BigDecimal toDecimal(Object v, ExprType t) {
        return decimal(toNumber(v, t));
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw ExprException.evaluate("DOUBLE value is out of range: " + d);
        }
        return new BigDecimal(Double.toString(d));
    }

    /** An integer as {@link Long} when it fits, else {@link BigInteger}. */
    static Number integer(BigInteger b) {
        return b.bitLength() < 64 ? (Number) b.longValue() : b;
    }

    /** Whether an integer result lies in BIGINT (signed) or BIGINT UNSIGNED range. */
    static boolean inRange(BigInteger b, boolean unsigned) {
        return unsigned ? b.signum() >= 0 && b.compareTo(TWO_64) < 0 : b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0;
    }

    static BigInteger bigInteger(Number n) {
        if (n instanceof BigInteger b) {
            return b;
        }
        if (n instanceof BigDecimal d) {
            return d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        }
        if (n instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        return BigDecimal.valueOf(Math.rint(n.doubleValue())).toBigInteger();
    }

    /** The leading number of a string, as MySQL reads strings in numeric context ({@code '12abc'} is 12, {@code 'x'} 0). */
    static Double parseDouble(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0.0;
        }
        int mantissaEnd = i;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expStart = j;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
            }
            if (j > expStart) {
                mantissaEnd = j;
            }
        }
        String num = s.substring(start, mantissaEnd);
        if (num.endsWith(".")) {
            num = num.substring(0, num.length() - 1);
        }
        return Double.parseDouble(num);
    }

    private static Long memberNumber(String label, List<String> members, boolean set) {
        if (!set) {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).equals(label)) {
                    return (long) i + 1;
                }
            }
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).equalsIgnoreCase(label)) {
                    return (long) i + 1;
                }
            }
            return 0L;
        }
        long mask = 0;
        if (label.isEmpty()) {
            return 0L;
        }
        for (String part : label.split(",", -1)) {
            for (int i = 0; i < members.size() && i < 64; i++) {
                if (members.get(i).equalsIgnoreCase(part)) {
                    mask |= 1L << i;
                    break;
                }
            }
        }
        return mask;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Strings

    /** The MySQL text of a value. */
    static String toText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof Float f) {
            return formatApproximate(new BigDecimal(Float.toString(f)));
        }
        if (v instanceof SqlTemporal t) {
            return t.text();
        }
        if (v instanceof JsonNode j) {
            return JsonValues.format(j);
        }
        throw new IllegalArgumentException("not a value: " + v.getClass());
    }

    /** The bytes of a value as a binary string (text in utf8mb4). */
    static byte[] toBytes(Object v) {
        return v instanceof byte[] b ? b : toText(v).getBytes(StandardCharsets.UTF_8);
    }

    /** A DOUBLE as MySQL prints it: shortest digits, plain notation unless the exponent is beyond ±15. */
    static String formatDouble(double d) {
        if (d == 0) {
            return "0";
        }
        return formatApproximate(new BigDecimal(Double.toString(d)));
    }

    private static String formatApproximate(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal s = v.stripTrailingZeros();
        int exponent = s.precision() - s.scale() - 1;
        if (exponent >= -15 && exponent < 15) {
            return s.toPlainString();
        }
        String digits = s.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (s.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        return sb.append('e').append(exponent).toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Temporal and general conversion

    /** The value as a temporal value of {@code target} kind, or null when it cannot be read as one. */
    static SqlTemporal toTemporal(Object v, Kind target, ZoneId zone) {
        SqlTemporal r;
        if (v instanceof SqlTemporal t) {
            r = t;
        } else if (v instanceof String || v instanceof byte[] || v instanceof JsonNode) {
            String s = v instanceof JsonNode j ? (j.isTextual() ? j.textValue() : JsonValues.format(j)) : toText(v);
            r = target == Kind.TIME ? SqlTemporal.parseTime(s, zone) : SqlTemporal.parseDateTime(s, zone, false);
        } else if (v instanceof Number n) {
            r = SqlTemporal.fromNumber(decimal(n instanceof Float f ? (Number) f.doubleValue() : n), target);
        } else {
            return null;
        }
        return r == null ? null : r.to(target, zone);
    }

    /** Converts a value of type {@code from} into the representation of {@code to} (null when it cannot). */
    static Object convert(Object v, ExprType from, ExprType to, ZoneId zone) {
        if (v == null) {
            return null;
        }
        return switch (to.kind()) {
            case NULL -> null;
            case INT -> {
                Number n = toNumber(v, from);
                yield n instanceof Long || n instanceof BigInteger ? n : integer(bigInteger(n));
            }
            case DECIMAL -> toDecimal(v, from);
            case DOUBLE -> toDouble(v, from);
            case STRING -> to.collation().binary() ? toBytes(v) : toText(v);
            case DATE, DATETIME, TIME -> toTemporal(v, to.kind(), zone);
            case JSON -> JsonValues.toJson(v, from);
        };
    }
}
