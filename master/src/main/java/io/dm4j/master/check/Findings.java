package io.dm4j.master.check;

import io.dm4j.proto.message.CheckResult;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of the check items, in the order they are made. */
final class Findings {
    private final List<CheckResult> results = new ArrayList<>();

    void success(String item, String instance, String found) {
        results.add(new CheckResult(item, CheckResult.SUCCESS, instance, found, ""));
    }

    void warn(String item, String instance, String found, String instruction) {
        results.add(new CheckResult(item, CheckResult.WARN, instance, found, instruction));
    }

    void fail(String item, String instance, String found, String instruction) {
        results.add(new CheckResult(item, CheckResult.FAIL, instance, found, instruction));
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }
}
