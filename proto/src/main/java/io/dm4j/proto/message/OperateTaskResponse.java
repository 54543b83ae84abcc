package io.dm4j.proto.message;

import java.util.List;

/** Answer of start-task, stop-task, pause-task and resume-task: DM's {@code OperateTaskResponse}. */
public record OperateTaskResponse(String op, boolean result, String msg, List<SourceResult> sources) {
    public OperateTaskResponse {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
