package io.dm4j.common.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written as DM writes them: a number with an optional binary unit ({@code 500m}, {@code 64MiB},
 * {@code 2GB}, {@code 1.5g}). Units k/m/g/t/p are powers of 1024, with or without a trailing {@code b}/{@code ib}.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*$");

    private ByteSize() {
    }

    /** Parses a size; a number without unit counts {@code defaultUnitBytes} each. */
    public static long parse(String text, long defaultUnitBytes) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "' (a number with an optional unit k, m, g, t or p, e.g. 500m)");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        long unit = m.group(2).isEmpty() ? defaultUnitBytes : unitBytes(m.group(2), text);
        return number.multiply(BigDecimal.valueOf(unit)).longValue();
    }

    /** True when {@code text} is a valid size. */
    public static boolean isValid(String text) {
        try {
            parse(text, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long unitBytes(String unit, String text) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.endsWith("ib")) {
            u = u.substring(0, u.length() - 2);
        } else if (u.length() > 1 && u.endsWith("b")) {
            u = u.substring(0, u.length() - 1);
        }
        switch (u) {
            case "b":
                return 1L;
            case "k":
                return 1L << 10;
            case "m":
                return 1L << 20;
            case "g":
                return 1L << 30;
            case "t":
                return 1L << 40;
            case "p":
                return 1L << 50;
            default:
                throw new IllegalArgumentException("unknown unit '" + unit + "' in size '" + text + "' (use k, m, g, t or p)");
        }
    }
}
