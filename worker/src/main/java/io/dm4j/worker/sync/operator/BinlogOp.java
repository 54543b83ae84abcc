package io.dm4j.worker.sync.operator;

import java.util.Locale;
import java.util.Optional;

/** What an operator does with the event at its position. */
public enum BinlogOp {
    /** Drop the event (a DDL) or the whole transaction (rows). */
    SKIP,
    /** Run the operator's statements instead of the event or transaction. */
    REPLACE,
    /** Run the operator's statements, then the event. */
    INJECT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BinlogOp> of(String label) {
        for (BinlogOp op : values()) {
            if (op.label().equalsIgnoreCase(label)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
