package io.dm4j.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.EventType;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.sync.MutableClock;
import io.dm4j.worker.sync.SyncStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SyncObserverTest {
    static final String LABELS = "source_id=\"mysql-01\",task=\"orders\",worker=\"worker1\"";

    private static SyncStatus sync(String master, String syncer) {
        return new SyncStatus(10, 0, 0, master, "", syncer, "", List.of(), List.of(), false, "remote", 0, "", "",
                7, 0, 0, 4, 2, 1, false, 0, 0);
    }

    private static String scrape(SyncObserver observer, SyncStatus sync) throws IOException {
        SubTaskSample s = new SubTaskSample("orders", "mysql-01", Stage.RUNNING, sync, null, List.of(), observer, null, null,
                null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, WorkerMetrics.snapshots("worker1", List.of(s)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneReadInSixtyFourIsTimedAndAnIdleReadLeavesTheNextOneTimed() throws IOException {
        SyncObserver o = new SyncObserver(new MutableClock(Instant.EPOCH));
        long idle = o.readStarts();
        assertTrue(idle != 0, "the first read is timed");
        // no event came back: readEnded is not called, so the next read is timed instead
        for (int i = 0; i < 2 * SyncObserver.SAMPLE_EVERY; i++) {
            o.readEnded(o.readStarts());
        }
        String text = scrape(o, sync("", ""));
        assertTrue(text.contains("dm_syncer_read_binlog_duration_count{" + LABELS + "} 2"), text);
    }

    @Test
    void transformCostIsSampledByStageAndConflictDetectionTimedPerTransaction() throws IOException {
        SyncObserver o = new SyncObserver(new MutableClock(Instant.EPOCH));
        o.transformed(EventType.EXT_UPDATE_ROWS, o.transformStarts()); // timed: the first
        for (int i = 1; i < SyncObserver.SAMPLE_EVERY; i++) {
            o.transformed(EventType.EXT_WRITE_ROWS, o.transformStarts()); // not timed
        }
        o.transformed(EventType.EXT_DELETE_ROWS, o.transformStarts()); // timed: the 65th
        o.conflictDetected(3_000);
        o.conflictDetected(1_000_000);
        String text = scrape(o, sync("", ""));
        assertTrue(text.contains("dm_syncer_binlog_transform_cost_count{source_id=\"mysql-01\",stage=\"gen-update-rows\","
                + "task=\"orders\",worker=\"worker1\"} 1"), text);
        assertTrue(text.contains("stage=\"gen-delete-rows\""), text);
        assertFalse(text.contains("stage=\"gen-write-rows\""), text);
        assertTrue(text.contains("dm_syncer_conflict_detect_duration_count{" + LABELS + "} 2"), text);
        assertTrue(text.contains("dm_syncer_conflict_detect_duration_bucket{" + LABELS + ",le=\"6.4E-4\"} 1"), text); // 3 µs
        assertTrue(text.contains("dm_syncer_conflict_detect_duration_bucket{" + LABELS + ",le=\"0.00128\"} 2"), text); // 1 ms
    }

    @Test
    void remainingTimeIsTheBytesBehindOverTheRateBetweenScrapes() throws IOException {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        SyncObserver o = new SyncObserver(clock);
        String series = "dm_syncer_remaining_time{" + LABELS + "}";
        assertFalse(scrape(o, sync("(mysql-bin.000003, 10000)", "(mysql-bin.000003, 1000)")).contains(series), "no rate yet");
        clock.advance(Duration.ofSeconds(10));
        String text = scrape(o, sync("(mysql-bin.000003, 12000)", "(mysql-bin.000003, 2000)")); // 100 bytes/s, 10000 behind
        assertTrue(text.contains(series + " 100.0"), text);
        clock.advance(Duration.ofSeconds(10));
        assertTrue(scrape(o, sync("(mysql-bin.000003, 12000)", "(mysql-bin.000003, 12000)")).contains(series + " 0.0"));
    }

    @Test
    void remainingTimeIsUnknownAcrossBinlogFiles() {
        RemainingTime r = new RemainingTime();
        BinlogPosition up = new BinlogPosition("mysql-bin.000004", 500);
        assertEquals(OptionalDouble.empty(), r.estimate(up, new BinlogPosition("mysql-bin.000003", 100), 0));
        assertEquals(OptionalDouble.empty(), r.estimate(up, new BinlogPosition("mysql-bin.000003", 300), 1000));
        assertEquals(OptionalDouble.of(0), r.estimate(up, new BinlogPosition("mysql-bin.000005", 4), 2000), "past it: caught up");
        assertEquals(OptionalDouble.of(0), r.estimate(up, up, 3000));
    }
}
