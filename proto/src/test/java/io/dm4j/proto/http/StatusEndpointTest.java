package io.dm4j.proto.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.Dm4jVersion;
import io.dm4j.proto.ProtoJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusEndpointTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-03T06:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void answersComponentBuildAndUptime() throws Exception {
        ManualClock clock = new ManualClock();
        StatusEndpoint status = new StatusEndpoint("dm-worker", "worker1", clock);
        clock.now = clock.now.plus(Duration.ofSeconds(90).plusMillis(700));

        HttpReply reply = status.handle(new HttpQuery("/status", Map.of()));

        assertEquals(200, reply.status());
        assertEquals(HttpReply.JSON, reply.contentType());
        JsonNode json = ProtoJson.mapper().readTree(new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("dm-worker", json.get("component").asText());
        assertEquals("worker1", json.get("name").asText());
        assertEquals(Dm4jVersion.version(), json.get("version").asText());
        assertEquals(Dm4jVersion.commit(), json.get("git_hash").asText());
        assertEquals("2026-12-03T06:00:00Z", json.get("start_time").asText());
        assertEquals(90, json.get("uptime_seconds").asLong());
    }
}
