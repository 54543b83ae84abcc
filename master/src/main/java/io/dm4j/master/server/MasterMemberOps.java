package io.dm4j.master.server;

import io.dm4j.common.errors.HaErrors;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.master.ha.RaftEntry;
import io.dm4j.master.ha.RaftNode;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.JoinMasterRequest;
import io.dm4j.proto.message.ListMemberResponse.LeaderInfo;
import io.dm4j.proto.message.ListMemberResponse.MasterInfo;
import io.dm4j.proto.message.OperateLeaderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masters as members: list-member --master/--leader, offline-member --master, operate-leader, and a new
 * master's join. Membership is the Raft group's configuration; each master's client address is in the replicated
 * state. Runs on the leader (requests are forwarded), except {@link #leader()} which any master answers.
 */
final class MasterMemberOps {
    private static final Logger LOG = LoggerFactory.getLogger(MasterMemberOps.class);
    /** Election priority of a master that may lead; an evicted master gets 0 and yields to any other. */
    static final int MAY_LEAD = 1;

    private final RaftNode raft;

    MasterMemberOps(RaftNode raft) {
        this.raft = raft;
    }

    LeaderInfo leader() {
        String leader = raft.leader().orElse("");
        return new LeaderInfo(leader.isEmpty() ? "no leader elected yet" : "", leader, raft.replicated().masters().getOrDefault(leader, ""));
    }

    List<MasterInfo> masters(List<String> names) {
        List<String> alive = raft.alive();
        List<MasterInfo> out = new ArrayList<>();
        for (RaftNode.Peer p : raft.members()) {
            if (names.isEmpty() || names.contains(p.name())) {
                String client = raft.replicated().masters().getOrDefault(p.name(), "");
                out.add(new MasterInfo(p.name(), MemberOps.memberId(p.name()), alive.contains(p.name()), List.of("http://" + p.address()),
                        client.isEmpty() ? List.of() : List.of("http://" + client)));
            }
        }
        return out;
    }

    CommonResponse offline(String name) {
        List<RaftNode.Peer> members = raft.members();
        List<String> names = members.stream().map(RaftNode.Peer::name).toList();
        if (!names.contains(name)) {
            throw HaErrors.MASTER_NOT_FOUND.error(name, names);
        }
        if (name.equals(raft.name())) {
            throw MasterErrors.INVALID_OPERATION.error("master `" + name + "` cannot be taken offline: it is the leader answering;"
                    + " stop it (or move leadership away with `operate-leader evict`) and ask another master");
        }
        if (raft.alive().contains(name)) {
            throw HaErrors.MASTER_STILL_ALIVE.error(name, "");
        }
        raft.setMembers(members.stream().filter(p -> !p.name().equals(name)).toList(), "remove", name);
        raft.submit(new RaftEntry.ForgetMaster(name), Duration.ofSeconds(15));
        LOG.info("master {} removed from the cluster (offline-member)", name);
        return CommonResponse.ok();
    }

    CommonResponse join(JoinMasterRequest r) {
        List<RaftNode.Peer> members = new ArrayList<>(raft.members());
        boolean known = members.stream().anyMatch(p -> p.name().equals(r.name()));
        if (!known) {
            members.add(new RaftNode.Peer(r.name(), r.peerAddr(), MAY_LEAD));
            LOG.info("master {} ({}) joins; the cluster waits for it to catch up", r.name(), r.peerAddr());
            raft.setMembers(members, "add", r.name());
        }
        raft.submit(new RaftEntry.MasterAddress(r.name(), r.clientAddr()), Duration.ofSeconds(15));
        return CommonResponse.ok();
    }

    /** evict: this leader yields (priority 0) and hands leadership to another live master; cancel-evict undoes it. */
    CommonResponse operateLeader(OperateLeaderRequest r) {
        String op = r.op() == null ? "" : r.op();
        String self = raft.name();
        switch (op) {
            case "evict" -> {
                List<String> others = raft.alive().stream().filter(n -> !n.equals(self)).sorted().toList();
                if (others.isEmpty()) {
                    throw HaErrors.LEADER_OPERATION.error(op, "no other master is alive to take over from " + self);
                }
                raft.setMembers(withPriority(self, 0), "evict", self);
                if (!raft.transferLeadership(others.get(0), Duration.ofSeconds(10))) {
                    LOG.warn("leadership transfer from {} to {} did not finish; the priority change moves it", self, others.get(0));
                }
                LOG.info("master {} evicted from leadership (operate-leader evict)", self);
                return new CommonResponse(true, "");
            }
            case "cancel-evict" -> {
                List<RaftNode.Peer> members = raft.members().stream().map(p -> new RaftNode.Peer(p.name(), p.address(), MAY_LEAD)).toList();
                raft.setMembers(members, "cancel-evict", "all");
                LOG.info("operate-leader cancel-evict: every master may lead again");
                return new CommonResponse(true, "");
            }
            default -> throw HaErrors.LEADER_OPERATION.error(op, "unknown operation; use evict or cancel-evict");
        }
    }

    private List<RaftNode.Peer> withPriority(String name, int priority) {
        return raft.members().stream().map(p -> new RaftNode.Peer(p.name(), p.address(),
                p.name().equals(name) ? priority : Math.max(MAY_LEAD, p.priority()))).toList();
    }
}
