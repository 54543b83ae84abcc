package io.dm4j.master.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.master.alert.AlertRules.Observation;
import io.dm4j.master.alert.AlertRules.SubtaskView;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final ProcessError ERROR = new ProcessError(36300, "sync-unit", "downstream", "high",
            "table missing", "Error 1146", "create the table, then resume-task");
    private final AlertRules rules = new AlertRules(Duration.ofSeconds(60));

    private static Observation obs(Map<String, String> bindings, Set<String> alive, SubtaskView... subtasks) {
        return new Observation(bindings, alive, List.of(subtasks));
    }

    private static SubtaskView sub(Stage stage, ProcessError error, long lag) {
        return new SubtaskView("t1", "s1", "w1", stage, error, lag);
    }

    @Test
    void pausedWithErrorAlertsOncePerPause() {
        Map<String, String> b = Map.of("s1", "w1");
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 0))));

        List<Alert> first = rules.check(obs(b, Set.of("w1"), sub(Stage.PAUSED, ERROR, -1)));
        assertEquals(1, first.size());
        Alert a = first.get(0);
        assertEquals(Alert.TASK_PAUSED_WITH_ERROR, a.kind());
        assertEquals("t1", a.fields().get("task"));
        assertEquals("Paused", a.fields().get("stage"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) a.fields().get("error");
        assertEquals(36300, error.get("code"));
        assertEquals("create the table, then resume-task", error.get("workaround"));

        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.PAUSED, ERROR, -1))), "still the same pause");
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 0))));
        assertEquals(1, rules.check(obs(b, Set.of("w1"), sub(Stage.PAUSED, ERROR, -1))).size(), "a new pause");
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.PAUSED, null, -1))));
    }

    @Test
    void lagAlertsWhenItCrossesTheThreshold() {
        Map<String, String> b = Map.of("s1", "w1");
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 60))));
        List<Alert> over = rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 61)));
        assertEquals(1, over.size());
        assertEquals(Alert.LAG_ABOVE_THRESHOLD, over.get(0).kind());
        assertEquals(61L, over.get(0).fields().get("lag_seconds"));
        assertEquals(60L, over.get(0).fields().get("threshold_seconds"));
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 300))));
        assertEquals(List.of(), rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 2))));
        assertEquals(1, rules.check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 99))).size());
        assertEquals(List.of(), new AlertRules(Duration.ZERO).check(obs(b, Set.of("w1"), sub(Stage.RUNNING, null, 9999))),
                "lag-threshold 0s: no lag alerts");
    }

    @Test
    void sourceLeavingAnOfflineWorkerIsAFailover() {
        assertEquals(List.of(), rules.check(obs(Map.of("s1", "w1", "s2", "w2"), Set.of("w1", "w2", "w3"))));
        List<Alert> moved = rules.check(obs(Map.of("s1", "w3", "s2", "w2"), Set.of("w2", "w3")));
        assertEquals(1, moved.size());
        assertEquals(Alert.WORKER_FAILOVER, moved.get(0).kind());
        assertEquals(Map.of("source", "s1", "from_worker", "w1", "to_worker", "w3"), moved.get(0).fields());
        assertTrue(moved.get(0).summary().contains("moved to worker w3"), moved.get(0).summary());

        assertEquals(List.of(), rules.check(obs(Map.of("s1", "w3", "s2", "w1"), Set.of("w1", "w2", "w3"))),
                "a transfer away from a live worker is no failover");
    }
}
