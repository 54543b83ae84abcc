package io.dm4j.worker.subtask;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.worker.sync.SyncUnit;
import org.junit.jupiter.api.Test;

/** The sync unit's wait for an open transaction fits in the subtask's pause wait, with time left to flush. */
class PauseTimeoutsTest {

    @Test
    void syncUnitFinishesItsTransactionWithinThePauseWait() {
        assertTrue(SyncUnit.FINISH_TRANSACTION_ON_PAUSE.plusSeconds(2).compareTo(SubTask.PAUSE_WAIT) <= 0,
                "pause waits " + SubTask.PAUSE_WAIT + ", the unit may wait " + SyncUnit.FINISH_TRANSACTION_ON_PAUSE
                        + " for a transaction end and then drains and flushes");
    }
}
