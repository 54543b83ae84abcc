package io.dm4j.proto.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.Dm4jVersion;
import io.dm4j.proto.ProtoJson;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /status}: which program and build answers on this port and for how long it has run, e.g.
 * {@code {"component":"dm-worker","name":"worker1","version":"0.1.0","git_hash":"6efddb3",
 * "start_time":"2026-12-03T06:40:00Z","uptime_seconds":42}}.
 */
public final class StatusEndpoint implements HttpEndpoint {
    private final String component;
    private final String name;
    private final Clock clock;
    private final Instant started;

    /** Counts uptime from now. */
    public StatusEndpoint(String component, String name) {
        this(component, name, Clock.systemUTC());
    }

    StatusEndpoint(String component, String name, Clock clock) {
        this.component = component;
        this.name = name;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public HttpReply handle(HttpQuery query) throws JsonProcessingException {
        ObjectNode status = ProtoJson.mapper().createObjectNode()
                .put("component", component)
                .put("name", name)
                .put("version", Dm4jVersion.version())
                .put("git_hash", Dm4jVersion.commit())
                .put("start_time", started.toString())
                .put("uptime_seconds", Math.max(0, clock.millis() - started.toEpochMilli()) / 1000);
        return HttpReply.json(ProtoJson.mapper().writeValueAsString(status) + "\n");
    }
}
