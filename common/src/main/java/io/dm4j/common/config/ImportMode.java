package io.dm4j.common.config;

import java.util.List;

/** {@code loaders.import-mode}: how dumped data is loaded; DM's legacy {@code sql} and {@code loader} mean {@code logical}. */
public enum ImportMode implements ConfigEnum {
    LOGICAL("logical", List.of("sql", "loader")),
    PHYSICAL("physical", List.of()),
    IMPORT_INTO("import-into", List.of());

    private final String label;
    private final List<String> aliases;

    ImportMode(String label, List<String> aliases) {
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
