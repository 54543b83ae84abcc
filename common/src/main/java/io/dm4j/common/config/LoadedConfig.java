package io.dm4j.common.config;

import java.util.List;

/** A configuration that loaded and validated, with the warnings found on the way (deprecated keys and the like). */
public record LoadedConfig<T>(T config, List<ConfigProblem> warnings) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
