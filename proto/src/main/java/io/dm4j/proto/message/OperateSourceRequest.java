package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code operate-source create|stop|show}.
 *
 * @param op        {@code create}, {@code stop} or {@code show}
 * @param configs   source.yaml texts (create; stop may give them instead of ids)
 * @param origins   the file names of {@code configs}, for messages (same order; may be shorter)
 * @param sourceIds ids (stop, show; show without ids lists every source)
 * @param worker    create only: the worker to bind to ("" = let the scheduler choose)
 */
public record OperateSourceRequest(String op, List<String> configs, List<String> origins, List<String> sourceIds, String worker) {
    public OperateSourceRequest {
        configs = configs == null ? List.of() : List.copyOf(configs);
        origins = origins == null ? List.of() : List.copyOf(origins);
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
        worker = worker == null ? "" : worker;
    }
}
