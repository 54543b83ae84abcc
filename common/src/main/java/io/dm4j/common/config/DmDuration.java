package io.dm4j.common.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations written the way DM (Go's {@code time.ParseDuration}) writes them: {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 300ms}, {@code 1.5h}; a bare {@code 0} is zero. Units: ns, us (µs), ms, s, m, h.
 */
public final class DmDuration {
    private DmDuration() {
    }

    /** Parses DM's duration syntax; throws {@link IllegalArgumentException} with a readable reason. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int numStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (numStart == i) {
                throw new IllegalArgumentException("invalid duration '" + text + "': expected a number at '" + s.substring(i) + "'");
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(numStart, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid duration '" + text + "'");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration '" + text + "' (use ns, us, ms, s, m or h, e.g. 30s)");
            }
            long unitNanos = unitNanos(unit, text);
            nanos = Math.addExact(nanos, number.multiply(BigDecimal.valueOf(unitNanos)).longValue());
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** True when {@code text} parses as a duration. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Renders a duration compactly in the same syntax, e.g. {@code 1h30m}, {@code 30s}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        Duration rest = d;
        if (rest.isNegative()) {
            sb.append('-');
            rest = rest.negated();
        }
        long hours = rest.toHours();
        int minutes = rest.toMinutesPart();
        int seconds = rest.toSecondsPart();
        int nanos = rest.toNanosPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (nanos > 0) {
            sb.append(nanos % 1_000_000 == 0 ? (nanos / 1_000_000) + "ms" : nanos + "ns");
        }
        return sb.toString();
    }

    private static long unitNanos(String unit, String text) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns":
                return 1L;
            case "us":
            case "µs":
            case "μs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                throw new IllegalArgumentException("unknown unit '" + unit + "' in duration '" + text
                        + "' (use ns, us, ms, s, m or h, e.g. 30s)");
        }
    }
}
