package io.dm4j.proto.message;

import java.util.List;

/** A worker's status: its source (null when free) and its subtasks. */
public record QueryWorkerStatusResponse(boolean result, String msg, String worker, SourceStatus sourceStatus,
                                        List<SubTaskStatus> subTaskStatus) {
    public QueryWorkerStatusResponse {
        subTaskStatus = subTaskStatus == null ? List.of() : List.copyOf(subTaskStatus);
    }
}
