package io.dm4j.common.config;

import io.dm4j.common.errors.ErrorCode;

/**
 * One thing wrong (or, for warnings, worth knowing) about a configuration file: which file, which key (full dotted
 * path such as {@code mysql-instances[0].route-rules}), where, and what.
 *
 * @param fileKind "task", "source", "dm-master", "dm-worker"
 * @param file     the file path (or the origin given with the text); "" when the problems are not about a file
 * @param key      full dotted key path; "" for the whole file
 */
public record ConfigProblem(ErrorCode code, String fileKind, String file, String key, Mark mark, String message) {

    /** What was read: {@code task file `x.yaml`}, or just the kind when there is no file (e.g. command-line flags). */
    public String subject() {
        return file.isEmpty() ? fileKind : fileKind + " file `" + file + "`";
    }

    /** A complete sentence naming file, key and position, e.g. for the DmException message. */
    public String describe() {
        StringBuilder sb = new StringBuilder(subject());
        if (!key.isEmpty()) {
            sb.append(", key `").append(key).append('`');
        }
        if (mark.known()) {
            sb.append(" (").append(mark.describe()).append(')');
        }
        return sb.append(": ").append(message).toString();
    }
}
