package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final List<Duration> pauses = new ArrayList<>();

    private String run(boolean terminal, int count) {
        AtomicInteger n = new AtomicInteger();
        new Watch(out, terminal, clock, pauses::add).run(() -> "snapshot " + n.incrementAndGet() + "\n",
                Duration.ofMillis(1500), count);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalEachSnapshotClearsTheScreen() {
        String text = run(true, 3);

        assertEquals(3, text.split(java.util.regex.Pattern.quote(Watch.CLEAR), -1).length - 1, text);
        assertTrue(text.startsWith(Watch.CLEAR + "Every 1.5s: query-status"), text);
        assertTrue(text.endsWith("snapshot 3\n"), text);
        assertEquals(List.of(Duration.ofMillis(1500), Duration.ofMillis(1500)), pauses, "no pause after the last");
    }

    @Test
    void intoAPipeSnapshotsAreAppendedWithoutEscapes() {
        String text = run(false, 2);

        assertFalse(text.contains("\033"), text);
        String[] lines = text.split("\n");
        assertEquals(4, lines.length, text);
        assertTrue(lines[0].startsWith("--- Every 1.5s: query-status"), text);
        assertEquals("snapshot 1", lines[1]);
        assertTrue(lines[2].startsWith("--- "), text);
        assertEquals("snapshot 2", lines[3]);
    }

    @Test
    void intervalsAreDurationsOrSeconds() {
        assertEquals(Duration.ofSeconds(5), QueryStatusView.interval("5"));
        assertEquals(Duration.ofMillis(500), QueryStatusView.interval("500ms"));
        assertEquals(Duration.ofMinutes(1), QueryStatusView.interval("1m"));
        DmException bad = assertThrows(DmException.class, () -> QueryStatusView.interval("often"));
        assertTrue(bad.getMessage().contains("--watch `often`"), bad.getMessage());
        assertThrows(DmException.class, () -> QueryStatusView.interval("10ms"));
    }
}
