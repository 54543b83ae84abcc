package io.dm4j.common.config;

import io.dm4j.common.config.ConfigNode.MapNode;
import io.dm4j.common.config.ConfigTreeReader.Format;
import java.util.Map;

/** The one path every file takes: parse → read against the schema → build and check → throw all errors at once. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    interface Builder<T> {
        T build(Values values, Problems problems);
    }

    static <T> LoadedConfig<T> read(String text, String origin, String fileKind, Format format, Schema schema,
                                    Encryptor encryptor, Builder<T> builder) {
        return read(text, origin, fileKind, format, schema, encryptor, Map.of(), builder);
    }

    /** Like {@link #read(String, String, String, Format, Schema, Encryptor, Builder)} with command-line flags over the file. */
    static <T> LoadedConfig<T> read(String text, String origin, String fileKind, Format format, Schema schema,
                                    Encryptor encryptor, Map<String, String> flags, Builder<T> builder) {
        Problems problems = new Problems(fileKind, origin);
        MapNode tree = ConfigTreeReader.parse(text == null ? "" : text, format, problems);
        if (!flags.isEmpty()) {
            Problems flagProblems = new Problems(fileKind + " command-line flags", "");
            tree = SchemaReader.overlay(tree, flags, schema, flagProblems);
            flagProblems.throwIfErrors();
        }
        Values values = new SchemaReader(problems, new ReadContext(encryptor)).read(tree, schema, "");
        T config = builder.build(values, problems);
        problems.throwIfErrors();
        return new LoadedConfig<>(config, problems.warnings());
    }
}
