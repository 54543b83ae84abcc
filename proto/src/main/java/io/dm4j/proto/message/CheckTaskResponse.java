package io.dm4j.proto.message;

import java.util.List;

/**
 * The answer of {@code check-task}: {@code result} false when a check failed; {@code msg} is a text table of the
 * failures and warnings (or {@code pre-check is passed. }); {@code results} holds every finding, passed ones too.
 */
public record CheckTaskResponse(boolean result, String msg, CheckSummary summary, List<CheckResult> results) {
    public CheckTaskResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
