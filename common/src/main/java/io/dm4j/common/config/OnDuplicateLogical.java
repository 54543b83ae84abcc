package io.dm4j.common.config;

import java.util.List;

/** {@code loaders.on-duplicate-logical}: what a logical load does with a row whose key already exists downstream. */
public enum OnDuplicateLogical implements ConfigEnum {
    REPLACE("replace", List.of()),
    IGNORE("ignore", List.of()),
    ERROR("error", List.of());

    private final String label;
    private final List<String> aliases;

    OnDuplicateLogical(String label, List<String> aliases) {
        this.label = label;
        this.aliases = aliases;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
