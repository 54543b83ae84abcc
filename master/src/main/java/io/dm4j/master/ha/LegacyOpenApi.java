package io.dm4j.master.ha;

import io.dm4j.master.openapi.StoredTexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code data-dir/openapi} of an earlier release, where the master that led kept the OpenAPI's created tasks
 * ({@code tasks/NAME.yaml}) and templates ({@code templates/NAME.json}). Moved once into the replicated state (names
 * already there win), then renamed to {@code openapi.migrated}, kept as a backup.
 */
final class LegacyOpenApi {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyOpenApi.class);
    private static final Map<String, String> EXTENSIONS = Map.of(StoredTexts.TASKS, ".yaml", StoredTexts.TEMPLATES, ".json");

    private LegacyOpenApi() {
    }

    static Path dir(Path dataDir) {
        return dataDir.resolve("openapi");
    }

    /** The entries that move the old texts into the replicated state; empty when there is nothing to move. */
    static List<RaftEntry.OpenApiText> find(Path dataDir) throws IOException {
        List<RaftEntry.OpenApiText> out = new ArrayList<>();
        for (var kind : new java.util.TreeMap<>(EXTENSIONS).entrySet()) {
            Path sub = dir(dataDir).resolve(kind.getKey());
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    String name = file.substring(0, Math.max(0, file.length() - kind.getValue().length()));
                    if (file.endsWith(kind.getValue()) && StoredTexts.NAME.matcher(name).matches()) {
                        out.add(new RaftEntry.OpenApiText(kind.getKey(), name, Files.readString(f, StandardCharsets.UTF_8), true));
                    }
                }
            }
        }
        return out;
    }

    /** Renames the old directory once its texts are in the replicated state. */
    static void retire(Path dataDir) {
        Path d = dir(dataDir);
        try {
            if (Files.exists(d)) {
                Files.move(d, dataDir.resolve("openapi.migrated"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot rename {} after migrating it: {}; it is migrated again (names already stored win) at the next start",
                    d, e.toString());
        }
    }
}
