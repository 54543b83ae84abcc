package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.HA;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.LOW;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Errors of the masters' replication (42950-42999): Raft membership, leadership, forwarding to the leader. */
public final class HaErrors {
    private HaErrors() {
    }

    public static final ErrorCode NO_LEADER = new ErrorCode(42950, "ErrHANoLeader", HA, INTERNAL, MEDIUM,
            "no dm-master leader is known to master `%s` right now%s",
            "Wait a few seconds and retry (an election takes about the election timeout); if it persists, check that a"
                    + " majority of the masters of `initial-cluster` run and reach each other on their peer-urls"
                    + " (`list-member --master`).", true);
    public static final ErrorCode FOLLOWER_HTTP = new ErrorCode(42960, "ErrHAFollowerServesNoApi", HA, INTERNAL, LOW,
            "dm-master `%s` is a follower; the OpenAPI and the dashboard's actions are served by the leader%s",
            "Send the request to the leader's address (`dmctl list-member --leader`, or the address in this message).",
            true);
    public static final ErrorCode BAD_INITIAL_CLUSTER = new ErrorCode(42951, "ErrHAInvalidInitialCluster", HA, INTERNAL, HIGH,
            "initial-cluster `%s`: %s",
            "Write initial-cluster as `name1=http://host1:8291,name2=http://host2:8291,...` with this master's --name in"
                    + " it, its URL equal to advertise-peer-urls, and the same list on every master.", false);
    public static final ErrorCode LEGACY_STATE = new ErrorCode(42952, "ErrHALegacyState", HA, INTERNAL, HIGH,
            "data-dir %s holds the state of a single master from an earlier release (wal.log, snapshot.json); %s",
            "Start this master once alone (without --join, initial-cluster naming only itself) to move that state into"
                    + " the replicated log; then add masters with --join.", false);
    public static final ErrorCode MASTER_NOT_FOUND = new ErrorCode(42953, "ErrHAMasterNotFound", HA, INTERNAL, MEDIUM,
            "master `%s` is not a member; the masters are %s", "Check the name with `list-member --master`.", false);
    public static final ErrorCode MASTER_STILL_ALIVE = new ErrorCode(42954, "ErrHAMasterAlive", HA, INTERNAL, MEDIUM,
            "master `%s` is alive%s; only a stopped master can be removed",
            "Stop that dm-master process first (or move leadership away with `operate-leader evict`), then run"
                    + " `offline-member --master --name NAME` again.", false);
    public static final ErrorCode MEMBERSHIP_CHANGE = new ErrorCode(42955, "ErrHAMembershipChange", HA, INTERNAL, HIGH,
            "cannot %s master `%s`: %s",
            "Check that a majority of the masters run (`list-member --master`) and retry; a joining master must reach"
                    + " the others on its advertise-peer-urls.", true);
    public static final ErrorCode JOIN_FAILED = new ErrorCode(42956, "ErrHAJoinFailed", HA, INTERNAL, HIGH,
            "master `%s` cannot join the cluster at %s: %s",
            "Give --join the master-addr of running masters, a --name not used yet, and --advertise-peer-urls the others"
                    + " can reach.", true);
    public static final ErrorCode RAFT_START = new ErrorCode(42957, "ErrHARaftStart", HA, INTERNAL, HIGH,
            "cannot start the replication of master `%s` (peer-urls %s, data-dir %s): %s",
            "Check that peer-urls names a free port on this host and that data-dir is writable.", false);
    public static final ErrorCode NOT_COMMITTED = new ErrorCode(42958, "ErrHANotCommitted", HA, INTERNAL, MEDIUM,
            "the change was not replicated to a majority of the masters: %s",
            "Retry the command; check with `list-member --master` that a majority of the masters is alive.", true);
    public static final ErrorCode LEADER_OPERATION = new ErrorCode(42959, "ErrHALeaderOperation", HA, INTERNAL, MEDIUM,
            "operate-leader %s: %s",
            "Use `operate-leader evict` on a cluster with another live master, `operate-leader cancel-evict` to undo it.", true);
    public static final ErrorCode PEER_TLS = new ErrorCode(42961, "ErrHAPeerTLS", HA, INTERNAL, HIGH,
            "the masters' Raft peer traffic (peer-urls) needs mutual TLS, but %s",
            "With TLS, give every dm-master ssl-ca, ssl-cert and ssl-key (the certificate must be valid for both server"
                    + " and client authentication and name the host of advertise-peer-urls); or set none of them.", false);
}
