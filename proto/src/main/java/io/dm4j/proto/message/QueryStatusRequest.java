package io.dm4j.proto.message;

import java.util.List;

/** {@code query-status [-s source..] [task-name] [--more]}; name "" = every task (summary form). */
public record QueryStatusRequest(String name, List<String> sources, boolean more) {
    public QueryStatusRequest {
        name = name == null ? "" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
