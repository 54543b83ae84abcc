package io.dm4j.worker.copy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.ProtoJson;
import io.dm4j.worker.dump.DumpFeed;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dump and the load of a subtask running at the same time: the dump on a thread of its own, the load on the
 * caller's, following the dump through a {@link DumpFeed} (it loads each data file once the dump has finished it).
 * Each unit keeps its own job, checkpoint and status; this class only starts, stops and reports them together.
 * <ul>
 *   <li>{@link #type()} and the status: {@code Dump} while the dump runs, with the load's progress under the key
 *       {@code load} inside the dump's status (dm4j's addition; DM clients ignore unknown keys); {@code Load} once the
 *       dump is complete, with the load's own status. query-status therefore always shows one of DM's units and its
 *       status in the place DM clients read it.</li>
 *   <li>A failed or paused dump stops the load (the dump runs again on resume, at a new snapshot; the load then
 *       empties what it loaded from the old one). A failed load lets the dump finish first, so that resume-task
 *       continues the load from its checkpoint instead of dumping again; the subtask then pauses with the load's
 *       error.</li>
 * </ul>
 */
public final class OverlappedCopy implements Unit {
    private static final Logger LOG = LoggerFactory.getLogger(OverlappedCopy.class);

    private final Unit dump;
    private final Unit load;
    private final DumpFeed feed;
    private final String name;
    private volatile boolean dumpComplete;
    /** The unit last reported by {@link #type()}; {@link #status()} answers in its shape (see there). */
    private volatile UnitType shown = UnitType.DUMP;

    OverlappedCopy(Unit dump, Unit load, DumpFeed feed, String name) {
        this.dump = dump;
        this.load = load;
        this.feed = feed;
        this.name = name;
    }

    /**
     * The units of a subtask with its dump and load joined into one {@link OverlappedCopy} when
     * {@link OverlapPolicy} allows it; otherwise unchanged (they run one after the other).
     */
    public static List<Unit> join(SubTaskConfig cfg, List<Unit> units) {
        int at = -1;
        for (int i = 0; i + 1 < units.size(); i++) {
            if (units.get(i) instanceof DumpUnit && units.get(i + 1) instanceof LoadUnit) {
                at = i;
            }
        }
        if (at < 0) {
            return units;
        }
        Optional<String> against = OverlapPolicy.reasonAgainst(cfg);
        if (against.isPresent()) {
            LOG.info("task {} source {}: the load starts after the dump: {}", cfg.name(), cfg.sourceId(), against.get());
            return units;
        }
        DumpFeed feed = new DumpFeed();
        DumpUnit d = (DumpUnit) units.get(at);
        LoadUnit l = (LoadUnit) units.get(at + 1);
        d.publishTo(feed);
        l.follow(feed);
        List<Unit> out = new ArrayList<>(units.subList(0, at));
        out.add(new OverlappedCopy(d, l, feed, cfg.name() + "@" + cfg.sourceId()));
        out.addAll(units.subList(at + 2, units.size()));
        return out;
    }

    @Override
    public UnitType type() {
        UnitType now = dumpComplete ? UnitType.LOAD : UnitType.DUMP;
        shown = now;
        return now;
    }

    @Override
    public UnitResult process() {
        feed.restart();
        dumpComplete = false;
        UnitResult[] dumped = new UnitResult[1];
        Thread dumping = new Thread(() -> {
            UnitResult r;
            try {
                r = dump.process();
            } catch (Throwable t) { // as SubTask treats a unit that throws
                LOG.error("the dump of {} threw", name, t);
                r = UnitResult.failed(WorkerErrors.SUBTASK_CRASHED.wrap(t, dump.type().label(), name));
            }
            dumped[0] = r;
            dumpComplete = r.finished();
        }, "dm4j-dump-" + name);
        dumping.setDaemon(true);
        dumping.start();
        UnitResult loaded = load.process();
        if (!loaded.ok() && dumping.isAlive()) {
            LOG.warn("the load of {} failed ({}); the dump is finished first, so that resuming continues the load"
                    + " without dumping again", name, loaded.errors().get(0).getMessage());
        }
        try {
            dumping.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dump.pause();
            return UnitResult.cancel();
        }
        type(); // the status shown from now on is that of the unit the subtask stopped in
        return combine(dumped[0], loaded);
    }

    /** The dump's failure first (the load only stopped because of it), then the load's, then a pause of either. */
    static UnitResult combine(UnitResult dumped, UnitResult loaded) {
        if (!dumped.ok()) {
            return dumped;
        }
        if (!loaded.ok()) {
            return loaded;
        }
        if (!dumped.finished() || !loaded.finished()) {
            return UnitResult.cancel();
        }
        return UnitResult.done();
    }

    @Override
    public void pause() {
        dump.pause();
        load.pause();
    }

    /**
     * The status of the unit {@link #type()} reported last, not of the phase at this instant: the subtask reads the
     * type and then the status, and puts the status under the key of that type, so the two must agree when the dump
     * completes in between.
     */
    @Override
    public Object status() {
        if (shown == UnitType.LOAD) {
            return load.status();
        }
        ObjectNode s = ProtoJson.mapper().valueToTree(dump.status());
        s.set("load", ProtoJson.mapper().valueToTree(load.status()));
        return s;
    }

    @Override
    public List<Unit> parts() {
        return List.of(dump, load);
    }

    @Override
    public void close() {
        try {
            dump.close();
        } finally {
            load.close();
        }
    }
}
