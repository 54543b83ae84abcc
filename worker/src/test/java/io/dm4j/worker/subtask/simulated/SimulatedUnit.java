package io.dm4j.worker.subtask.simulated;

import io.dm4j.common.errors.DbErrors;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a real unit, for control-plane tests before the real units exist: Dump does nothing, Load copies
 * the selected tables once, Sync copies them again every poll interval until paused. Status is reported in the
 * shape of DM's unit status, with {@code synced} true after a pass that found nothing to change.
 */
final class SimulatedUnit implements Unit {
    private final UnitType type;
    private final TableCopier copier;
    private final Duration poll;
    private volatile boolean pauseRequested;
    private volatile boolean synced;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();

    SimulatedUnit(UnitType type, TableCopier copier, Duration poll) {
        this.type = type;
        this.copier = copier;
        this.poll = poll;
    }

    @Override
    public UnitType type() {
        return type;
    }

    @Override
    public UnitResult process() {
        pauseRequested = false;
        synced = false;
        if (type == UnitType.DUMP) {
            return UnitResult.done();
        }
        while (!pauseRequested) {
            try {
                int n = copier.pass();
                changes.addAndGet(n);
                passes.incrementAndGet();
                synced = n == 0;
            } catch (SQLException e) {
                synced = false;
                return UnitResult.failed(DbErrors.BAD_CONN.wrap(e, "a simulated " + type.label().toLowerCase() + " pass"));
            }
            if (type == UnitType.LOAD) {
                return UnitResult.done();
            }
            long until = System.nanoTime() + poll.toNanos();
            while (!pauseRequested && System.nanoTime() < until) {
                sleep(Math.min(50, poll.toMillis()));
            }
        }
        return UnitResult.cancel();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pause() {
        pauseRequested = true;
    }

    @Override
    public Object status() {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (type) {
            case DUMP -> {
                s.put("totalTables", "0");
                s.put("completedTables", 0.0);
                s.put("finishedBytes", 0.0);
                s.put("finishedRows", 0.0);
                s.put("estimateTotalRows", 0.0);
                s.put("progress", "100.00 %");
            }
            case LOAD -> {
                s.put("finishedBytes", "0");
                s.put("totalBytes", "0");
                s.put("progress", passes.get() > 0 ? "100.00 %" : "0.00 %");
                s.put("metaBinlog", "");
                s.put("metaBinlogGTID", "");
            }
            default -> {
                s.put("totalEvents", Long.toString(changes.get()));
                s.put("totalTps", "0");
                s.put("recentTps", "0");
                s.put("masterBinlog", "");
                s.put("masterBinlogGtid", "");
                s.put("syncerBinlog", "");
                s.put("syncerBinlogGtid", "");
                s.put("blockingDDLs", java.util.List.of());
                s.put("unresolvedGroups", java.util.List.of());
                s.put("synced", synced);
                s.put("binlogType", "simulated");
                s.put("secondsBehindMaster", "0");
                s.put("blockDDLOwner", "");
                s.put("conflictMsg", "");
                s.put("totalRows", Long.toString(changes.get()));
                s.put("totalRps", "0");
                s.put("recentRps", "0");
            }
        }
        return s;
    }

    @Override
    public void close() {
        pauseRequested = true;
    }
}
