package io.dm4j.worker.sync.decode;

/**
 * MySQL literals for temporal values, built from their fields so that zero and invalid dates
 * ({@code 0000-00-00}, {@code 2020-00-15}, {@code 2020-02-31}) survive unchanged.
 */
final class TemporalText {
    private TemporalText() {
    }

    static String date(int year, int month, int day) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, year, month, day);
        return sb.toString();
    }

    static String dateTime(int year, int month, int day, int hour, int minute, int second, int micros, int fsp) {
        StringBuilder sb = new StringBuilder(26);
        appendDate(sb, year, month, day);
        sb.append(' ');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        appendFraction(sb, micros, fsp);
        return sb.toString();
    }

    /** {@code [-]hh:mm:ss[.f]}: hours have at least two digits and go up to 838. */
    static String time(boolean negative, int hours, int minutes, int seconds, int micros, int fsp) {
        StringBuilder sb = new StringBuilder(17);
        if (negative) {
            sb.append('-');
        }
        pad(sb, hours, 2).append(':');
        pad(sb, minutes, 2).append(':');
        pad(sb, seconds, 2);
        appendFraction(sb, micros, fsp);
        return sb.toString();
    }

    /**
     * MySQL's in-memory packed TIME, {@code ±((hour << 12 | minute << 6 | second) << 24 | micros)}, as used by
     * TIME2 cells and by TIME values inside binary JSON.
     */
    static String fromPackedTime(long packed, int fsp) {
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        return time(packed < 0, (int) ((hms >> 12) & 0x3FF), (int) ((hms >> 6) & 0x3F), (int) (hms & 0x3F),
                (int) (abs & 0xFFFFFF), fsp);
    }

    /**
     * MySQL's in-memory packed DATETIME, {@code ((year * 13 + month) << 22 | day << 17 | hms) << 24 | micros}, as
     * used by DATETIME2 cells and by DATE/DATETIME values inside binary JSON.
     */
    static String fromPackedDateTime(long packed, int fsp) {
        long abs = Math.abs(packed);
        long intPart = abs >> 24;
        long ymd = intPart >> 17;
        long yearMonth = ymd >> 5;
        long hms = intPart & 0x1FFFF;
        return dateTime((int) (yearMonth / 13), (int) (yearMonth % 13), (int) (ymd & 0x1F), (int) (hms >> 12),
                (int) ((hms >> 6) & 0x3F), (int) (hms & 0x3F), (int) (abs & 0xFFFFFF), fsp);
    }

    private static void appendDate(StringBuilder sb, int year, int month, int day) {
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2);
    }

    /** Exactly {@code fsp} digits of the microseconds; the stored value never has more precision than fsp. */
    private static void appendFraction(StringBuilder sb, int micros, int fsp) {
        if (fsp <= 0) {
            return;
        }
        String six = Integer.toString(1_000_000 + micros).substring(1);
        sb.append('.').append(six, 0, Math.min(fsp, 6));
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
