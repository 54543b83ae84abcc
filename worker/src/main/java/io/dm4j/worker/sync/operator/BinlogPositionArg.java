package io.dm4j.worker.sync.operator;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.position.BinlogPosition;

/** Reads dmctl's {@code -b FILE:POS}. */
public final class BinlogPositionArg {
    private BinlogPositionArg() {
    }

    public static BinlogPosition parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw BinlogOpErrors.BAD_POSITION.error(t, "expected FILE:POS");
        }
        String file = t.substring(0, colon).trim();
        long pos;
        try {
            pos = Long.parseLong(t.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw BinlogOpErrors.BAD_POSITION.error(t, "POS must be a number of bytes");
        }
        if (pos < BinlogPosition.FIRST_EVENT_POS) {
            throw BinlogOpErrors.BAD_POSITION.error(t, "POS must be at least " + BinlogPosition.FIRST_EVENT_POS);
        }
        return new BinlogPosition(file, pos);
    }
}
