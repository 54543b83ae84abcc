package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dm4j.master.server.MasterService;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.common.errors.MasterErrors;
import java.util.List;

/** {@code /api/v1/cluster}: masters and workers through {@code list-member} and {@code offline-member}. */
final class ClusterApi {
    private static final String BASE = "/api/v1/cluster";

    private final MasterService master;

    ClusterApi(MasterService master) {
        this.master = master;
    }

    void register(ApiRouter r) {
        r.add("GET", BASE + "/masters", c -> masters())
                .add("DELETE", BASE + "/masters/{master-name}", c -> offline("master", c.path("master-name")))
                .add("GET", BASE + "/workers", c -> workers())
                .add("DELETE", BASE + "/workers/{worker-name}", c -> offline("worker", c.path("worker-name")));
    }

    private ApiReply masters() {
        ArrayNode data = Json.MAPPER.createArrayNode();
        String leader = "";
        for (ListMemberResponse.Members m : master.listMember(new ListMemberRequest(true, true, false, List.of())).members()) {
            if (m.leader() != null) {
                leader = m.leader().name();
            }
            if (m.master() != null) {
                for (ListMemberResponse.MasterInfo mi : m.master().masters()) {
                    String addr = mi.clientURLs().isEmpty() ? "" : mi.clientURLs().get(0).replaceFirst("^https?://", "");
                    data.addObject().put("name", mi.name()).put("alive", mi.alive()).put("leader", mi.name().equals(leader))
                            .put("addr", addr);
                }
            }
        }
        return ApiReply.ok(Json.list(data));
    }

    private ApiReply workers() {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (ListMemberResponse.Members m : master.listMember(new ListMemberRequest(false, false, true, List.of())).members()) {
            if (m.worker() != null) {
                for (ListMemberResponse.WorkerInfo w : m.worker().workers()) {
                    data.addObject().put("name", w.name()).put("addr", w.addr()).put("bound_stage", w.stage())
                            .put("bound_source_name", w.source());
                }
            }
        }
        return ApiReply.ok(Json.list(data));
    }

    private ApiReply offline(String type, String name) {
        CommonResponse r = master.offlineMember(new OfflineMemberRequest(type, name));
        if (!r.result()) {
            throw MasterErrors.INVALID_OPERATION.error(r.msg());
        }
        return ApiReply.noContent();
    }
}
