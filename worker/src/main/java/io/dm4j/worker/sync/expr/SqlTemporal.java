package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DATE, DATETIME (also TIMESTAMP, as text in the task's time zone) or TIME value, kept as fields so that zero dates
 * ({@code 0000-00-00}) and TIME beyond 24 hours ({@code -838:59:59}) exist, with MySQL's rules for reading strings
 * and numbers as temporal values.
 *
 * @param hour  0-23 for DATETIME, 0-838 for TIME
 * @param fsp   fractional digits the value was written with (0-6)
 */
record SqlTemporal(Kind kind, boolean negative, int year, int month, int day, int hour, int minute, int second,
                   int micros, int fsp) implements Comparable<SqlTemporal> {

    static final int MAX_TIME_HOURS = 838;
    private static final long MAX_TIME_MICROS = ((MAX_TIME_HOURS * 3600L) + 59 * 60 + 59) * 1_000_000L;
    private static final Pattern OFFSET = Pattern.compile("^(.*[0-9])\\s*([+-])([0-9]{1,2}):([0-9]{2})$");
    private static final Pattern NUMERIC = Pattern.compile("^([0-9]+)(?:\\.([0-9]*))?$");
    private static final Pattern DATE_PREFIX = Pattern.compile("^[0-9]{1,4}[^0-9\\s:][0-9]{1,2}[^0-9\\s:][0-9]{1,2}.*");
    private static final Pattern DAYS = Pattern.compile("^([0-9]+)\\s+([0-9].*)$");

    static SqlTemporal date(int year, int month, int day) {
        return new SqlTemporal(Kind.DATE, false, year, month, day, 0, 0, 0, 0, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads a DATE or DATETIME string: {@code YYYY-MM-DD[ hh:mm:ss[.ffffff]]} with any punctuation as delimiter and
     * {@code T} or spaces between date and time, two-digit years, {@code YYYYMMDD[hhmmss]} / {@code YYMMDD[hhmmss]},
     * and a trailing {@code +hh:mm} / {@code -hh:mm} offset, which converts the value into {@code zone}.
     *
     * @param lenient accept days past the end of the month (values stored with ALLOW_INVALID_DATES)
     * @return a DATE when the text has no time part, a DATETIME otherwise; null when the text is not a date
     */
    static SqlTemporal parseDateTime(String text, ZoneId zone, boolean lenient) {
        String t = text.strip();
        ZoneOffset offset = null;
        Matcher om = OFFSET.matcher(t);
        if (om.matches() && (om.group(1).contains(" ") || om.group(1).contains("T")) && om.group(1).contains(":")) {
            int h = Integer.parseInt(om.group(3));
            int m = Integer.parseInt(om.group(4));
            if (h > 14 || m > 59) {
                return null;
            }
            int seconds = (h * 3600 + m * 60) * (om.group(2).equals("-") ? -1 : 1);
            offset = ZoneOffset.ofTotalSeconds(seconds);
            t = om.group(1).strip();
        }
        SqlTemporal v = NUMERIC.matcher(t).matches() ? numericDateTime(t) : delimitedDateTime(t);
        if (v == null || !v.validDate(lenient)) {
            return null;
        }
        if (offset == null) {
            return v;
        }
        if (v.isZeroDate() || v.month == 0 || v.day == 0) {
            return null;
        }
        LocalDateTime local = LocalDateTime.of(v.year, v.month, v.day, v.hour, v.minute, v.second)
                .atOffset(offset).atZoneSameInstant(zone).toLocalDateTime();
        return new SqlTemporal(Kind.DATETIME, false, local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond(), v.micros, v.fsp);
    }

    private static SqlTemporal numericDateTime(String t) {
        Matcher m = NUMERIC.matcher(t);
        m.matches();
        String digits = m.group(1);
        String fraction = m.group(2);
        int len = digits.length();
        if (len != 6 && len != 8 && len != 12 && len != 14) {
            return null;
        }
        if (fraction != null && len < 12) {
            return null;
        }
        int yearDigits = len == 6 || len == 12 ? 2 : 4;
        int year = Integer.parseInt(digits.substring(0, yearDigits));
        if (yearDigits == 2) {
            year += year < 70 ? 2000 : 1900;
        }
        int month = Integer.parseInt(digits.substring(yearDigits, yearDigits + 2));
        int day = Integer.parseInt(digits.substring(yearDigits + 2, yearDigits + 4));
        if (len <= 8) {
            return date(year, month, day);
        }
        int p = yearDigits + 4;
        return withFraction(year, month, day, Integer.parseInt(digits.substring(p, p + 2)),
                Integer.parseInt(digits.substring(p + 2, p + 4)), Integer.parseInt(digits.substring(p + 4, p + 6)),
                fraction == null ? "" : fraction);
    }

    private static SqlTemporal delimitedDateTime(String t) {
        Scanner s = new Scanner(t);
        String y = s.digits(4);
        if (y == null || !s.punctuation()) {
            return null;
        }
        String mo = s.digits(2);
        if (mo == null || !s.punctuation()) {
            return null;
        }
        String d = s.digits(2);
        if (d == null) {
            return null;
        }
        int year = Integer.parseInt(y);
        if (y.length() <= 2) {
            year += year < 70 ? 2000 : 1900;
        }
        int month = Integer.parseInt(mo);
        int day = Integer.parseInt(d);
        if (s.atEnd()) {
            return date(year, month, day);
        }
        if (!s.timeSeparator()) {
            return null;
        }
        String h = s.digits(2);
        if (h == null) {
            return null;
        }
        String mi = "0";
        String se = "0";
        String fraction = "";
        if (s.punctuation()) {
            mi = s.digits(2);
            if (mi == null) {
                return null;
            }
            if (s.punctuation()) {
                se = s.digits(2);
                if (se == null) {
                    return null;
                }
                if (s.accept('.')) {
                    fraction = s.digits(Integer.MAX_VALUE);
                    fraction = fraction == null ? "" : fraction;
                }
            }
        }
        if (!s.atEnd()) {
            return null;
        }
        return withFraction(year, month, day, Integer.parseInt(h), Integer.parseInt(mi), Integer.parseInt(se), fraction);
    }

    /** A DATETIME with {@code fraction} digits rounded to microseconds (a carry moves into the seconds). */
    private static SqlTemporal withFraction(int year, int month, int day, int hour, int minute, int second, String fraction) {
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int fsp = Math.min(6, fraction.length());
        int micros = micros(fraction);
        if (micros < 1_000_000) {
            return new SqlTemporal(Kind.DATETIME, false, year, month, day, hour, minute, second, micros, fsp);
        }
        SqlTemporal base = new SqlTemporal(Kind.DATETIME, false, year, month, day, hour, minute, second, 0, fsp);
        if (!base.validDate(false) || base.month == 0 || base.day == 0) {
            return new SqlTemporal(Kind.DATETIME, false, year, month, day, hour, minute, second, 999_999, fsp);
        }
        LocalDateTime next = LocalDateTime.of(year, month, day, hour, minute, second).plusSeconds(1);
        return new SqlTemporal(Kind.DATETIME, false, next.getYear(), next.getMonthValue(), next.getDayOfMonth(),
                next.getHour(), next.getMinute(), next.getSecond(), 0, fsp);
    }

    /** Microseconds of a fraction's digits, rounded half up at the 7th digit (may return 1_000_000). */
    private static int micros(String fraction) {
        if (fraction.isEmpty()) {
            return 0;
        }
        String six = (fraction + "000000").substring(0, 6);
        int v = Integer.parseInt(six);
        if (fraction.length() > 6 && fraction.charAt(6) >= '5') {
            v++;
        }
        return v;
    }

    /**
     * Reads a TIME string: {@code [-][D ]hh:mm:ss[.ffffff]}, {@code hh:mm}, {@code hhmmss}, {@code mmss}, {@code ss}
     * (with fraction), or a datetime string whose time part is taken. Hours above 838 are clipped to
     * {@code 838:59:59}, as MySQL does.
     */
    static SqlTemporal parseTime(String text, ZoneId zone) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (DATE_PREFIX.matcher(t).matches() || (NUMERIC.matcher(t).matches() && t.indexOf('.') < 0 && t.length() >= 12)) {
            SqlTemporal dt = parseDateTime(t, zone, false);
            return dt == null ? null : dt.to(Kind.TIME, zone);
        }
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1).strip();
        }
        long days = 0;
        Matcher dm = DAYS.matcher(t);
        if (dm.matches()) {
            days = Long.parseLong(dm.group(1));
            t = dm.group(2);
        }
        long hours;
        int minutes = 0;
        int seconds = 0;
        String fraction = "";
        if (t.contains(":") || days > 0) {
            String[] parts = t.split(":", -1);
            if (parts.length > 3) {
                return null;
            }
            String last = parts[parts.length - 1];
            int dot = last.indexOf('.');
            if (dot >= 0) {
                if (parts.length < 3 && !(parts.length == 1 && days > 0)) {
                    return null;
                }
                fraction = last.substring(dot + 1);
                parts[parts.length - 1] = last.substring(0, dot);
            }
            for (String p : parts) {
                if (p.isEmpty() || !p.chars().allMatch(Character::isDigit) || p.length() > 9) {
                    return null;
                }
            }
            if (!fraction.chars().allMatch(Character::isDigit)) {
                return null;
            }
            hours = Long.parseLong(parts[0]);
            if (parts.length > 1) {
                minutes = Integer.parseInt(parts[1]);
            }
            if (parts.length > 2) {
                seconds = Integer.parseInt(parts[2]);
            }
        } else {
            Matcher m = NUMERIC.matcher(t);
            if (!m.matches() || m.group(1).length() > 11) {
                return null;
            }
            long v = Long.parseLong(m.group(1));
            fraction = m.group(2) == null ? "" : m.group(2);
            hours = v / 10000;
            minutes = (int) (v / 100 % 100);
            seconds = (int) (v % 100);
        }
        if (minutes > 59 || seconds > 59) {
            return null;
        }
        long total = ((days * 24 + hours) * 3600 + minutes * 60L + seconds) * 1_000_000L + micros(fraction);
        return ofTimeMicros(negative, total, Math.min(6, fraction.length()));
    }

    /** A TIME of {@code total} microseconds (clipped to 838:59:59). */
    static SqlTemporal ofTimeMicros(boolean negative, long total, int fsp) {
        long abs = Math.min(Math.abs(total), MAX_TIME_MICROS);
        boolean neg = (negative ^ total < 0) && abs != 0;
        long secs = abs / 1_000_000;
        return new SqlTemporal(Kind.TIME, neg, 0, 0, 0, (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60),
                (int) (abs % 1_000_000), fsp);
    }

    /**
     * A number read as a temporal value: {@code YYYYMMDD}, {@code YYMMDD}, {@code YYYYMMDDhhmmss},
     * {@code YYMMDDhhmmss} for dates, {@code [-]hhmmss} for TIME, with fractions.
     */
    static SqlTemporal fromNumber(BigDecimal n, Kind target) {
        BigDecimal abs = n.abs();
        BigInteger whole = abs.toBigInteger();
        BigDecimal frac = abs.subtract(new BigDecimal(whole));
        int micros = frac.movePointRight(6).setScale(0, RoundingMode.HALF_UP).intValueExact();
        int fsp = Math.min(6, Math.max(0, n.scale()));
        if (whole.bitLength() > 62) {
            return null;
        }
        long v = whole.longValue();
        if (target == Kind.TIME) {
            long hours = v / 10000;
            int minutes = (int) (v / 100 % 100);
            int seconds = (int) (v % 100);
            if (minutes > 59 || seconds > 59) {
                return null;
            }
            return ofTimeMicros(n.signum() < 0, (hours * 3600 + minutes * 60L + seconds) * 1_000_000L + micros, fsp);
        }
        if (n.signum() < 0) {
            return null;
        }
        if (v == 0 && micros == 0) {
            return new SqlTemporal(Kind.DATETIME, false, 0, 0, 0, 0, 0, 0, 0, fsp);
        }
        boolean hasTime;
        if (v < 101) {
            return null;
        } else if (v <= 691231) {
            v += 20000000;
            hasTime = false;
        } else if (v < 700101) {
            return null;
        } else if (v <= 991231) {
            v += 19000000;
            hasTime = false;
        } else if (v < 10000101) {
            return null;
        } else if (v <= 99991231) {
            hasTime = false;
        } else if (v < 101000000) {
            return null;
        } else if (v <= 691231235959L) {
            v += 20000000000000L;
            hasTime = true;
        } else if (v < 700101000000L) {
            return null;
        } else if (v <= 991231235959L) {
            v += 19000000000000L;
            hasTime = true;
        } else if (v < 10000101000000L) {
            return null;
        } else if (v <= 99991231235959L) {
            hasTime = true;
        } else {
            return null;
        }
        long date = hasTime ? v / 1000000 : v;
        long time = hasTime ? v % 1000000 : 0;
        SqlTemporal r = new SqlTemporal(hasTime ? Kind.DATETIME : Kind.DATE, false, (int) (date / 10000),
                (int) (date / 100 % 100), (int) (date % 100), (int) (time / 10000), (int) (time / 100 % 100),
                (int) (time % 100), hasTime ? micros : 0, hasTime ? fsp : 0);
        return r.validDate(false) && r.hour < 24 && r.minute < 60 && r.second < 60 ? r : null;
    }

    private boolean validDate(boolean lenient) {
        if (month > 12 || day > 31) {
            return false;
        }
        if (lenient || month == 0 || day == 0) {
            return true;
        }
        return day <= LocalDate.of(year == 0 ? 2000 : year, month, 1).lengthOfMonth();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Converting

    /** This value as another temporal kind; TIME to a date uses today in {@code zone}, as MySQL does. */
    SqlTemporal to(Kind target, ZoneId zone) {
        if (target == kind) {
            return this;
        }
        if (kind == Kind.TIME) {
            LocalDateTime t = LocalDate.now(zone).atStartOfDay().plus(timeMicros(), ChronoUnit.MICROS);
            SqlTemporal dt = new SqlTemporal(Kind.DATETIME, false, t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond(), micros, fsp);
            return dt.to(target, zone);
        }
        return switch (target) {
            case DATE -> date(year, month, day);
            case DATETIME -> new SqlTemporal(Kind.DATETIME, false, year, month, day, hour, minute, second, micros, fsp);
            case TIME -> new SqlTemporal(Kind.TIME, false, 0, 0, 0, hour, minute, second, micros, fsp);
            default -> throw new IllegalArgumentException(target.toString());
        };
    }

    /** Signed microseconds of a TIME. */
    long timeMicros() {
        long v = ((hour * 3600L) + minute * 60L + second) * 1_000_000L + micros;
        return negative ? -v : v;
    }

    private long dateTimeKey() {
        return ((((((long) year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000L + micros;
    }

    /** Orders two values of the same kind (the caller converts them first). */
    @Override
    public int compareTo(SqlTemporal o) {
        return kind == Kind.TIME ? Long.compare(timeMicros(), o.timeMicros()) : Long.compare(dateTimeKey(), o.dateTimeKey());
    }

    boolean isZeroDate() {
        return year == 0 && month == 0 && day == 0;
    }

    /** Whether the value is zero (false in a boolean context). */
    boolean isZero() {
        return (kind == Kind.TIME || isZeroDate()) && hour == 0 && minute == 0 && second == 0 && micros == 0;
    }

    /** The value in numeric context: YYYYMMDD, YYYYMMDDhhmmss[.ffffff] or [-]hhmmss[.ffffff]. */
    Number toNumber() {
        long whole = switch (kind) {
            case DATE -> year * 10000L + month * 100L + day;
            case DATETIME -> (year * 10000L + month * 100L + day) * 1000000L + hour * 10000L + minute * 100L + second;
            default -> hour * 10000L + minute * 100L + second;
        };
        if (kind == Kind.DATE || (fsp == 0 && micros == 0)) {
            return negative ? -whole : whole;
        }
        BigDecimal v = BigDecimal.valueOf(whole).add(BigDecimal.valueOf(micros, 6)).setScale(Math.max(fsp, 0),
                RoundingMode.HALF_UP);
        return negative ? v.negate() : v;
    }

    /** The MySQL text of the value, with {@link #fsp()} fraction digits. */
    String text() {
        StringBuilder sb = new StringBuilder(26);
        if (kind != Kind.TIME) {
            pad(sb, year, 4).append('-');
            pad(sb, month, 2).append('-');
            pad(sb, day, 2);
            if (kind == Kind.DATE) {
                return sb.toString();
            }
            sb.append(' ');
        } else if (negative) {
            sb.append('-');
        }
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        if (fsp > 0) {
            sb.append('.').append(Integer.toString(1_000_000 + micros), 1, 1 + fsp);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** A tiny reader over date text. */
    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        /** 1 to {@code max} digits, or null. */
        String digits(int max) {
            int start = pos;
            while (pos < s.length() && pos - start < max && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : s.substring(start, pos);
        }

        boolean punctuation() {
            if (pos < s.length() && !Character.isLetterOrDigit(s.charAt(pos)) && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
                return true;
            }
            return false;
        }

        boolean accept(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** {@code T} or one or more spaces between the date and the time. */
        boolean timeSeparator() {
            if (accept('T')) {
                return true;
            }
            int start = pos;
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }
    }
}
