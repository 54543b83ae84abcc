package io.dm4j.common.config;

import java.util.List;

/** An enumerated configuration value: the spelling DM uses and any legacy spellings still accepted. */
public interface ConfigEnum {
    /** The value as written in files, e.g. {@code incremental}. */
    String label();

    /** Older or alternative spellings that mean the same (e.g. {@code sql} for import-mode {@code logical}). */
    default List<String> aliases() {
        return List.of();
    }
}
