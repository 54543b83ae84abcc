package io.dm4j.common.config;

import java.util.List;

/** {@code loaders.on-duplicate-physical}: conflict handling of a physical load. */
public enum OnDuplicatePhysical implements ConfigEnum {
    NONE("none", List.of()),
    MANUAL("manual", List.of());

    private final String label;
    private final List<String> aliases;

    OnDuplicatePhysical(String label, List<String> aliases) {
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
