package io.dm4j.worker.relay;

/**
 * {@code relayStatus} of query-status, with DM's keys.
 *
 * @param masterBinlog       the upstream's current position, {@code (up-bin.000005, 916)}
 * @param masterBinlogGtid   the upstream's executed GTID set
 * @param relaySubDir        the sub-directory being written, {@code <server-uuid>.000001}
 * @param relayBinlog        the position written up to, {@code (up-bin.000005, 916)}
 * @param relayBinlogGtid    the GTID set of the transactions complete in the relay
 * @param relayCatchUpMaster whether the relay holds everything the upstream had written when last asked
 * @param stage              New, Running, Paused or Stopped
 * @param error              the error that paused the relay ("" when none)
 */
public record RelayStatus(String masterBinlog, String masterBinlogGtid, String relaySubDir, String relayBinlog,
                          String relayBinlogGtid, boolean relayCatchUpMaster, String stage, String error) {
}
