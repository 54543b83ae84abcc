package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code binlog skip|replace|inject|revert|list TASK [-b FILE:POS] [-s SOURCE].. [SQL..]} (DM's HandleError).
 *
 * @param op         skip, replace, inject, revert or list
 * @param binlogPos  "FILE:POS" of the event's start ({@code startLocation}); "" = the event that failed
 * @param sources    the sources to act on; empty = every source of the task
 * @param sqls       the statements of replace and inject, one per element
 */
public record BinlogOperateRequest(String op, String task, String binlogPos, List<String> sources, List<String> sqls) {
    public BinlogOperateRequest {
        op = op == null ? "" : op;
        task = task == null ? "" : task;
        binlogPos = binlogPos == null ? "" : binlogPos;
        sources = sources == null ? List.of() : List.copyOf(sources);
        sqls = sqls == null ? List.of() : List.copyOf(sqls);
    }

    /** The same request aimed at one source (what the master sends each worker). */
    public BinlogOperateRequest forSource(String source) {
        return new BinlogOperateRequest(op, task, binlogPos, List.of(source), sqls);
    }
}
