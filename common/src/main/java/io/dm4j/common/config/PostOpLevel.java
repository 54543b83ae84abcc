package io.dm4j.common.config;

import java.util.List;

/** {@code loaders.checksum-physical} / {@code loaders.analyze}: whether the step runs and whether its failure stops the task. */
public enum PostOpLevel implements ConfigEnum {
    REQUIRED("required", List.of()),
    OPTIONAL("optional", List.of()),
    OFF("off", List.of());

    private final String label;
    private final List<String> aliases;

    PostOpLevel(String label, List<String> aliases) {
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
