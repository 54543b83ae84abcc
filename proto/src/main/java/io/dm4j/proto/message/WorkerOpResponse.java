package io.dm4j.proto.message;

import java.util.List;

/** A worker's answer to BindSource and OperateSubTask: overall result and one entry per subtask acted on. */
public record WorkerOpResponse(boolean result, String msg, List<SubTaskOpResult> subtasks) {

    public WorkerOpResponse {
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    /** @param stage the subtask's stage after the operation */
    public record SubTaskOpResult(String name, boolean result, String msg, Stage stage) {
    }
}
