package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code start-relay | stop-relay | pause-relay | resume-relay -s source.. [worker..]}.
 *
 * @param op      {@code StartRelay}, {@code StopRelay}, {@code PauseRelay} or {@code ResumeRelay} (DM's RelayOp names)
 * @param sources the sources (at least one)
 * @param workers start/stop only, DM's deprecated form: the workers that should pull the relay log
 */
public record OperateRelayRequest(String op, List<String> sources, List<String> workers) {
    public OperateRelayRequest {
        op = op == null ? "" : op;
        sources = sources == null ? List.of() : List.copyOf(sources);
        workers = workers == null ? List.of() : List.copyOf(workers);
    }
}
