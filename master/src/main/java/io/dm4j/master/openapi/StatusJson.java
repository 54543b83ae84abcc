package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.SubTaskStatus;
import java.util.Iterator;
import java.util.Map;

/**
 * A subtask's query-status entry as DM's OpenAPI {@code SubTaskStatus}: the unit's status object under
 * {@code dump_status}, {@code load_status} or {@code sync_status} with DM's camelCase field names in snake_case
 * ({@code secondsBehindMaster} → {@code seconds_behind_master}), errors joined into {@code error_msg}.
 */
final class StatusJson {
    private StatusJson() {
    }

    static ObjectNode subTask(SubTaskStatus st, String source, String worker) {
        ObjectNode o = Json.object();
        o.put("name", st.name());
        o.put("source_name", source);
        o.put("worker_name", worker);
        o.put("stage", st.stage() == null ? "" : st.stage().label());
        o.put("unit", st.unit());
        o.put("unresolved_ddl_lock_id", st.unresolvedDDLLockID());
        unit(o, "dump_status", st.dump());
        unit(o, "load_status", st.load());
        unit(o, "sync_status", st.sync());
        if (st.result() != null && st.result().hasErrors()) {
            StringBuilder msg = new StringBuilder();
            for (ProcessError e : st.result().errors()) {
                if (!msg.isEmpty()) {
                    msg.append("; ");
                }
                msg.append(e.message());
                if (e.rawCause() != null && !e.rawCause().isEmpty()) {
                    msg.append(": ").append(e.rawCause());
                }
            }
            o.put("error_msg", msg.toString());
        }
        return o;
    }

    private static void unit(ObjectNode o, String field, JsonNode status) {
        if (status != null && status.isObject()) {
            o.set(field, snakeCase(status));
        }
    }

    static ObjectNode snakeCase(JsonNode camel) {
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = camel.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(snake(e.getKey()), e.getValue());
        }
        return out;
    }

    /** {@code metaBinlogGTID} → {@code meta_binlog_gtid}, {@code blockingDDLs} → {@code blocking_ddls}. */
    static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
