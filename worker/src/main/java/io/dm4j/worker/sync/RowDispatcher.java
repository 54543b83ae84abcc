package io.dm4j.worker.sync;

import io.dm4j.common.position.Location;
import io.dm4j.worker.sync.apply.DmlApplier;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.model.RowPoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a rows event's changes to the applier: changes of tables with a primary or NOT NULL unique key to the
 * parallel queues (a replay is made harmless by safe mode), changes of tables without one to the keyless lane,
 * which stores its progress with the rows. A replay after a crash skips the keyless changes at or before the
 * stored point, because running an INSERT into such a table twice leaves two rows.
 */
final class RowDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RowDispatcher.class);

    private final DmlApplier applier;
    /** The keyless lane's stored point while the replay has not passed it; null afterwards. */
    private RowPoint replayUntil;
    private long skipped;
    /** The location of the last submitted changes and how many were submitted there (see {@link #submit}). */
    private Location lastAt;
    private int countAt;

    /** @param keylessApplied the stored keyless lane point (null when nothing is stored) */
    RowDispatcher(DmlApplier applier, RowPoint keylessApplied) {
        this.applier = applier;
        this.replayUntil = keylessApplied;
    }

    /**
     * Dispatches the changes of the rows event that ends at {@code at}. Events without a position of their own
     * (those inside a MySQL TRANSACTION_PAYLOAD) all stand at the same location: their changes are numbered on from
     * the previous call's, so every change keeps a distinct point, the same on every replay.
     */
    void submit(List<RowChange> changes, Location at, boolean safeMode) {
        int first = at.equals(lastAt) ? countAt : 0;
        lastAt = at;
        countAt = first + changes.size();
        applier.beginTransaction();
        for (int i = 0; i < changes.size(); i++) {
            RowChange c = changes.get(i);
            if (c.schema().hasIdentityKey()) {
                applier.submit(c, safeMode);
                continue;
            }
            RowPoint point = new RowPoint(at.position(), first + i);
            if (alreadyApplied(point)) {
                skipped++;
                continue;
            }
            applier.submitKeyless(c, point);
        }
    }

    /** The upstream transaction ended: its changes go downstream together. */
    void endTransaction() {
        applier.endTransaction();
    }

    private boolean alreadyApplied(RowPoint point) {
        if (replayUntil == null) {
            return false;
        }
        if (point.compareTo(replayUntil) <= 0) {
            return true;
        }
        LOG.info("replay passed the keyless lane point {}: {} change(s) of tables without a key were already"
                + " downstream and were skipped", replayUntil, skipped);
        replayUntil = null;
        return false;
    }
}
