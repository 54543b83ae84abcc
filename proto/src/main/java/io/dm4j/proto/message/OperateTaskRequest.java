package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code stop-task | pause-task | resume-task [-s source..] [task-name]}.
 *
 * @param op      {@code Stop}, {@code Pause} or {@code Resume} (DM's TaskOp names)
 * @param name    the task name; "" with sources = every task of those sources
 * @param sources restrict to these sources (empty = every source of the task)
 */
public record OperateTaskRequest(String op, String name, List<String> sources) {
    public OperateTaskRequest {
        name = name == null ? "" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
