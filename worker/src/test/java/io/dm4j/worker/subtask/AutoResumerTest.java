package io.dm4j.worker.subtask;

import static io.dm4j.worker.subtask.SubTaskTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.CheckerConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.proto.message.Stage;
import io.dm4j.worker.unit.UnitType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AutoResumerTest {
    static final CheckerConfig CHECKER = new CheckerConfig(true, Duration.ofMinutes(5), Duration.ofSeconds(8), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2.0, false);

    static SubTask failing(FakeUnit sync) {
        SubTask st = SubTaskTest.subtask("incremental", new SubTaskTest.Units(sync));
        st.start();
        await("paused by error", st::pausedByError);
        return st;
    }

    @Test
    void retryableErrorIsResumedAfterTheBackoffWhichGrows() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false).failingWith(DbErrors.BAD_CONN.error("a"), DbErrors.BAD_CONN.error("b"));
        AtomicLong now = new AtomicLong(System.nanoTime());
        SubTask st = failing(sync);
        now.set(st.pausedAtNanos());
        AutoResumer r = new AutoResumer(CHECKER, () -> List.of(st), now::get);
        assertEquals(0, r.check(), "backoff of 1 s not passed yet");
        now.addAndGet(Duration.ofMillis(1000).toNanos());
        assertEquals(1, r.check());
        assertEquals(Duration.ofSeconds(2), r.backoffOf(st).step(), "the next wait doubles");
        await("failed again", () -> sync.processCalls.get() == 2 && st.pausedByError());
        now.set(st.pausedAtNanos() + Duration.ofMillis(1999).toNanos());
        assertEquals(0, r.check());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(1, r.check());
        await("running", () -> sync.processCalls.get() == 3 && st.stage() == Stage.RUNNING);
        assertEquals(Duration.ofSeconds(4), r.backoffOf(st).step());
        // healthy for backoff-rollback: the backoff shrinks one step
        r.check();
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        r.check();
        assertEquals(Duration.ofSeconds(2), r.backoffOf(st).step());
        st.stop();
    }

    @Test
    void backoffIsCappedAtBackoffMax() {
        Backoff b = new Backoff(CHECKER, () -> 0.5);
        for (int i = 0; i < 10; i++) {
            b.forward();
        }
        assertEquals(Duration.ofSeconds(8), b.step());
        for (int i = 0; i < 10; i++) {
            b.rollback();
        }
        assertEquals(Duration.ofSeconds(1), b.step());
        assertTrue(b.atMin());
        CheckerConfig jitter = new CheckerConfig(true, Duration.ofMinutes(5), Duration.ofSeconds(8), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2.0, true);
        Backoff j = new Backoff(jitter, () -> 0.0);
        j.forward();
        j.forward();
        assertEquals(Duration.ofSeconds(2), j.delay(), "jitter draws between half the step and the step");
    }

    @Test
    void manualPauseIsNeverResumed() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false);
        SubTask st = SubTaskTest.subtask("incremental", new SubTaskTest.Units(sync));
        st.start();
        await("running", () -> sync.processCalls.get() == 1);
        st.pause();
        AtomicLong now = new AtomicLong(System.nanoTime() + Duration.ofHours(1).toNanos());
        AutoResumer r = new AutoResumer(CHECKER, () -> List.of(st), now::get);
        assertEquals(0, r.check());
        assertEquals(Stage.PAUSED, st.stage());
    }

    @Test
    void unresumableErrorsStayPaused() {
        DmException dup = DbErrors.EXECUTE_TRANSIENT.wrap(new SQLException("Duplicate entry '1' for key 'PRIMARY'"), 3, "INSERT");
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false).failingWith(dup);
        SubTask st = failing(sync);
        AtomicLong now = new AtomicLong(st.pausedAtNanos() + Duration.ofHours(1).toNanos());
        assertEquals(0, new AutoResumer(CHECKER, () -> List.of(st), now::get).check());
        FakeUnit sync2 = new FakeUnit(UnitType.SYNC, false).failingWith(DbErrors.EXECUTE_FAILED.error("not retryable"));
        SubTask st2 = failing(sync2);
        assertEquals(0, new AutoResumer(CHECKER, () -> List.of(st2), now::get).check());
        assertFalse(ResumePolicy.resumable(List.of()));
        assertTrue(ResumePolicy.resumable(List.of(DbErrors.BAD_CONN.error("x"))));
    }

    @Test
    void disabledCheckerDoesNothing() {
        FakeUnit sync = new FakeUnit(UnitType.SYNC, false).failingWith(DbErrors.BAD_CONN.error("a"));
        SubTask st = failing(sync);
        CheckerConfig off = new CheckerConfig(false, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 2.0, true);
        AtomicLong now = new AtomicLong(st.pausedAtNanos() + Duration.ofHours(1).toNanos());
        assertEquals(0, new AutoResumer(off, () -> List.of(st), now::get).check());
        assertTrue(st.pausedByError());
    }
}
