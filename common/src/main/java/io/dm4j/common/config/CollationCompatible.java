package io.dm4j.common.config;

import java.util.List;

/** {@code collation_compatible}: whether CREATE statements get the upstream default collation appended. */
public enum CollationCompatible implements ConfigEnum {
    LOOSE("loose", List.of()),
    STRICT("strict", List.of());

    private final String label;
    private final List<String> aliases;

    CollationCompatible(String label, List<String> aliases) {
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
