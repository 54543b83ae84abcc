package io.dm4j.master.ha;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.proto.http.HttpEndpoint;
import io.dm4j.proto.http.HttpQuery;
import io.dm4j.proto.http.HttpReply;

/**
 * An HTTP endpoint served only while this master leads: a follower's copy of the state is current, but the
 * operations behind the OpenAPI and the dashboard change it or ask the workers, which only the leader may do.
 * A follower answers 503 in DM's error shape naming the leader, so a client can go there.
 */
public final class LeaderOnlyHttp implements HttpEndpoint {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.time.Duration ELECTION_WAIT = java.time.Duration.ofSeconds(5);

    private final RaftNode node;
    private final HttpEndpoint local;

    public LeaderOnlyHttp(RaftNode node, HttpEndpoint local) {
        this.node = node;
        this.local = local;
    }

    @Override
    public HttpReply handle(HttpQuery query) throws Exception {
        // a master just started (or a group electing) has no leader for a moment: wait for the election first
        long waitUntil = System.nanoTime() + ELECTION_WAIT.toNanos();
        while (node.activeTerm() < 0 && !followsAnother() && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        if (node.activeTerm() >= 0) {
            return local.handle(query);
        }
        String leader = node.leader().orElse("");
        String addr = node.leaderAddress().orElse(null);
        DmException e = HaErrors.FOLLOWER_HTTP.error(node.name(), leader.isEmpty() ? " (an election is running)"
                : " `" + leader + "`" + (addr == null ? "" : " at " + addr));
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error_code", e.code().code());
        body.put("error_msg", e.getMessage());
        return new HttpReply(503, HttpReply.JSON, JSON.writeValueAsBytes(body));
    }

    /** A leader other than this master is known. */
    private boolean followsAnother() {
        String leader = node.leader().orElse("");
        return !leader.isEmpty() && !leader.equals(node.name());
    }

    @Override
    public boolean acceptsWrites() {
        return local.acceptsWrites();
    }
}
