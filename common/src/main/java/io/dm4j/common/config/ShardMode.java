package io.dm4j.common.config;

import java.util.List;

/** {@code shard-mode}: coordination of shard DDL when several upstream tables merge into one ({@code ""} = none). */
public enum ShardMode implements ConfigEnum {
    NONE("", List.of()),
    PESSIMISTIC("pessimistic", List.of()),
    OPTIMISTIC("optimistic", List.of());

    private final String label;
    private final List<String> aliases;

    ShardMode(String label, List<String> aliases) {
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
