package io.dm4j.common.config;

import io.dm4j.common.config.Schema.Child;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates {@code docs/configuration.md} from the key declarations, so the reference cannot drift from what the
 * loaders accept. Run {@code main} (or the test with {@code -Ddm4j.regenerateDocs=true}) after changing a key.
 */
public final class ConfigReference {
    private ConfigReference() {
    }

    /** Writes the reference to {@code args[0]} (default {@code docs/configuration.md}). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(out, markdown());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** The whole reference. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(INTRO);
        file(sb, "Source file (`source.yaml`)", "YAML, loaded by `dmctl operate-source create`. One upstream MySQL/MariaDB server.",
                SourceConfig.SCHEMA);
        file(sb, "Task file (`task.yaml`)", "YAML, given to `dmctl start-task` / `check-task`. Global settings, named rules, "
                + "and one `mysql-instances` entry per source; each entry names the rules it uses.", TaskConfig.SCHEMA);
        sb.append("### Binlog event names\n\n`events` of a `filters` rule takes these names (case-insensitive; "
                + "`create schema`, `drop schema` and `alter schema` mean the `database` forms). An unknown name next to known ones is "
                + "ignored with a warning (DM never matches it); a rule with only unknown names is an error.\n\n");
        for (String e : FilterEventNames.ALL) {
            sb.append("`").append(e).append("`").append(e.equals(FilterEventNames.ALL.get(FilterEventNames.ALL.size() - 1)) ? "\n\n" : ", ");
        }
        file(sb, "dm-master (`dm-master.toml`)", "TOML, `dm-master --config`. Every key can also be given as a command-line flag "
                + "of the same name (`--master-addr`, ...); flags win over the file.", MasterConfig.SCHEMA);
        file(sb, "dm-worker (`dm-worker.toml`)", "TOML, `dm-worker --config`. Every key can also be given as a command-line flag "
                + "of the same name; flags win over the file.", WorkerConfig.SCHEMA);
        sb.append(OUTRO);
        return sb.toString();
    }

    private static void file(StringBuilder sb, String title, String intro, Schema schema) {
        sb.append("## ").append(title).append("\n\n").append(intro).append("\n\n");
        // Each distinct mapping is documented once, at the shallowest path that reaches it (breadth first),
        // so shared sections such as `mydumpers.<name>` are described where users define them.
        Map<Schema, String> canonical = new LinkedHashMap<>();
        Deque<Map.Entry<String, Schema>> queue = new ArrayDeque<>();
        queue.add(Map.entry("", schema));
        while (!queue.isEmpty()) {
            Map.Entry<String, Schema> next = queue.poll();
            if (canonical.containsKey(next.getValue())) {
                continue;
            }
            canonical.put(next.getValue(), next.getKey());
            for (Child c : next.getValue().children()) {
                queue.add(Map.entry(childPath(next.getKey(), c), c.schema()));
            }
        }
        canonical.forEach((s, path) -> section(sb, path, s, canonical));
    }

    private static void section(StringBuilder sb, String path, Schema schema, Map<Schema, String> canonical) {
        if (!path.isEmpty()) {
            sb.append("### `").append(path).append("`\n\n").append(schema.doc()).append("\n\n");
        }
        sb.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        for (Object m : schema.members()) {
            if (m instanceof Option<?> o) {
                row(sb, o.key(), o.type().name(), o.shownDefault(), describe(o.doc(), o.deprecation(), o.isHidden()));
            } else {
                Child c = (Child) m;
                String where = canonical.get(c.schema());
                String doc = c.doc() + (where.equals(childPath(path, c)) ? " See `" + where + "`." : " Same keys as `" + where + "`.");
                row(sb, c.key(), shape(c), c.isRequired() ? "(required)" : "", describe(doc, c.deprecation(), false));
            }
        }
        sb.append('\n');
    }

    private static String childPath(String path, Child c) {
        String base = path.isEmpty() ? c.key() : path + "." + c.key();
        switch (c.shape()) {
            case LIST:
                return base + "[]";
            case NAMED:
                return base + ".<name>";
            default:
                return base;
        }
    }

    private static String shape(Child c) {
        switch (c.shape()) {
            case LIST:
                return "list of mappings";
            case NAMED:
                return "mapping of named rules";
            default:
                return "mapping";
        }
    }

    private static String describe(String doc, String deprecation, boolean hidden) {
        String d = doc;
        if (deprecation != null) {
            d = "**Deprecated**: " + deprecation + ". " + d;
        }
        if (hidden) {
            d = d + " (Hidden in DM.)";
        }
        return d;
    }

    private static void row(StringBuilder sb, String key, String type, String def, String doc) {
        String shownDefault = def.isEmpty() ? "" : def.equals("(required)") ? "required" : "`" + def.replace("`", "") + "`";
        sb.append("| `").append(key).append("` | ").append(cell(type)).append(" | ").append(cell(shownDefault)).append(" | ")
                .append(cell(doc)).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static final String INTRO = """
            # Configuration reference

            <!-- Generated by io.dm4j.common.config.ConfigReference from the key declarations; do not edit by hand.
                 Regenerate: mvn -B -q -o -pl common test -Dtest=ConfigReferenceTest -Ddm4j.regenerateDocs=true -->

            dm4j reads the same four files as TiDB Data Migration (DM), with DM's key names and defaults, so existing DM
            files load unchanged (deprecated keys included; they are accepted with a warning). Samples live in `conf/`.

            How files are checked:

            - Unknown keys are errors, with a "did you mean" suggestion; a key given twice is an error.
            - Every problem names the file, the full key path (e.g. `mysql-instances[0].route-rules`), the line and column
              (YAML files), what is wrong and what is allowed. All problems of a file are reported together.
            - Scalars are read as written: a session variable `off` stays `off`, `1` stays `1`.
            - Durations use DM's syntax (`30s`, `5m`, `1h30m`); sizes accept `500m`, `64MiB`, `2GB` (powers of 1024).
            - A task file is also checked as a whole: references from `mysql-instances` to named rules must exist, a
              named rule no instance uses is an error (`routes`, `filters`, `expression-filter`, `mydumpers`, `loaders`,
              `syncers`, `validators`, as in DM), an inline `mydumper`/`loader`/`syncer` next to the matching
              `*-config-name` is a conflict, a source may appear once, `safe-mode: true` with `safe-mode-duration: 0s` is
              a contradiction. With the source files at hand, an `incremental` task's `meta` on a source with
              `enable-gtid: true` must give `binlog-gtid`.

            """;

    private static final String OUTRO = """
            ## Encrypted passwords (`dmctl encrypt`)

            `password` in `from` (source file) and `target-database` (task file) may be plain text or encrypted:

            ```
            $ dmctl encrypt 'secret'
            ZG00agEA...
            ```

            - dm4j encrypts with AES-256-GCM and writes base64 text that always starts with `ZG00agEA` (a fixed marker, so
              encrypted values are recognisable). Passwords encrypted by DM's own `dmctl encrypt` (AES with a `@`
              separated IV) are read as well.
            - The key is 32 bytes written as 64 hex characters, taken from the file named by `secret-key-path`
              (dm-master/dm-worker, as DM's `--secret-key-path`), else from the environment variable `DM4J_SECRET_KEY`,
              else a built-in key. The built-in key is public (older DM versions shipped the same one), so without your
              own key encryption only **obfuscates** the password; anyone with dm4j can decrypt it.
            - A value that is not an encrypted password is used as the plain password, as in DM. A value with the
              `ZG00agEA` marker that does not decrypt with the configured key is an error (`ErrConfigDecryptPassword`):
              it was encrypted with another key.
            - Passwords never appear in logs or in the printed configuration (`******`).

            ## Keeping this file current

            This file is generated from the key declarations in `common/src/main/java/io/dm4j/common/config`. A unit test
            (`ConfigReferenceTest`) fails when it is out of date; regenerate with

            ```
            mvn -B -q -o -pl common test -Dtest=ConfigReferenceTest -Ddm4j.regenerateDocs=true
            ```
            """;
}
