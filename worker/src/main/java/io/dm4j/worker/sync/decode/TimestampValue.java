package io.dm4j.worker.sync.decode;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A TIMESTAMP cell exactly as stored: seconds since the epoch (UTC) and microseconds. {@code (0, 0)} is the
 * zero timestamp {@code 0000-00-00 00:00:00}, which MySQL stores as 0.
 */
public record TimestampValue(long epochSecond, int micros) implements Serializable {

    public TimestampValue {
        if (micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("microseconds out of range: " + micros);
        }
    }

    public boolean isZero() {
        return epochSecond == 0 && micros == 0;
    }

    /** The MySQL literal of this instant in {@code zone}, with exactly {@code fsp} fraction digits. */
    public String format(ZoneId zone, int fsp) {
        if (isZero()) {
            return TemporalText.dateTime(0, 0, 0, 0, 0, 0, 0, fsp);
        }
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        return TemporalText.dateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), micros, fsp);
    }
}
