package io.dm4j.proto.message;

/**
 * One finding of the precheck ({@code check-task}, and before every {@code start-task}).
 *
 * @param item        DM's checking-item name, as {@code ignore-checking-items} takes it (e.g. {@code binlog_format})
 * @param state       {@code success}, {@code warn} or {@code fail} (DM's words)
 * @param instance    which database the finding is about, e.g. {@code source mysql-01 (127.0.0.1:3306)}
 * @param found       what was found
 * @param instruction what to do about it; empty on success
 */
public record CheckResult(String item, String state, String instance, String found, String instruction) {
    public static final String SUCCESS = "success";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";
}
