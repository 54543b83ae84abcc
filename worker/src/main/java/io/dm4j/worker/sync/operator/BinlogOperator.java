package io.dm4j.worker.sync.operator;

import io.dm4j.common.position.BinlogPosition;
import java.util.List;
import java.util.Objects;

/**
 * A pending {@code binlog skip|replace|inject}: fires once, when the sync unit reaches the event that starts at
 * {@code position}.
 *
 * @param position the event's start (DM's {@code startLocation}); for rows, the start of the transaction
 * @param sqls     the statements of replace and inject, in order; empty for skip
 */
public record BinlogOperator(BinlogOp op, BinlogPosition position, List<String> sqls) {
    public BinlogOperator {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        sqls = sqls == null ? List.of() : List.copyOf(sqls);
    }

    /** {@code file:pos} as dmctl's {@code -b} takes it. */
    public String positionArg() {
        return position.file() + ":" + position.pos();
    }

    /** One line for logs and {@code binlog list}. */
    public String describe() {
        return op.label() + " at " + positionArg() + (sqls.isEmpty() ? "" : ": " + String.join("; ", sqls));
    }
}
