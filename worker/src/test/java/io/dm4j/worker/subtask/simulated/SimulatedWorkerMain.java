package io.dm4j.worker.subtask.simulated;

import io.dm4j.worker.WorkerMain;
import java.time.Duration;

/**
 * dm-worker with the table-copying stand-ins instead of DM's units, for control-plane tests
 * ({@code -Ddm4j.units.poll-ms} sets how often they copy, default 500). Test code only: the release has none of it.
 */
public final class SimulatedWorkerMain {
    private SimulatedWorkerMain() {
    }

    public static void main(String[] args) {
        long pollMs = Long.getLong("dm4j.units.poll-ms", 500);
        WorkerMain.run(new WorkerMain(new SimulatedUnitFactory(Duration.ofMillis(pollMs))), args);
    }
}
