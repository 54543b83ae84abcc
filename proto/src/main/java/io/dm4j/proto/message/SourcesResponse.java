package io.dm4j.proto.message;

import java.util.List;

/** An answer with one entry per source, as DM's HandleError and OperateSchema print it. */
public record SourcesResponse(boolean result, String msg, List<SourceResult> sources) {
    public SourcesResponse {
        msg = msg == null ? "" : msg;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
