package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Answer of query-status: with a task name (or sources) {@code sources} is set, without one {@code tasks} is; the other
 * is left out, as DM prints them.
 */
public record QueryStatusListResponse(boolean result, String msg,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) List<SourceStatusEntry> sources,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskSummary> tasks) {
}
