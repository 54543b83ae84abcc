package io.dm4j.master.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert as posted to the webhooks: {@code kind} ({@link #TASK_PAUSED_WITH_ERROR}, {@link #WORKER_FAILOVER},
 * {@link #LAG_ABOVE_THRESHOLD}), a one-line {@code summary}, and the fields of that kind.
 */
public record Alert(String kind, String summary, Map<String, Object> fields) {
    public static final String TASK_PAUSED_WITH_ERROR = "task_paused_with_error";
    public static final String WORKER_FAILOVER = "worker_failover";
    public static final String LAG_ABOVE_THRESHOLD = "lag_above_threshold";

    public Alert {
        fields = new LinkedHashMap<>(fields);
    }

    /** The JSON object posted: kind, summary, the master's name, the time and the kind's fields. */
    Map<String, Object> body(String master, String time) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("summary", summary);
        body.put("master", master);
        body.put("time", time);
        body.putAll(fields);
        return body;
    }
}
