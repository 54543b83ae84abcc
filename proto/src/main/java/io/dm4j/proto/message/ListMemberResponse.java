package io.dm4j.proto.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Answer of list-member in DM's shape: {@code members: [{leader: ...}, {master: ...}, {worker: ...}]}. */
public record ListMemberResponse(boolean result, String msg, List<Members> members) {

    public ListMemberResponse {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** One element of {@code members}: exactly one of the three is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Members(LeaderInfo leader, MasterList master, WorkerList worker) {
    }

    public record LeaderInfo(String msg, String name, String addr) {
    }

    public record MasterList(String msg, List<MasterInfo> masters) {
    }

    /** @param memberID a stable number derived from the name (a single master has no Raft id) */
    public record MasterInfo(String name, long memberID, boolean alive, List<String> peerURLs, List<String> clientURLs) {
    }

    public record WorkerList(String msg, List<WorkerInfo> workers) {
    }

    /** @param stage {@code offline}, {@code free} or {@code bound} */
    public record WorkerInfo(String name, String addr, String stage, String source) {
    }
}
