package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DM's duration and size syntax, and the edit-distance suggestions. */
class ValueSyntaxTest {

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(5), DmDuration.parse("5m"));
        assertEquals(Duration.ofSeconds(30), DmDuration.parse("30s"));
        assertEquals(Duration.ofMinutes(90), DmDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(60), DmDuration.parse("60s"));
        assertEquals(Duration.ofMillis(300), DmDuration.parse("300ms"));
        assertEquals(Duration.ofMinutes(90), DmDuration.parse("1.5h"));
        assertEquals(Duration.ofNanos(1500), DmDuration.parse("1us500ns"));
        assertEquals(Duration.ZERO, DmDuration.parse("0"));
        assertEquals(Duration.ZERO, DmDuration.parse("0s"));
        assertEquals(Duration.ofSeconds(-2), DmDuration.parse("-2s"));
        for (String bad : List.of("", "5", "5 minutes", "m", "1x", "1h-5m")) {
            assertThrows(IllegalArgumentException.class, () -> DmDuration.parse(bad), bad);
        }
        assertEquals("1h30m", DmDuration.format(Duration.ofMinutes(90)));
        assertEquals("30s", DmDuration.format(Duration.ofSeconds(30)));
        assertEquals("0s", DmDuration.format(Duration.ZERO));
        assertEquals("1s500ms", DmDuration.format(Duration.ofMillis(1500)));
    }

    @Test
    void sizes() {
        assertEquals(500L << 20, ByteSize.parse("500m", 1));
        assertEquals(64L << 20, ByteSize.parse("64", 1L << 20));
        assertEquals(64L << 20, ByteSize.parse("64MiB", 1));
        assertEquals(2L << 30, ByteSize.parse("2GB", 1));
        assertEquals(1536, ByteSize.parse("1.5k", 1));
        assertEquals(10, ByteSize.parse("10b", 1));
        assertFalse(ByteSize.isValid("lots"));
        assertFalse(ByteSize.isValid("5x"));
        assertTrue(ByteSize.isValid("0"));
    }

    @Test
    void suggestions() {
        assertEquals("task-mode", Suggestions.closest("tsk-mode", List.of("name", "task-mode", "meta-schema")).orElseThrow());
        assertEquals("block-allow-list", Suggestions.closest("blcok-allow-list", List.of("block-allow-list", "routes")).orElseThrow());
        assertTrue(Suggestions.closest("zzzzzz", List.of("name", "routes")).isEmpty());
        assertEquals("", Suggestions.didYouMean("x", List.of()));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
