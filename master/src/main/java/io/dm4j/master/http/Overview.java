package io.dm4j.master.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.master.server.MasterService;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.SubTaskEntry;
import io.dm4j.master.state.TaskEntry;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourceStatusEntry;
import io.dm4j.proto.message.SubTaskStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows, in one JSON document built from one {@code query-status} over every source and one
 * {@code list-member}: tasks with their subtasks (stage, unit, the unit's own status, errors with workaround) and
 * sources with their worker and relay stage.
 */
final class Overview {
    private final MasterService master;
    private final ObjectMapper json;

    Overview(MasterService master, ObjectMapper json) {
        this.master = master;
        this.json = json;
    }

    ObjectNode build() {
        ClusterState s = master.state();
        ObjectNode out = json.createObjectNode();
        out.put("generated_at", Instant.now().toString());
        List<SourceStatusEntry> entries = s.sources().isEmpty() ? List.of()
                : master.queryStatus(new QueryStatusRequest("", List.copyOf(s.sources().keySet()), false)).sources();
        Map<String, String> workerStages = workerStages();
        Map<String, ArrayNode> subtasksByTask = new LinkedHashMap<>();
        Map<String, SourceStatusEntry> bySource = new HashMap<>();
        for (SourceStatusEntry e : entries) {
            bySource.put(e.sourceStatus().source(), e);
            for (SubTaskStatus st : e.subTaskStatus()) {
                subtasksByTask.computeIfAbsent(st.name(), k -> json.createArrayNode())
                        .add(subtask(st, e.sourceStatus().source(), e.sourceStatus().worker()));
            }
        }
        ArrayNode tasks = out.putArray("tasks");
        for (TaskEntry t : s.tasks().values()) {
            ObjectNode task = tasks.addObject();
            task.put("name", t.name());
            task.put("desired_stage", t.subtasks().values().stream().anyMatch(x -> x.stage() == io.dm4j.proto.message.Stage.RUNNING)
                    ? "Running" : "Paused");
            ArrayNode subs = subtasksByTask.getOrDefault(t.name(), json.createArrayNode());
            for (SubTaskEntry sub : t.subtasks().values()) {
                boolean answered = false;
                for (JsonNode x : subs) {
                    answered |= x.path("source").asText().equals(sub.source());
                }
                if (!answered) {
                    SourceStatusEntry e = bySource.get(sub.source());
                    subs.addObject().put("source", sub.source()).put("worker", s.workerOf(sub.source()).orElse(""))
                            .put("stage", "").put("unit", "").put("message", e == null ? "no status yet" : e.msg());
                }
            }
            task.set("subtasks", subs);
        }
        ArrayNode sources = out.putArray("sources");
        for (String id : s.sources().keySet()) {
            ObjectNode src = sources.addObject();
            String worker = s.workerOf(id).orElse("");
            src.put("name", id);
            src.put("worker", worker);
            src.put("worker_stage", worker.isEmpty() ? "" : workerStages.getOrDefault(worker, ""));
            SourceStatusEntry e = bySource.get(id);
            JsonNode relay = e == null ? null : e.sourceStatus().relayStatus();
            src.put("relay_stage", relay == null ? "" : relay.path("stage").asText(""));
            src.set("tasks", json.valueToTree(s.tasksOn(id)));
            if (e != null && !e.result() && !e.msg().isEmpty()) {
                src.put("message", e.msg());
            }
        }
        ArrayNode workers = out.putArray("workers");
        workerStages.forEach((name, stage) -> workers.addObject().put("name", name).put("stage", stage)
                .put("source", s.sourceOf(name).orElse("")));
        return out;
    }

    private Map<String, String> workerStages() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ListMemberResponse.Members m : master.listMember(new ListMemberRequest(false, false, true, List.of())).members()) {
            if (m.worker() != null) {
                m.worker().workers().forEach(w -> out.put(w.name(), w.stage()));
            }
        }
        return out;
    }

    private ObjectNode subtask(SubTaskStatus st, String source, String worker) {
        ObjectNode o = json.createObjectNode();
        o.put("source", source);
        o.put("worker", worker);
        o.put("stage", st.stage() == null ? "" : st.stage().label());
        o.put("unit", st.unit());
        if (st.dump() != null) {
            o.set("dump", st.dump());
        }
        if (st.load() != null) {
            o.set("load", st.load());
        }
        if (st.sync() != null) {
            o.set("sync", st.sync());
        }
        ArrayNode errors = o.putArray("errors");
        if (st.result() != null) {
            for (ProcessError e : st.result().errors()) {
                errors.addObject().put("code", e.errCode()).put("message", e.message()).put("raw_cause", e.rawCause())
                        .put("workaround", e.workaround());
            }
        }
        return o;
    }
}
