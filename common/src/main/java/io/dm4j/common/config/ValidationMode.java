package io.dm4j.common.config;

import java.util.List;

/** {@code validators.mode}: continuous validation ({@code fast} = row exists downstream, {@code full} = row equal). */
public enum ValidationMode implements ConfigEnum {
    NONE("none", List.of()),
    FAST("fast", List.of()),
    FULL("full", List.of());

    private final String label;
    private final List<String> aliases;

    ValidationMode(String label, List<String> aliases) {
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
