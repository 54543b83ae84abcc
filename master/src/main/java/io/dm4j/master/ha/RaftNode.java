package io.dm4j.master.ha;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.common.files.PrivateFiles;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.ClusterStore;
import io.dm4j.master.state.Command;
import io.dm4j.proto.ProtoJson;
import io.dm4j.proto.tls.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This master's member of the masters' Raft group (Apache Ratis, gRPC transport, log and snapshots under
 * {@code data-dir/raft}). With the master's TLS settings the peer traffic is mutual TLS ({@link PeerTls}). It is the {@link ClusterStore} of the master: {@link #apply(List)} appends the commands
 * as one entry, waits until a majority has it and this master applied it, and fails with
 * {@link HaErrors#NO_LEADER} on a master that is not the leader (followers forward requests instead). A single
 * master is a group of one and takes the same path.
 *
 * <p>Leadership as the rest of the master sees it ({@link #activeTerm()}): this master is leader, and it has
 * applied a {@link RaftEntry.Barrier} of its own term, so its state holds everything committed before it.
 */
public final class RaftNode implements ClusterStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    private static final ObjectMapper JSON = ProtoJson.mapper();
    /** One group per cluster: every master derives the same id. */
    static final RaftGroupId GROUP = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("dm4j-masters".getBytes(StandardCharsets.UTF_8)));
    static final String RAFT_DIR = "raft";

    /**
     * @param electionMin    a follower that hears nothing from the leader this long starts an election (randomised up to max)
     * @param snapshotEvery  Raft entries between snapshots; the log before a snapshot is dropped
     * @param commitTimeout  how long {@link #apply(List)} waits for a majority
     */
    public record Settings(Duration electionMin, Duration electionMax, long snapshotEvery, Duration commitTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(800), Duration.ofMillis(1600), 1000, Duration.ofSeconds(15));
    }

    /** A member of the group: its name and peer address (host:port). */
    public record Peer(String name, String address, int priority) {
    }

    private final String name;
    private final RaftPeerId self;
    private final RaftServer server;
    private final MasterStateMachine machine;
    private final RaftProperties properties;
    private final Parameters parameters;
    private final Settings settings;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private volatile long activeTerm = -1;
    private final AtomicLong leaderStarts = new AtomicLong();
    private volatile boolean closed;
    private volatile LeaderListener listener = term -> { };

    /** Told when this master became the active leader of a term (called once per term, on the thread that noticed). */
    @FunctionalInterface
    public interface LeaderListener {
        void becameLeader(long term);
    }

    private RaftNode(String name, RaftServer server, MasterStateMachine machine, RaftProperties properties,
                     Parameters parameters, Settings settings) {
        this.name = name;
        this.self = RaftPeerId.valueOf(name);
        this.server = server;
        this.machine = machine;
        this.properties = properties;
        this.parameters = parameters;
        this.settings = settings;
    }

    /** Whether data-dir already holds this master's Raft storage (then the group is recovered from it). */
    public static boolean initialised(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(RAFT_DIR).resolve(GROUP.getUuid().toString()));
    }

    /**
     * Starts the member.
     *
     * @param listen  host:port the Raft transport listens on (peer-urls)
     * @param peers   name → host:port of the group to start or join (ignored when data-dir has a group already)
     */
    public static RaftNode start(String name, String listen, Map<String, String> peers, Path dataDir, Settings settings) {
        return start(name, listen, peers, dataDir, settings, TlsConfig.NONE);
    }

    /** As {@link #start(String, String, Map, Path, Settings)}; with {@code tls} enabled, peers talk mutual TLS. */
    public static RaftNode start(String name, String listen, Map<String, String> peers, Path dataDir, Settings settings,
                                 TlsConfig tls) {
        Parameters parameters = PeerTls.parameters(tls, peers.size());
        Path raftDir = dataDir.resolve(RAFT_DIR);
        try {
            PrivateFiles.createDirectories(raftDir);
        } catch (IOException e) {
            throw HaErrors.RAFT_START.wrap(e, name, listen, dataDir, e.getMessage());
        }
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        String host = listen.substring(0, listen.lastIndexOf(':'));
        GrpcConfigKeys.Server.setHost(p, host.isEmpty() ? "0.0.0.0" : host);
        GrpcConfigKeys.Server.setPort(p, Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(settings.electionMin().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(settings.electionMax().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(Math.max(3000, settings.electionMax().toMillis()), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // small segments and a purge gap of one snapshot interval, so that the log really shrinks after a snapshot
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("64KB"));
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, settings.snapshotEvery()));
        boolean recover = initialised(dataDir);
        List<RaftPeer> raftPeers = new ArrayList<>();
        peers.forEach((n, addr) -> raftPeers.add(RaftPeer.newBuilder().setId(n).setAddress(addr).build()));
        RaftGroup group = RaftGroup.valueOf(GROUP, raftPeers);
        MasterStateMachine[] holder = new MasterStateMachine[1];
        RaftNode[] node = new RaftNode[1];
        holder[0] = new MasterStateMachine(leader -> {
            if (node[0] != null) {
                node[0].leaderChanged(leader);
            }
        });
        try {
            RaftServer server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(name)).setGroup(group)
                    .setStateMachine(holder[0]).setProperties(p).setParameters(parameters)
                    .setOption(recover ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT).build();
            node[0] = new RaftNode(name, server, holder[0], p, parameters, settings);
            server.start();
            PrivateFiles.restrictFilesIn(raftDir);
        } catch (IOException | RuntimeException e) {
            if (node[0] != null) {
                node[0].close();
            }
            throw e instanceof DmException d ? d : HaErrors.RAFT_START.wrap(e, name, listen, dataDir, e.toString());
        }
        LOG.info("master {}: Raft member {} on {} ({}), group {}, peer traffic {}", name, recover ? "recovered" : "formatted",
                listen, recover ? "members from the log" : "members " + peers, GROUP.getUuid(),
                parameters.get(GrpcConfigKeys.TLS.CONF_PARAMETER, GrpcTlsConfig.class) != null ? "mutual TLS" : "plaintext");
        return node[0];
    }

    public String name() {
        return name;
    }

    public void onBecomingLeader(LeaderListener l) {
        this.listener = l;
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(GROUP);
        } catch (IOException e) {
            throw HaErrors.NO_LEADER.wrap(e, name, ": the Raft group is not open (" + e.getMessage() + ")");
        }
    }

    @Override
    public ClusterState state() {
        return machine.state().cluster();
    }

    /** The replicated state with the masters' addresses. */
    public ReplicatedState replicated() {
        return machine.state();
    }

    /** The name of the leader as this master knows it. */
    public Optional<String> leader() {
        RaftPeerId id = division().getInfo().getLeaderId();
        return id == null ? Optional.empty() : Optional.of(id.toString());
    }

    /**
     * The advertise-addr of the leader as this master knows it, where requests are sent on to; empty during an
     * election or before the leader published it.
     */
    public Optional<String> leaderAddress() {
        return leader().map(l -> replicated().masters().get(l));
    }

    public long term() {
        return division().getInfo().getCurrentTerm();
    }

    /** First index still in the Raft log here; entries before it were dropped after a snapshot. */
    public long logStartIndex() {
        return division().getRaftLog().getStartIndex();
    }

    public boolean isLeader() {
        return division().getInfo().isLeader();
    }

    /**
     * The term in which this master leads with a state known to be current, or -1. The first call of a new term
     * commits a barrier entry and tells the {@link LeaderListener}.
     */
    public synchronized long activeTerm() {
        var info = division().getInfo();
        if (!info.isLeader() || !info.isLeaderReady()) {
            return -1;
        }
        long term = info.getCurrentTerm();
        if (activeTerm == term) {
            return term;
        }
        try {
            submit(new RaftEntry.Barrier(name), Duration.ofSeconds(5));
        } catch (DmException e) {
            LOG.debug("leader barrier of term {} not committed yet: {}", term, e.getMessage());
            return -1;
        }
        if (division().getInfo().getCurrentTerm() != term || !division().getInfo().isLeader()) {
            return -1;
        }
        activeTerm = term;
        leaderStarts.incrementAndGet();
        LOG.info("master {} is the leader (term {}); state at cluster index {}", name, term, state().index());
        listener.becameLeader(term);
        return term;
    }

    /** How often this master started leading (became the active leader of a term) since it started. */
    public long leaderStarts() {
        return leaderStarts.get();
    }

    private void leaderChanged(RaftPeerId leader) {
        LOG.info("master {}: the leader is now {}", name, leader == null ? "unknown (election)" : leader);
    }

    @Override
    public ClusterState apply(List<Command> commands) {
        if (commands.isEmpty()) {
            return state();
        }
        submit(new RaftEntry.Commands(List.copyOf(commands)), settings.commitTimeout());
        return state();
    }

    /** Appends an entry through this master (which must lead) and waits until it is applied here. */
    public void submit(RaftEntry entry, Duration timeout) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + entry, e);
        }
        RaftClientRequest req = RaftClientRequest.newBuilder().setClientId(clientId).setServerId(self).setGroupId(GROUP)
                .setCallId(callIds.incrementAndGet()).setMessage(Message.valueOf(ByteString.copyFrom(bytes)))
                .setType(RaftClientRequest.writeRequestType()).setTimeoutMs(timeout.toMillis()).build();
        RaftClientReply reply;
        try {
            reply = server.submitClientRequestAsync(req).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HaErrors.NOT_COMMITTED.wrap(e, "interrupted");
        } catch (ExecutionException | IOException e) {
            throw HaErrors.NOT_COMMITTED.wrap(e, e.getCause() != null ? e.getCause().toString() : e.toString());
        } catch (TimeoutException e) {
            throw HaErrors.NOT_COMMITTED.wrap(e, "no majority within " + timeout.toMillis() + " ms");
        }
        if (!reply.isSuccess()) {
            if (reply.getNotLeaderException() != null) {
                RaftPeer suggested = reply.getNotLeaderException().getSuggestedLeader();
                throw HaErrors.NO_LEADER.error(name, suggested == null ? "" : " (the leader is " + suggested.getId() + ")");
            }
            throw HaErrors.NOT_COMMITTED.error(String.valueOf(reply.getException()));
        }
    }

    /** The group's members with their peer addresses, from the current configuration. */
    public List<Peer> members() {
        List<Peer> out = new ArrayList<>();
        for (RaftPeer p : division().getRaftConf().getCurrentPeers()) {
            out.add(new Peer(p.getId().toString(), p.getAddress(), p.getPriority()));
        }
        out.sort(java.util.Comparator.comparing(Peer::name));
        return out;
    }

    /**
     * Names of the members this master can see alive: itself, and on the leader every follower that answered within
     * three election timeouts; on a follower, itself and the leader it hears from.
     */
    public List<String> alive() {
        List<String> out = new ArrayList<>();
        out.add(name);
        RoleInfoProto role = division().getInfo().getRoleInfoProto();
        long limit = settings.electionMax().toMillis() * 3;
        if (role.hasLeaderInfo()) {
            for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                if (f.getLastRpcElapsedTimeMs() <= limit) {
                    out.add(f.getId().getId().toStringUtf8());
                }
            }
        } else if (role.hasFollowerInfo() && role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs() <= limit) {
            leader().ifPresent(out::add);
        }
        return out;
    }

    /** A Ratis client for membership changes and leadership transfer (it finds the leader itself). */
    private RaftClient adminClient() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        return RaftClient.newBuilder().setProperties(p).setParameters(parameters).setRaftGroup(division().getGroup()).setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20, TimeDuration.valueOf(300, TimeUnit.MILLISECONDS)))
                .build();
    }

    /** Replaces the group's configuration (add or remove members, change priorities). */
    public void setMembers(List<Peer> peers, String what, String who) {
        List<RaftPeer> raftPeers = peers.stream().map(x -> RaftPeer.newBuilder().setId(x.name()).setAddress(x.address())
                .setPriority(x.priority()).build()).toList();
        try (RaftClient c = adminClient()) {
            RaftClientReply r = c.admin().setConfiguration(raftPeers);
            if (!r.isSuccess()) {
                throw HaErrors.MEMBERSHIP_CHANGE.error(what, who, String.valueOf(r.getException()));
            }
        } catch (IOException e) {
            throw HaErrors.MEMBERSHIP_CHANGE.wrap(e, what, who, e.toString());
        }
    }

    /** Hands leadership to {@code to}; true when it took it. */
    public boolean transferLeadership(String to, Duration timeout) {
        try (RaftClient c = adminClient()) {
            RaftClientReply r = c.admin().transferLeadership(RaftPeerId.valueOf(to), timeout.toMillis());
            return r.isSuccess();
        } catch (IOException e) {
            LOG.warn("leadership transfer to {} failed: {}", to, e.toString());
            return false;
        }
    }

    /**
     * Appends an entry through this master when it leads, else sends it to the leader; false when no leader is known
     * (an election runs: try again).
     */
    public boolean submitAnywhere(RaftEntry entry, Duration timeout) {
        if (activeTerm() >= 0) {
            submit(entry, timeout);
            return true;
        }
        if (leader().isPresent() && !leader().get().equals(name)) {
            submitToLeader(entry);
            return true;
        }
        return false;
    }

    /** Sends an entry to the leader, wherever it is (this master's own announcements). */
    public void submitToLeader(RaftEntry entry) {
        try (RaftClient c = adminClient()) {
            RaftClientReply r = c.io().send(Message.valueOf(ByteString.copyFrom(JSON.writeValueAsBytes(entry))));
            if (!r.isSuccess()) {
                throw HaErrors.NOT_COMMITTED.error(String.valueOf(r.getException()));
            }
        } catch (IOException e) {
            throw HaErrors.NOT_COMMITTED.wrap(e, e.toString());
        }
    }

    /** Name → peer address of the current members, for messages and list-member. */
    public Map<String, String> peerAddresses() {
        Map<String, String> out = new LinkedHashMap<>();
        members().forEach(m -> out.put(m.name(), m.address()));
        return out;
    }

    static Collection<String> names(List<Peer> peers) {
        return peers.stream().map(Peer::name).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the Raft server: {}", e.toString());
        }
    }
}
