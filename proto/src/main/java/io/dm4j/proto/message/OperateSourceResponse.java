package io.dm4j.proto.message;

import java.util.List;

/** Answer of {@code operate-source}: overall result and one entry per source. */
public record OperateSourceResponse(boolean result, String msg, List<SourceResult> sources) {
    public OperateSourceResponse {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
