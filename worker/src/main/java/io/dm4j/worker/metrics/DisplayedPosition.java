package io.dm4j.worker.metrics;

import io.dm4j.common.position.BinlogPosition;

import java.util.Optional;

/** Reads back DM's display form of a binlog position, {@code (mysql-bin.000005, 916)}, as query-status shows it. */
final class DisplayedPosition {
    private DisplayedPosition() {
    }

    /** Empty for "" (not known yet) or any other text. */
    static Optional<BinlogPosition> parse(String text) {
        if (text == null || !text.startsWith("(") || !text.endsWith(")")) {
            return Optional.empty();
        }
        int comma = text.lastIndexOf(", ");
        if (comma < 2) {
            return Optional.empty();
        }
        try {
            long pos = Long.parseLong(text.substring(comma + 2, text.length() - 1));
            return pos < 0 ? Optional.empty() : Optional.of(new BinlogPosition(text.substring(1, comma), pos));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
