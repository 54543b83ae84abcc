package io.dm4j.common.config;

import io.dm4j.common.errors.ErrorCode;

/**
 * One thing wrong (or, for warnings, worth knowing) about a configuration file: which file, which key (full dotted
 * path such as {@code mysql-instances[0].route-rules}), where, and what.
 *
 * @param fileKind "task", "source", "dm-master", "dm-worker"
 * @param file     the file path, or a description such as "command-line flags"
 * @param key      full dotted key path; "" for the whole file
 */
public record ConfigProblem(ErrorCode code, String fileKind, String file, String key, Mark mark, String message) {

    /** A complete sentence naming file, key and position, e.g. for the DmException message. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(fileKind).append(" file `").append(file).append('`');
        if (!key.isEmpty()) {
            sb.append(", key `").append(key).append('`');
        }
        if (mark.known()) {
            sb.append(" (").append(mark.describe()).append(')');
        }
        return sb.append(": ").append(message).toString();
    }
}
