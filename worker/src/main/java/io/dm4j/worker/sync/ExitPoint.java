package io.dm4j.worker.sync;

import io.dm4j.common.position.Location;

/**
 * The safe-mode exit point the unit stores when it stops in an orderly way (pause, stop, or after an error): the
 * furthest location whose changes may be downstream. The next start replays from the checkpoint up to it in safe
 * mode; only a hard crash leaves the 16 MiB mark pushed ahead during the run.
 */
final class ExitPoint {
    private ExitPoint() {
    }

    /**
     * @param checkpoint     the global point that is (or is being) stored: every change before it is committed
     * @param lastDispatched the location of the last change handed to the applier (may be committed, partly or not)
     * @param replayBound    the end of a replay window still open from the previous run or the dump (changes up to
     *                       it may be downstream already); null when none
     * @return the exit point; equal to {@code checkpoint} when nothing beyond it can be downstream
     */
    static Location of(Location checkpoint, Location lastDispatched, Location replayBound) {
        Location exit = checkpoint;
        Location dispatched = lastDispatched == null ? null : coverTransaction(lastDispatched, checkpoint);
        if (dispatched != null && dispatched.compareTo(exit) > 0) {
            exit = dispatched;
        }
        if (replayBound != null && replayBound.compareTo(exit) > 0) {
            exit = replayBound;
        }
        return exit;
    }

    /**
     * A change's location carries the GTID set executed <em>before</em> its transaction. When that transaction has not
     * ended by the checkpoint, the exit point takes the set one transaction further, so the whole transaction stays
     * covered by the set alone: a restart on another server (GTID failover) cannot use the file and position.
     */
    static Location coverTransaction(Location dispatched, Location checkpoint) {
        if (dispatched.gtidSet() == null) {
            return dispatched;
        }
        boolean ended = checkpoint.gtidSet() != null && checkpoint.gtidSet().flavor() == dispatched.gtidSet().flavor()
                && checkpoint.gtidSet().contains(dispatched.gtidSet())
                && !dispatched.gtidSet().contains(checkpoint.gtidSet());
        return ended ? dispatched : dispatched.withGtid(dispatched.gtidSet().withNextTransactions(1));
    }
}
