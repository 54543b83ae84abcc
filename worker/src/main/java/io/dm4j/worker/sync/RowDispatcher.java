package io.dm4j.worker.sync;

import io.dm4j.common.position.GtidSet;
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
 * stored point, because running an INSERT into such a table twice leaves two rows. With GTIDs the points compare by
 * GTID set and index within the transaction ({@link RowPoint}), so the skip stays exact after a switch to another
 * upstream server with the same GTID history.
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
    /**
     * The GTID set at the last transaction end (the set executed before the current transaction; null without GTIDs)
     * and how many changes of the current transaction were submitted so far. Taken from the transaction ends, not
     * from the changes' locations: the events inside a MySQL compressed transaction already carry the set after it.
     */
    private GtidSet transaction;
    private int countInTransaction;

    /** @param keylessApplied the stored keyless lane point (null when nothing is stored) */
    RowDispatcher(DmlApplier applier, RowPoint keylessApplied) {
        this(applier, keylessApplied, null);
    }

    /**
     * @param keylessApplied the stored keyless lane point (null when nothing is stored)
     * @param start          the GTID set the stream starts at (a transaction end); null without GTIDs
     */
    RowDispatcher(DmlApplier applier, RowPoint keylessApplied, GtidSet start) {
        this.applier = applier;
        this.replayUntil = keylessApplied;
        this.transaction = start;
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
        // The stream starts at a transaction end, so the index within the transaction is the same on every replay and
        // on every server with the same history.
        int firstInTransaction = countInTransaction;
        countInTransaction += changes.size();
        applier.beginTransaction();
        for (int i = 0; i < changes.size(); i++) {
            RowChange c = changes.get(i);
            if (c.schema().hasIdentityKey()) {
                applier.submit(c, safeMode);
                continue;
            }
            RowPoint point = new RowPoint(at.position(), first + i, transaction,
                    transaction == null ? 0 : firstInTransaction + i);
            if (alreadyApplied(point)) {
                skipped++;
                continue;
            }
            applier.submitKeyless(c, point);
        }
    }

    /**
     * The upstream transaction ended at {@code at}: its changes go downstream (together, unless the task splits
     * transactions and {@code whole} is false), and the next changes belong to the transaction after it.
     */
    void endTransaction(Location at, boolean whole) {
        applier.endTransaction(whole);
        transaction = at.gtidSet();
        countInTransaction = 0;
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
